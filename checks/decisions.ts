// decisions.catalog (P4) and decisions.precomment (P5): ranged rubric rows of B units.
import type { ColumnObservation, ListItem, UnitObservations } from '../store/index.ts';
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

/** This year's 目录 in a column where units publish it as a 文件 (check-settings decisionsCatalogAlsoIn), if any. */
function catalogElsewhere(ctx: CheckContext, obs: UnitObservations, words: Parameters<typeof readCatalogRows>[2]) {
  for (const col of obs.columns.filter((c) => ctx.settings.decisionsCatalogAlsoIn.includes(c.columnKey))) {
    const reading = readCatalogRows(col.items, ctx.config.year, words);
    if (reading.state === 'this-year') return { col, item: reading.item };
  }
  return null;
}

/** The value of the 目录 row: this year's 目录 in the decisions column, or named as such in a 文件 column. */
function judgeCatalog(
  ctx: CheckContext,
  obs: UnitObservations,
  state: State,
  { min, max }: { min: number; max: number },
): { value: number; measured: string; column: ColumnObservation; excerpt?: string } {
  const group = columnGroup(obs, 'decisions');
  const s = ctx.settings;
  const year = ctx.config.year;
  const words = { catalog: s.decisionsCatalogKeywords, kind: s.decisionsCatalogKindWords, notKind: s.decisionsCatalogNotKindWords };
  const reading = state.kind === 'rows' ? readCatalogRows(state.items, year, words) : null;
  if (reading?.state === 'this-year')
    return { value: max, measured: `栏目中有 ${reading.item.date ?? '无日期'}"${reading.item.title}"`, column: group[0] };
  const elsewhere = catalogElsewhere(ctx, obs, words);
  if (elsewhere) {
    const { col, item } = elsewhere;
    const measured = `"${col.label ?? col.columnKey}"栏目中有 ${item.date ?? '无日期'}"${item.title}"`;
    return { value: max, measured, column: col, excerpt: `${item.date ?? '无日期'} ${item.title}` };
  }
  if (state.kind === 'absent') return { value: min, measured: state.why, column: group[0] };
  if (state.kind === 'unknown') return { value: 0, measured: state.why, column: group[0] };
  const read = reading ?? readCatalogRows(state.items, year, words);
  if (read.state !== 'none') return { value: 0, measured: read.state === 'unsure' ? read.why : '', column: group[0] };
  const measured = `栏目共 ${state.items.length} 条，${read.why}，没有 ${year} 年度的决策事项目录`;
  return { value: 0, measured, column: group[0] };
}

export const decisionsCatalog: Check = {
  id: 'decisions.catalog',
  family: 'decisions',
  run(ctx, unit, obs) {
    if (!applies(ctx, unit, obs, 'decisions.catalog')) return [];
    const row = rubricRow(ctx, unit, 'decisions.catalog');
    const state = decisionsState(obs);
    if (!state) return [];
    const { value, measured, column, excerpt } = judgeCatalog(ctx, obs, state, bounds(row));
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
        evidence: [columnEvidence(obs, column, excerpt)],
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
