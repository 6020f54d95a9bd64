// decisions.catalog (P4) and decisions.precomment (P5): ranged rubric rows of B units.
import type { ListItem, UnitObservations } from '../store/index.ts';
import type { UnitConfig } from '../config/index.ts';
import type { Check, CheckContext } from './context.ts';
import { makeFinding } from './finding.ts';
import { columnEvidence, columnGroup, homeUnreachable, notCrawled } from './observed.ts';
import { bounds, signed } from './ranged.ts';
import { rowApplies, rubricRow, ruleQuote } from './rubric-rows.ts';
import { readCatalogRows } from './decision-catalog-rows.ts';
import { readPrecommentRows } from './precomment-rows.ts';
import { sameTopic } from './topics.ts';

type State = { kind: 'absent'; why: string } | { kind: 'unknown'; why: string } | { kind: 'rows'; items: ListItem[] };

function decisionsState(obs: UnitObservations): State | null {
  const group = columnGroup(obs, 'decisions');
  if (group.length === 0) return null;
  const items = group.flatMap((c) => c.items);
  if (items.length > 0) return { kind: 'rows', items };
  if (group.some((c) => c.status === 'unreachable' || c.status === 'unrendered'))
    return { kind: 'unknown', why: '重大行政决策栏目未能读取' };
  return { kind: 'absent', why: group.some((c) => c.status === 'blank') ? '重大行政决策栏目为空' : '未找到重大行政决策栏目' };
}

/** B units only; a row naming responsible units limits it to them. */
function applies(ctx: CheckContext, unit: UnitConfig, obs: UnitObservations, rowId: string): boolean {
  if (unit.class !== 'B' || homeUnreachable(obs) || notCrawled(obs)) return false;
  const row = rubricRow(ctx, unit, rowId);
  return !row || rowApplies(row, unit);
}

export const decisionsCatalog: Check = {
  id: 'decisions.catalog',
  family: 'decisions',
  run(ctx, unit, obs) {
    if (!applies(ctx, unit, obs, 'decisions.catalog')) return [];
    const row = rubricRow(ctx, unit, 'decisions.catalog');
    const state = decisionsState(obs);
    if (!state) return [];
    const { min, max } = bounds(row);
    const year = String(ctx.config.year);
    let value = 0;
    let measured: string;
    if (state.kind === 'absent') {
      value = min;
      measured = state.why;
    } else if (state.kind === 'unknown') {
      measured = state.why;
    } else {
      const s = ctx.settings;
      const words = { catalog: s.decisionsCatalogKeywords, kind: s.decisionsCatalogKindWords, notKind: s.decisionsCatalogNotKindWords };
      const reading = readCatalogRows(state.items, Number(year), words);
      if (reading.state === 'this-year') {
        value = max;
        measured = `栏目中有 ${reading.item.date ?? '无日期'}"${reading.item.title}"`;
      } else if (reading.state === 'unsure') {
        measured = reading.why;
      } else {
        measured = `栏目共 ${state.items.length} 条，${reading.why}，没有 ${year} 年度的决策事项目录`;
      }
    }
    const group = columnGroup(obs, 'decisions');
    return [
      makeFinding(unit, {
        checkId: 'decisions.catalog',
        indicator: 'decisions.catalog',
        column: 'decisions',
        subject: 'decisions.catalog',
        kind: 'ranged',
        title: `重大行政决策事项目录公开：建议赋分 ${signed(value)}`,
        detail: `${measured}。考核方案："${ruleQuote(row, '制定并公开重大行政决策事项目录，赋分-3—3分')}"（重大行政决策程序暂行条例第三条）。${value === 0 ? '自动检查无法确定，请人工评定。' : ''}`,
        suggestedPoints: value,
        confidence: value === 0 ? 'low' : 'high',
        evidence: [columnEvidence(obs, group[0])],
      }),
    ];
  },
};

/** The value of the 预公开 row from the decisions column's rows: this window's named drafts, each with its 解读 and 结果. */
function judgePrecomment(
  ctx: CheckContext,
  obs: UnitObservations,
  state: Exclude<State, { kind: 'unknown' }>,
  { min, max }: { min: number; max: number },
): { value: number; measured: string; reason?: string } {
  const items = state.kind === 'rows' ? state.items : [];
  const s = ctx.settings;
  const r = readPrecommentRows(items, obs.details, ctx.window, s.precommentKeywords);
  const besides = r.notCounted.length > 0 ? `（${r.notCounted.map((x) => x.why).join('；')}）` : '';
  if (r.drafts.length === 0 && r.unsure.length > 0) {
    const why = r.unsure.map((x) => x.why).join('；');
    return { value: 0, measured: `考核期内没有可确认的决策草案征求意见：${why}${besides}`, reason: why };
  }
  if (r.drafts.length === 0) {
    const measured =
      state.kind === 'absent'
        ? `${state.why}，没有征求意见信息`
        : `重大行政决策栏目共 ${items.length} 条，考核期内没有决策草案的征求意见${besides}`;
    return { value: min, measured };
  }
  const lacking = r.drafts
    .map(({ item: d, periodDays }) => {
      const miss: string[] = [];
      if (!r.interps.some((i) => sameTopic(i.title, d.title))) miss.push('解读');
      if (!r.results.some((i) => sameTopic(i.title, d.title))) miss.push('意见征集结果');
      if (periodDays !== null && periodDays < s.precommentMinDays)
        miss.push(`不少于 ${s.precommentMinDays} 日的征求意见期（页面写明 ${periodDays} 日）`);
      return { d, miss };
    })
    .filter((x) => x.miss.length > 0);
  if (lacking.length === 0)
    return { value: max, measured: `考核期内 ${r.drafts.length} 项决策草案征求意见均公开了征求意见稿、解读和意见征集结果` };
  const measured = `征求意见信息不完整：${lacking.map((x) => `"${x.d.title}"缺${x.miss.join('、')}`).join('；')}`;
  return { value: 0, measured, reason: '部分征求意见缺少解读、结果或规范的征求意见期，完成程度需人工评定' };
}

export const decisionsPrecomment: Check = {
  id: 'decisions.precomment',
  family: 'decisions',
  run(ctx, unit, obs) {
    if (!applies(ctx, unit, obs, 'decisions.precomment')) return [];
    const row = rubricRow(ctx, unit, 'decisions.precomment');
    const state = decisionsState(obs);
    if (!state) return [];
    const judged = state.kind === 'unknown' ? { value: 0, measured: state.why } : judgePrecomment(ctx, obs, state, bounds(row));
    const { value, measured } = judged;
    const group = columnGroup(obs, 'decisions');
    return [
      makeFinding(unit, {
        checkId: 'decisions.precomment',
        indicator: 'decisions.precomment',
        column: 'decisions',
        subject: 'decisions.precomment',
        kind: 'ranged',
        title: `重大行政决策预公开：建议赋分 ${signed(value)}`,
        detail: `${measured}。考核方案："${ruleQuote(row, '开展重大行政决策意见征集完成情况，赋分-3—3分')}"（重大行政决策程序暂行条例第十四条、第十五条）。${value === 0 ? '自动检查无法确定，请人工评定。' : ''}`,
        suggestedPoints: value,
        confidence: value === 0 ? 'low' : 'high',
        ...('reason' in judged ? { confidenceReason: judged.reason } : {}),
        evidence: [columnEvidence(obs, group[0])],
      }),
    ];
  },
};
