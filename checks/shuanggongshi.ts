// shuanggongshi.missing (B; rubric "双公示"政府网站公开情况; P8): no 许可/处罚 row dated in the window.
import type { Check } from './context.ts';
import { inRange } from './dates.ts';
import { makeFinding } from './finding.ts';
import { columnEvidence, columnGroup, homeUnreachable, notCrawled } from './observed.ts';
import { deductionPoints, rowApplies, rubricRow, ruleQuote } from './rubric-rows.ts';

export const shuanggongshiMissing: Check = {
  id: 'shuanggongshi.missing',
  family: 'shuanggongshi',
  run(ctx, unit, obs) {
    if (unit.class !== 'B' || homeUnreachable(obs) || notCrawled(obs)) return [];
    const row = rubricRow(ctx, unit, 'shuanggongshi.web');
    if (row && !rowApplies(row, unit)) return [];
    const group = columnGroup(obs, 'shuanggongshi');
    if (group.length === 0) return []; // not looked for: nothing can be inferred
    if (group.some((c) => c.status === 'unreachable')) return [];
    const items = group.flatMap((c) => c.items);
    const inWindow = items.filter((i) => i.date && inRange(i.date, ctx.window.start, ctx.window.end));
    if (inWindow.length > 0) return [];
    const main = group.find((c) => c.columnKey === 'shuanggongshi') ?? group[0];
    const unread = group.find((c) => c.status === 'unrendered');
    const unreadWhy = unread ? (unread.note ?? '栏目需浏览器渲染而未渲染') : null;
    const measured = group.every((c) => c.status === 'missing')
      ? '未找到"双公示"栏目'
      : unread && items.length === 0
        ? `"双公示"栏目的条目未能读取（${unreadWhy}）`
        : `"双公示"栏目（含行政许可、行政处罚子栏目）共 ${items.length} 条，没有发布日期在考核期 ${ctx.window.start} 至 ${ctx.window.end} 内的`;
    return [
      makeFinding(unit, {
        checkId: 'shuanggongshi.missing',
        indicator: 'shuanggongshi.web',
        column: 'shuanggongshi',
        subject: 'shuanggongshi',
        kind: 'deduction',
        title: '未通过"双公示"专栏公开行政许可、行政处罚信息',
        detail: `${measured}。考核方案："${ruleQuote(row, '未通过政府门户网站"双公示"专栏公开涉及本单位行政处罚及行政许可信息的，扣4分')}"；行政许可、行政处罚决定应在7个工作日内公示。${unreadWhy ? `注意：${unreadWhy}，自动检查无法确定，请人工核实。` : ''}`,
        suggestedPoints: -deductionPoints(row),
        confidence: unread ? 'low' : 'high',
        evidence: [
          main
            ? columnEvidence(obs, main)
            : { url: obs.home?.url ?? unit.home, excerpt: '未找到双公示栏目', snapshot: obs.home?.contentHash ?? null },
        ],
      }),
    ];
  },
};
