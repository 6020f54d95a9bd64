// link.broken: one finding per page; each broken target counted once per unit, on the first page it appears.
import type { LinkObservation } from '../store/index.ts';
import type { Check } from './context.ts';
import type { Finding } from '../model/index.ts';
import { makeFinding } from './finding.ts';
import { homeUnreachable, notCrawled, pageFor } from './observed.ts';
import { deductionPoints, rubricRow } from './rubric-rows.ts';
import { errorLabel } from './site.ts';

/** Crawl order of pages: home first, then the order pages were stored, then order of appearance. */
function pageOrder(obs: Parameters<Check['run']>[2], url: string): number {
  if (obs.home && (obs.home.url === url || obs.home.finalUrl === url)) return -1;
  const i = obs.pages.findIndex((p) => p.url === url || p.finalUrl === url);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

export const linkBroken: Check = {
  id: 'link.broken',
  family: 'links',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const broken = obs.links
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => l.outcome === 'broken')
      .sort((a, b) => pageOrder(obs, a.l.pageUrl) - pageOrder(obs, b.l.pageUrl) || a.i - b.i)
      .map(({ l }) => l);
    const counted = new Set<string>();
    const byPage = new Map<string, LinkObservation[]>();
    for (const link of broken) {
      if (counted.has(link.target)) continue;
      counted.add(link.target);
      const list = byPage.get(link.pageUrl) ?? [];
      list.push(link);
      byPage.set(link.pageUrl, list);
    }
    const perLink = deductionPoints(rubricRow(ctx, unit, 'notice.monthly'));
    const out: Finding[] = [];
    for (const [pageUrl, links] of byPage) {
      const page = pageFor(obs, pageUrl);
      const lines = links.map(
        (l) => `"${l.text || '（无文字）'}" → ${l.target}：${errorLabel(l.errorClass, l.status)}${l.method ? `（${l.method}）` : ''}`,
      );
      out.push(
        makeFinding(unit, {
          checkId: 'link.broken',
          indicator: 'notice.monthly',
          column: page?.columnKey ?? null,
          subject: pageUrl,
          kind: 'deduction',
          title: `页面存在 ${links.length} 个无法访问的链接`,
          detail: `页面 ${pageUrl} 上的链接经检测（HEAD 被拒时以 GET 复核，重试后）仍无法访问：${lines.join('；')}。属于政府网站检查指标"可用性"中的错链、断链（国办秘函〔2019〕19号）。同一目标在本单位只计一次。`,
          occurrences: links.length,
          suggestedPoints: -perLink * links.length,
          monthly: true,
          evidence: [
            {
              url: pageUrl,
              excerpt: lines.slice(0, 5).join('；'),
              snapshot: page?.contentHash ?? null,
              screenshot: page?.screenshot ?? null,
              fetchedAt: page?.fetchedAt ?? links[0].checkedAt,
            },
          ],
        }),
      );
    }
    return out;
  },
};
