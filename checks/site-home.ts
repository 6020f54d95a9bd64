// 首页不更新 (19号 V3) and back-dated home items (V1 弄虚作假：伪造发稿日期), over the home items of every read.
import { vetoThreshold } from '../config/index.ts';
import type { HomeItemRecord } from '../store/index.ts';
import { daysBetween, makeSiteFinding, shanghaiDay, unverifiedNotes } from './site-finding.ts';
import type { SiteCheckInput, SiteFinding } from './site-types.ts';

/** Items that decide freshness: the home's own, or a navigation-only home's second-level pages. Undated never count (V3a). */
function freshnessItems(input: SiteCheckInput): { items: HomeItemRecord[]; level: 1 | 2 } {
  const dated = input.homeItems.filter((i) => i.date !== null && i.date <= input.asOf);
  const home = dated.filter((i) => i.level === 1);
  if (home.length) return { items: home, level: 1 };
  return { items: dated.filter((i) => i.level === 2), level: 2 };
}

export function checkHomeStale(input: SiteCheckInput): SiteFinding[] {
  const { site, table, asOf } = input;
  if (!input.observation?.ok) return []; // an unreadable home is site.availability's, nothing is inferred here
  const staleDays = vetoThreshold(table, 'site.home-stale', 'staleDays');
  const warnDays = vetoThreshold(table, 'site.home-stale', 'warnDays');
  const { items, level } = freshnessItems(input);
  const where = level === 1 ? '首页' : '首页为导航页，其二级页面';
  if (items.length === 0) {
    return [
      makeSiteFinding(site, table, {
        checkId: 'site.home-stale',
        effect: 'info',
        subject: site.home,
        title: `${site.name}首页未发现带发布日期的信息`,
        detail: `首页${input.observation.secondLevelPages.length ? `及 ${input.observation.secondLevelPages.length} 个二级页面` : ''}未读到带日期的条目（无日期条目不算更新）；可能是导航页或由脚本生成，需人工核查"首页不更新"。`,
        confidence: 'low',
        evidence: [
          {
            url: site.home,
            excerpt: `无日期链接 ${input.observation.facts?.undatedLinks ?? 0} 个`,
            snapshot: input.observation.contentHash,
            fetchedAt: input.observation.observedAt,
          },
        ],
      }),
    ];
  }
  const newest = items.reduce((a, b) => (b.date! > a.date! ? b : a));
  const age = daysBetween(newest.date!, asOf);
  const firstRead = input.homeReads[0] ? shanghaiDay(input.homeReads[0]) : asOf;
  const newSeen = items.filter(
    (i) => daysBetween(shanghaiDay(i.firstSeenAt), asOf) <= staleDays.value && i.firstSeenAt > (input.homeReads[0] ?? ''),
  );
  const base =
    `${where}最新信息为"${newest.title}"（${newest.date}），距检查日 ${age} 天；本工具自 ${firstRead} 起共读取首页 ${input.homeReads.length} 次` +
    `${newSeen.length ? `，其间新出现 ${newSeen.length} 条` : '，其间未出现新条目'}。`;
  const evidence = [
    {
      url: newest.pageUrl,
      excerpt: `${newest.date} ${newest.title}`,
      snapshot: input.observation.contentHash,
      fetchedAt: newest.lastSeenAt,
    },
  ];
  if (age > staleDays.value) {
    return [
      makeSiteFinding(site, table, {
        checkId: 'site.home-stale',
        effect: 'veto',
        subject: site.home,
        title: `${site.name}首页超过 ${staleDays.value} 天未更新`,
        detail: `${base}19号"首页不更新"：监测 2 周首页无新增信息即单项否决。`,
        // Positive evidence: the newest dated item is older than the limit; low when we have not watched two weeks ourselves.
        confidence: level === 1 ? 'high' : 'low',
        unverified: unverifiedNotes({ staleDays }),
        evidence,
      }),
    ];
  }
  if (age > warnDays.value) {
    return [
      makeSiteFinding(site, table, {
        checkId: 'site.home-stale',
        effect: 'warning',
        subject: `预警:${site.home}`,
        title: `${site.name}首页 ${age} 天未更新（预警）`,
        detail: `${base}再过 ${staleDays.value - age + 1} 天无新信息即达"首页不更新"单项否决线。`,
        confidence: 'high',
        unverified: unverifiedNotes({ warnDays }),
        evidence,
      }),
    ];
  }
  return [];
}

/**
 * An item first seen after an earlier read of the same page that did not show it, dated well before that read:
 * published now with an old date. Always low confidence: a person decides (pinned or re-ordered lists look alike).
 */
export function checkBackdated(input: SiteCheckInput): SiteFinding[] {
  const { site, table } = input;
  const tolerance = vetoThreshold(table, 'site.backdated', 'backdateToleranceDays');
  const out: SiteFinding[] = [];
  for (const item of input.homeItems) {
    if (!item.date) continue;
    const earlier = input.homeReads.filter((r) => r < item.firstSeenAt);
    if (earlier.length === 0) continue; // present on our first read: nothing to compare with
    const lastRead = earlier[earlier.length - 1];
    const lateBy = daysBetween(item.date, shanghaiDay(lastRead));
    if (lateBy <= tolerance.value) continue;
    out.push(
      makeSiteFinding(site, table, {
        checkId: 'site.backdated',
        effect: 'veto',
        subject: item.url,
        title: `${site.name}首页疑似倒填发稿日期："${item.title}"`,
        detail:
          `该条目标注日期 ${item.date}，但 ${lastRead} 读取首页时尚未出现，首次出现于 ${item.firstSeenAt}（晚于标注日期 ${daysBetween(item.date, shanghaiDay(item.firstSeenAt))} 天）。` +
          `19号"弄虚作假"含伪造发稿日期，属单项否决；也可能是置顶或栏目调整，需人工核实后认定。`,
        confidence: 'low',
        unverified: unverifiedNotes({ backdateToleranceDays: tolerance }),
        evidence: [
          { url: item.url, excerpt: `${item.date} ${item.title}（列于 ${item.pageUrl}）`, snapshot: null, fetchedAt: item.firstSeenAt },
        ],
      }),
    );
  }
  return out;
}
