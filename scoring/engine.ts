import { rowsForUnit, rubricClasses, type RubricExtraItem, type RubricRow, type UnitClass } from '../config/index.ts';
import { aggregateGroups, duePeriods } from './groups.ts';
import type { ManualEntry } from '../store/index.ts';
import { applyExtras, applyRule, type ExtraAward, type RuleResult } from './rules.ts';
import { buildRowInput, describeEntry, type Scope } from './row-input.ts';
import { rankTotals, suggestGrades } from './grades.ts';
import type { Basis, ExtraCandidate, IndicatorScore, ScoreInput, ScoresFile, ScoringUnit, UnitScore } from './types.ts';

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Manual entry targets for 综合加分项 / 重大扣分项: `bonus:<id>` / `penalty:<id>` (the two lists share the id "other"). */
export function extraTarget(kind: 'bonus' | 'penalty', id: string): string {
  return `${kind}:${id}`;
}

export function findExtraItem(rubric: ScoreInput['rubric'], target: string): { kind: 'bonus' | 'penalty'; item: RubricExtraItem } | null {
  const m = /^(bonus|penalty):(.+)$/.exec(target);
  if (!m) return null;
  const kind = m[1] as 'bonus' | 'penalty';
  const item = rubric.extras[kind].find((x) => x.id === m[2]);
  return item ? { kind, item } : null;
}

const MANUAL_MODES = new Set(['evidence', 'panel', 'external']);

/** A row whose result is a value someone must give (赋分, 清单, 数量): with nothing given it is 未录入. */
function needsResult(row: RubricRow): boolean {
  const t = row.rule.type;
  return MANUAL_MODES.has(row.mode) || t === 'ranged' || t === 'assigned' || t === 'checklist' || t === 'quota' || t === 'countUp';
}

function missingDataBasis(row: RubricRow): Basis[] {
  if (row.id === 'notice.monthly') return [];
  if (row.rule.type === 'ranged' || row.rule.type === 'assigned') {
    return [{ text: `尚无赋分依据（${row.method}），暂按 0 分计`, status: 'missing' }];
  }
  if (row.rule.type === 'checklist' || row.rule.type === 'quota' || row.rule.type === 'countUp') {
    return [{ text: `未录入（${row.method}）：暂不计分，录入后重新计算`, status: 'missing' }];
  }
  if (MANUAL_MODES.has(row.mode)) return [{ text: `尚未录入审核结果（${row.method}），暂按未扣分计`, status: 'missing' }];
  if (row.mode === 'mixed') return [{ text: `网上检查未发现问题；印证材料部分尚未录入（${row.method}）`, status: 'missing' }];
  return [{ text: '网上检查未发现问题' }];
}

function scoreRow(
  row: RubricRow,
  unit: ScoringUnit,
  input: ScoreInput,
  entry: ManualEntry | undefined,
): { score: IndicatorScore; pointsWithPending: number } {
  const findings = row.id === 'notice.monthly' ? [] : input.findings.filter((f) => f.unitId === unit.id && f.indicator === row.id);
  const notices =
    row.id === 'notice.monthly'
      ? input.notices.filter((n) => n.unitId === unit.id && n.month.startsWith(`${input.year}-`) && n.month <= input.asOf.slice(0, 7))
      : [];
  const rule = row.rule;
  const observed =
    rule.type === 'quota'
      ? {
          periods: duePeriods(rule.period, input.year, input.asOf),
          counts: rule.column === undefined ? null : observedCounts(input, unit.id, rule.column),
        }
      : undefined;
  const run = (scope: Scope): { result: RuleResult; basis: Basis[]; hasData: boolean } => {
    const built = buildRowInput(row, findings, entry, notices, scope, observed);
    return { result: applyRule(row, built.input), basis: built.basis, hasData: built.hasData };
  };
  const confirmed = run('confirmed');
  const all = run('withPending');
  const basis = [...all.basis];
  if (!all.hasData) basis.push(...missingDataBasis(row));
  basis.push({ text: confirmed.result.explanation });
  const score: IndicatorScore = {
    rowId: row.id,
    level1: row.level1,
    level2: row.level2,
    level3: row.level3,
    weight: row.weight,
    deduction: confirmed.result.deduction,
    bonus: confirmed.result.bonus,
    value: confirmed.result.value,
    points: confirmed.result.points,
    capApplied: confirmed.result.capApplied,
    pendingDeduction: round(all.result.deduction - confirmed.result.deduction),
    basis,
  };
  if (row.group !== undefined) score.group = row.group;
  if (!all.hasData && needsResult(row)) score.notEntered = true;
  else if (confirmed.result.notEntered) score.notEnteredParts = confirmed.result.notEntered;
  return { score, pointsWithPending: all.result.points };
}

