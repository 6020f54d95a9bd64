import type { RubricRow } from '../config/index.ts';
import type { ManualEntry, MonthlyNotice } from '../store/index.ts';
import type { RuleInput } from './rules.ts';
import type { Basis, ScoringFinding } from './types.ts';

/** Which findings count: the draft counts decided ones only; "if pending were confirmed" counts pending ones too. */
export type Scope = 'confirmed' | 'withPending';

export function findingCounts(f: ScoringFinding, scope: Scope): boolean {
  if (f.rectified || f.kind === 'warning') return false;
  const s = f.review.status;
  if (s === 'confirmed' || s === 'adjusted') return true;
  return s === 'pending' && scope === 'withPending';
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Points per occurrence of a deduction rule; adjusted points are turned into occurrences so caps still apply. */
function deductionStep(row: RubricRow): number | null {
  if (row.rule.type === 'perOccurrence' || row.rule.type === 'once') return row.rule.points;
  return null;
}

/** A finding's effective occurrences / value after an adjust decision. */
export function effectiveAmount(f: ScoringFinding, row: RubricRow): { occurrences: number; value: number; adjusted: boolean } {
  const review = f.review;
  const base = { occurrences: f.occurrences, value: f.suggestedPoints, adjusted: false };
  if (review.status !== 'adjusted') return base;
  if (review.occurrences !== null) return { occurrences: review.occurrences, value: review.points ?? f.suggestedPoints, adjusted: true };
  const pts = review.points ?? 0;
  if (f.kind === 'ranged') return { occurrences: f.occurrences, value: pts, adjusted: true };
  if (f.kind === 'bonus') {
    const step = row.bonus?.points ?? 0;
    return { occurrences: step > 0 ? round(Math.abs(pts) / step) : 0, value: pts, adjusted: true };
  }
  const step = deductionStep(row);
  if (row.rule.type === 'once') return { occurrences: Math.abs(pts) > 0 ? 1 : 0, value: pts, adjusted: true };
  return { occurrences: step ? round(Math.abs(pts) / step) : 0, value: pts, adjusted: true };
}

const STATUS_LABEL: Record<string, string> = { confirmed: '已确认', adjusted: '已调整', pending: '待审核', dismissed: '已驳回' };

function findingBasis(f: ScoringFinding, amount: { occurrences: number; value: number; adjusted: boolean }): Basis {
  const what = f.kind === 'ranged' ? `赋分 ${amount.value}` : `${amount.occurrences} 次`;
  const adj = f.review.status === 'adjusted' ? `；调整理由：${f.review.reason}` : '';
  return {
    findingId: f.id,
    text: `${f.title}（${what}，${STATUS_LABEL[f.review.status] ?? f.review.status}${adj}）`,
    url: f.evidence[0]?.url,
    status: f.review.status,
  };
}

export function describeEntry(e: ManualEntry): string {
  const parts: string[] = [];
  if (e.points !== null) parts.push(`分值 ${e.points}`);
  if (e.occurrences !== null) parts.push(`次数 ${e.occurrences}`);
  if (e.levelId !== null) parts.push(`档次 ${e.levelId}`);
  if (e.value !== null) parts.push(`赋分 ${e.value}`);
  if (e.partValues)
    parts.push(
      `分项 ${Object.entries(e.partValues)
        .map(([k, v]) => `${k}=${v}`)
        .join('，')}`,
    );
  if (e.bonusOccurrences !== null) parts.push(`加分次数 ${e.bonusOccurrences}`);
  if (e.bonusVariants)
    parts.push(
      `加分情形 ${Object.entries(e.bonusVariants)
        .map(([k, v]) => `${k}=${v}`)
        .join('，')}`,
    );
  return parts.join('；');
}

function entryBasis(e: ManualEntry): Basis {
  const attachment = e.attachment ? `；附件：${e.attachment}` : '';
  return { entryId: e.id, text: `人工录入（${e.by}）：${describeEntry(e)}${e.note ? `；${e.note}` : ''}${attachment}`, status: 'entered' };
}

export interface RowInput {
  input: RuleInput;
  basis: Basis[];
  hasData: boolean;
}

/**
 * Turns a row's findings, manual entry and (for notice.monthly) the monthly 通报 into the rule's input.
 * Findings and entry occurrences add up; an entered level or value decides the row (it is the evaluator's finding).
 * An entered signed points value: negative = deduction, positive = bonus, ranged/assigned rows = the value.
 */
export function buildRowInput(
  row: RubricRow,
  findings: ScoringFinding[],
  entry: ManualEntry | undefined,
  notices: MonthlyNotice[],
  scope: Scope,
  observed?: Observed,
): RowInput {
  const t: Tally = { input: {}, basis: [], occurrences: 0, bonusOccurrences: 0, rangedValue: null, hasData: false };
  if (row.id === 'notice.monthly') tallyNotices(t, notices, scope);
  else tallyFindings(t, row, findings, scope);
  if (entry) tallyEntry(t, row, entry);
  if (t.occurrences > 0) t.input.occurrences = round(t.occurrences);
  if (t.bonusOccurrences > 0) t.input.bonusOccurrences = round(t.bonusOccurrences);
  if (t.rangedValue !== null && !t.input.partValues) t.input.value = t.rangedValue;
  // checklist items and quota periods are entered as named values (分项); for a quota, observed counts come first
  // and an entry corrects or completes them period by period
  if (row.rule.type === 'checklist' && t.input.partValues) {
    t.input.items = t.input.partValues;
    delete t.input.partValues;
  }
  if (row.rule.type === 'quota') applyQuotaCounts(t, observed);
  return { input: t.input, basis: t.basis, hasData: t.hasData };
}

type Observed = { periods: string[]; counts: Record<string, number> | null };

/** What a row's findings, entry and notices add up to while its input is built. */
interface Tally {
  input: RuleInput;
  basis: Basis[];
  occurrences: number;
  bonusOccurrences: number;
  rangedValue: number | null;
  hasData: boolean;
}

function tallyNotices(t: Tally, notices: MonthlyNotice[], scope: Scope): void {
  const months = notices.filter((n) => n.state === 'notified' || scope === 'withPending').sort((a, b) => a.month.localeCompare(b.month));
  for (const n of months) {
    t.occurrences += 1;
    t.basis.push({
      text: `${n.month} 全覆盖检查${n.state === 'notified' ? '被通报' : '待审核（如确认将被通报）'}（问题 ${n.findingIds.length} 条，第 ${n.runId} 次检查）`,
      status: n.state === 'notified' ? 'confirmed' : 'pending',
      findingId: n.findingIds[0],
    });
  }
  t.hasData = true;
}

function tallyFindings(t: Tally, row: RubricRow, findings: ScoringFinding[], scope: Scope): void {
  for (const f of findings) {
    if (!findingCounts(f, scope)) continue;
    const amount = effectiveAmount(f, row);
    if (f.kind === 'ranged') t.rangedValue = round((t.rangedValue ?? 0) + amount.value);
    else if (f.kind === 'bonus') t.bonusOccurrences += amount.occurrences;
    else t.occurrences += amount.occurrences;
    t.basis.push(findingBasis(f, amount));
    t.hasData = true;
  }
}

function tallyEntry(t: Tally, row: RubricRow, entry: ManualEntry): void {
  const { input } = t;
  t.hasData = true;
  t.basis.push(entryBasis(entry));
  if (entry.occurrences !== null) t.occurrences += entry.occurrences;
  if (entry.bonusOccurrences !== null) t.bonusOccurrences += entry.bonusOccurrences;
  if (entry.bonusVariants) input.bonusVariants = { ...entry.bonusVariants };
  if (entry.levelId !== null) input.levelId = entry.levelId;
  if (entry.partValues) input.partValues = { ...entry.partValues };
  if (entry.value !== null) t.rangedValue = entry.value;
  if (entry.points !== null) {
    const ranged = row.rule.type === 'ranged' || row.rule.type === 'assigned';
    if (ranged) t.rangedValue = entry.points;
    else if (entry.points > 0 && row.bonus) t.bonusOccurrences += round(entry.points / row.bonus.points);
    else if (entry.points < 0) {
      const step = deductionStep(row);
      if (row.rule.type === 'once') t.occurrences += 1;
      else if (step) t.occurrences += round(-entry.points / step);
    }
  }
}

function applyQuotaCounts(t: Tally, observed: Observed | undefined): void {
  const { input } = t;
  input.periods = observed?.periods;
  const counts = { ...(observed?.counts ?? {}), ...(input.partValues ?? {}) };
  delete input.partValues;
  if (Object.keys(counts).length > 0) input.periodCounts = counts;
  if (observed?.counts) {
    t.hasData = true;
    t.basis.push({
      text: `网上检查：各期发布数量 ${Object.entries(observed.counts)
        .sort()
        .map(([p, c]) => `${p} ${c}`)
        .join('，')}`,
    });
  }
}
