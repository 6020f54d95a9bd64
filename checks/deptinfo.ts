// deptinfo.stale: 部门信息公开栏公开不及时 (rubric 部门信息公开, 扣2分); threshold deptInfoMaxAgeDays.
import type { Check } from './context.ts';
import { daysBetween } from './dates.ts';
import { makeFinding } from './finding.ts';
import { column, columnEvidence, formatRow, freshness, homeUnreachable, notCrawled } from './observed.ts';
import { deductionPoints, rubricRow, ruleQuote } from './rubric-rows.ts';

export const deptInfoStale: Check = {
  id: 'deptinfo.stale',
  family: 'deptinfo',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const col = column(obs, 'deptInfo');
    if (!col || (col.status !== 'ok' && col.status !== 'blank')) return [];
    const limit = ctx.settings.deptInfoMaxAgeDays;
    const f = freshness(col.items);
    const age = f.newest ? daysBetween(f.newest.date!, ctx.asOf) : null;
    if (col.status === 'ok' && age !== null && age <= limit) return [];
    const row = rubricRow(ctx, unit, 'deptInfo');
    const measured =
      col.status === 'blank'
        ? `部门信息栏目为空（${col.placeholder ? `显示"${col.placeholder}"` : '无条目'}）`
        : f.newest
          ? `最新一条（不含置顶）${f.newest.date}"${f.newest.title}"，距检查日 ${ctx.asOf} 共 ${age} 天，超过 ${limit} 天`
          : `栏目内没有带日期的非置顶条目（无日期条目不计为更新）`;
    const low = col.status === 'ok' && (!f.newest || f.newest.dateSource === 'list-year-inferred');
    return [
      makeFinding(unit, {
        checkId: 'deptinfo.stale',
        indicator: 'deptInfo',
        column: 'deptInfo',
        subject: 'deptInfo',
        kind: 'deduction',
        title: '部门信息公开栏公开不及时',
        detail: `${measured}。考核方案"部门信息公开"：${ruleQuote(row, '部门信息公开栏公开不及时不准确的，扣2分')}。${low ? '注意：最新条目的日期年份为推断或缺少日期，请人工核对。' : ''}`,
        suggestedPoints: -deductionPoints(row),
        confidence: low ? 'low' : 'high',
        evidence: [columnEvidence(obs, col, f.newest ? formatRow(f.newest) : undefined)],
      }),
    ];
  },
};