function observedCounts(input: ScoreInput, unitId: string, column: string): Record<string, number> | null {
  const rows = (input.periodCounts ?? []).filter((c) => c.unitId === unitId && c.column === column);
  if (rows.length === 0) return null;
  const out: Record<string, number> = {};
  for (const c of rows) out[c.period] = (out[c.period] ?? 0) + c.count;
  return out;
}

function scoreExtras(unit: ScoringUnit, input: ScoreInput, entries: ManualEntry[]): UnitScore['extras'] {
  const out: UnitScore['extras'] = [];
  for (const e of entries) {
    const found = findExtraItem(input.rubric, e.target);
    if (!found) continue;
    const award: ExtraAward = { kind: found.kind, item: found.item };
    if (found.item.points === null) award.points = Math.abs(e.points ?? 0);
    else award.count = e.occurrences ?? (e.points !== null ? Math.abs(e.points) / found.item.points : 1);
    const result = applyExtras([award]);
    const line = result.lines[0];
    const points = line ? (found.kind === 'bonus' ? line.points : -line.points) : 0;
    out.push({
      id: e.target,
      label: found.item.label,
      points,
      basis: [
        {
          entryId: e.id,
          text: `人工录入（${e.by}）：${describeEntry(e)}${e.note ? `；${e.note}` : ''}${e.attachment ? `；附件：${e.attachment}` : ''}`,
          status: 'entered',
        },
        { text: line?.explanation ?? `${found.item.label}：0 分` },
      ],
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

const DECIDED = new Set(['confirmed', 'adjusted']);

/** Extras items tied to check ids, with this unit's findings a person confirmed: candidates, never scored here. */
function extraCandidates(unit: ScoringUnit, input: ScoreInput, entries: ManualEntry[]): ExtraCandidate[] {
  const out: ExtraCandidate[] = [];
  for (const kind of ['penalty', 'bonus'] as const) {
    for (const item of input.rubric.extras[kind]) {
      if (!item.checks?.length) continue;
      const found = input.findings.filter((f) => f.unitId === unit.id && item.checks!.includes(f.checkId) && DECIDED.has(f.review.status));
      if (!found.length) continue;
      const target = extraTarget(kind, item.id);
      out.push({
        target,
        label: item.label,
        points: item.points,
        kind,
        findings: found.map((f) => ({ findingId: f.id, text: f.title, url: f.evidence[0]?.url, status: f.review.status })),
        entered: entries.some((e) => e.target === target),
      });
    }
  }
  return out;
}

function scoreUnit(unit: ScoringUnit, input: ScoreInput): UnitScore {
  const entries = input.entries.filter((e) => e.unitId === unit.id && e.year === input.year);
  const rows = rowsForUnit(input.rubric, unit).map((row) =>
    scoreRow(
      row,
      unit,
      input,
      entries.find((e) => e.target === row.id),
    ),
  );
  const extras = scoreExtras(unit, input, entries);
  const candidates = extraCandidates(unit, input, entries);
  const extrasNet = extras.reduce((a, x) => a + x.points, 0);
  const cls = input.rubric.classes[unit.class];
  if (cls && (cls.groups?.length || cls.scaleTo !== undefined)) {
    const draft = aggregateGroups(cls, new Map(rows.map((r) => [r.score.rowId, r.score.points])));
    const ifConfirmed = aggregateGroups(cls, new Map(rows.map((r) => [r.score.rowId, r.pointsWithPending])));
    const out: UnitScore = {
      unitId: unit.id,
      unitName: unit.name,
      class: unit.class,
      total: round(draft.total + extrasNet),
      totalIfPendingConfirmed: round(ifConfirmed.total + extrasNet),
      rank: 0,
      grade: null,
      indicators: rows.map((r) => r.score),
      extras,
      groups: draft.groups,
    };
    if (draft.scaled) out.scaled = draft.scaled;
    if (candidates.length) out.extraCandidates = candidates;
    const missing = rows.filter((r) => r.score.notEntered).map((r) => r.score.rowId);
    if (missing.length) out.notEntered = missing;
    return out;
  }
  const out: UnitScore = {
    unitId: unit.id,
    unitName: unit.name,
    class: unit.class,
    total: round(rows.reduce((a, r) => a + r.score.points, 0) + extrasNet),
    // each row recomputed with pending findings counted, so caps apply to the sum
    totalIfPendingConfirmed: round(rows.reduce((a, r) => a + r.pointsWithPending, 0) + extrasNet),
    rank: 0,
    grade: null,
    indicators: rows.map((r) => r.score),
    extras,
  };
  if (candidates.length) out.extraCandidates = candidates;
  const missing = rows.filter((r) => r.score.notEntered).map((r) => r.score.rowId);
  if (missing.length) out.notEntered = missing;
  return out;
}

/**
 * The annual score: applies the rubric to decided findings, manual entries and monthly 通报, ranks within
 * each class and suggests grades. Pure: the same input gives the same file.
 */
export function computeScores(input: ScoreInput): ScoresFile {
  const units: UnitScore[] = input.units.map((u) => scoreUnit(u, input));
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const grades = {} as ScoresFile['grades'];
  const classes = [...new Set<UnitClass>([...Object.keys(input.rubric.classes), ...input.units.map((u) => u.class)])];
  for (const cls of classes) {
    const members = units.filter((u) => u.class === cls);
    const totals = members.map((u) => ({ unitId: u.unitId, total: u.total }));
    const ranks = rankTotals(totals);
    const grading = input.rubric.grading;
    if (grading === null) {
      for (const u of members) u.rank = ranks.get(u.unitId) ?? 0;
      grades[cls] = { total: members.length, counts: {}, rounding: '考核细则未规定等次比例，不提出等次建议。', ties: '' };
      continue;
    }
    const suggestion = suggestGrades(cls, totals, grading, names, input.rubric.classes[cls]?.label);
    for (const u of members) {
      u.rank = ranks.get(u.unitId) ?? 0;
      u.grade = suggestion.grades.get(u.unitId) ?? null;
      const override = input.gradeOverrides?.get(u.unitId);
      if (override) {
        u.gradeOverride = { grade: override.grade, reason: override.reason, by: override.by };
        u.grade = override.grade;
      }
    }
    const counts: Record<string, number> = Object.fromEntries(grading.order.map((g) => [g, 0]));
    for (const u of members) if (u.grade) counts[u.grade] = (counts[u.grade] ?? 0) + 1;
    const overridden = members.filter((u) => u.gradeOverride);
    grades[cls] = {
      ...suggestion.summary,
      counts,
      rounding:
        suggestion.summary.rounding +
        (overridden.length
          ? `考核小组改定 ${overridden.length} 个单位的等次（${overridden.map((u) => `${u.unitName}：${suggestion.grades.get(u.unitId) ?? '无'}→${u.gradeOverride!.grade}`).join('、')}），各等次个数按改定后统计。`
          : ''),
    };
  }
  const order = new Map(classes.map((c, i) => [c, i]));
  units.sort((a, b) => order.get(a.class)! - order.get(b.class)! || a.rank - b.rank || a.unitId.localeCompare(b.unitId));
  return { year: input.year, asOf: input.asOf, county: input.county, classes: rubricClasses(input.rubric, input.units), units, grades };
}
