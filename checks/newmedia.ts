// newmedia.stale (N1): gaps between windowStart, every non-pinned post in (windowStart, asOf], and asOf.
import type { FeedObservation } from '../store/index.ts';
import type { UnitConfig } from '../config/index.ts';
import type { Check, CheckContext } from './context.ts';
import type { Finding } from '../model/index.ts';
import { daysBetween, shanghaiDate } from './dates.ts';
import { makeFinding, warningSubject } from './finding.ts';
import { deductionPoints, rubricRow } from './rubric-rows.ts';

function indicatorFor(unit: UnitConfig): string {
  return unit.class === 'B' ? 'newmedia.maintenance' : 'notice.monthly';
}

interface Gap {
  from: string;
  to: string;
  days: number;
}

function newMediaGaps(ctx: CheckContext, feed: FeedObservation): { gaps: Gap[]; last: string } {
  const dates = feed.posts
    .filter((p) => !p.pinned)
    .map((p) => shanghaiDate(p.publishedAt))
    .filter((d): d is string => !!d && d > ctx.window.start && d <= ctx.asOf);
  const points = [ctx.window.start, ...new Set(dates.sort()), ctx.asOf];
  const gaps: Gap[] = [];
  for (let i = 1; i < points.length; i++) {
    const days = daysBetween(points[i - 1], points[i]);
    if (days > ctx.settings.newMediaMaxGapDays) gaps.push({ from: points[i - 1], to: points[i], days });
  }
  return { gaps, last: points[points.length - 2] };
}

function accountLabel(feed: FeedObservation): string {
  return `${feed.platform}:${feed.account}`;
}

export const newMediaStale: Check = {
  id: 'newmedia.stale',
  family: 'newmedia',
  run(ctx, unit, obs) {
    const indicator = indicatorFor(unit);
    const perGap = deductionPoints(rubricRow(ctx, unit, indicator));
    const out: Finding[] = [];
    for (const feed of obs.feeds) {
      const subject = accountLabel(feed);
      const evidenceUrl = feed.feedUrl ?? unit.home;
      if (!feed.ok) {
        out.push(
          makeFinding(unit, {
            checkId: 'newmedia.stale',
            indicator,
            column: null,
            subject: warningSubject(subject),
            kind: 'warning',
            title: `预警：政务新媒体"${feed.account}"的发布数据无法读取`,
            detail: `${feed.source === 'csv' ? '导入的发布记录' : `订阅源 ${feed.feedUrl ?? ''}`}读取失败：${feed.error ?? feed.errorClass ?? '未知错误'}。本次不据此扣分，请人工核查该账号更新情况。`,
            suggestedPoints: 0,
            monthly: true,
            evidence: [{ url: evidenceUrl, excerpt: feed.error ?? '', snapshot: null, fetchedAt: feed.fetchedAt }],
          }),
        );
        continue;
      }
      const { gaps, last } = newMediaGaps(ctx, feed);
      const sinceLast = daysBetween(last, ctx.asOf);
      if (gaps.length > 0) {
        const list = gaps.map((g) => `${g.from} 至 ${g.to}（${g.days} 天）`).join('；');
        out.push(
          makeFinding(unit, {
            checkId: 'newmedia.stale',
            indicator,
            column: null,
            subject,
            kind: 'deduction',
            title: `政务新媒体"${feed.account}"有 ${gaps.length} 次超过 ${ctx.settings.newMediaMaxGapDays} 天未更新`,
            detail: `考核期 ${ctx.window.start} 至检查日 ${ctx.asOf} 内，相邻两次发布（不含置顶）间隔超过 ${ctx.settings.newMediaMaxGapDays} 天的情况：${list}。违反政务新媒体"内容不更新"要求（两周内应有更新，国办秘函〔2019〕19号）${unit.class === 'B' ? '；考核方案 政务新媒体运维情况"不能及时更新，每一次扣2分"' : ''}。`,
            occurrences: gaps.length,
            suggestedPoints: -perGap * gaps.length,
            monthly: true,
            evidence: [{ url: evidenceUrl, excerpt: `最近一次发布 ${last}；${list}`, snapshot: null, fetchedAt: feed.fetchedAt }],
          }),
        );
      } else if (sinceLast >= ctx.settings.newMediaWarnDays) {
        out.push(
          makeFinding(unit, {
            checkId: 'newmedia.stale',
            indicator,
            column: null,
            subject: warningSubject(subject),
            kind: 'warning',
            title: `预警：政务新媒体"${feed.account}"已 ${sinceLast} 天未更新`,
            detail: `最近一次发布（不含置顶）在 ${last}，距检查日 ${ctx.asOf} 共 ${sinceLast} 天；超过 ${ctx.settings.newMediaMaxGapDays} 天将被通报。`,
            suggestedPoints: 0,
            monthly: true,
            evidence: [{ url: evidenceUrl, excerpt: `最近一次发布 ${last}`, snapshot: null, fetchedAt: feed.fetchedAt }],
          }),
        );
      }
    }
    return out;
  },
};
