import type { CountyConfig, Rubric } from '../config/index.ts';
import {
  completeInspectionRunsOfYear,
  currentGradeOverrides,
  listManualEntries,
  listMonthlyNotices,
  listTrackedFindings,
  newestColumnLists,
  recordMonthlyNotices,
  type Store,
} from '../store/index.ts';
import { computeScores } from './engine.ts';
import { periodCountsFromList } from './observed-counts.ts';
import type { PeriodCount, ScoreInput, ScoresFile } from './types.ts';

/** Observed items per period for the rubric's quota rows that name a column (each column and period kind once). */
function observedPeriodCounts(store: Store, rubric: Rubric, year: number, asOf: string, known: Set<string>): PeriodCount[] {
  const wanted = new Map<string, Set<'month' | 'quarter'>>();
  for (const cls of Object.values(rubric.classes)) {
    for (const row of cls.rows) {
      if (row.rule.type !== 'quota' || row.rule.column === undefined) continue;
      wanted.set(row.rule.column, (wanted.get(row.rule.column) ?? new Set()).add(row.rule.period));
    }
  }
  return newestColumnLists(store, { year, asOf, columnKeys: [...wanted.keys()] })
    .filter((list) => known.has(list.unitId))
    .flatMap((list) => [...(wanted.get(list.columnKey) ?? [])].flatMap((period) => periodCountsFromList(list, year, period)));
}

/**
 * Recomputes each month's 通报 of the year up to asOf from that month's newest complete inspection run,
 * so the annual notice.monthly item follows the current review decisions.
 */
export function refreshMonthlyNotices(store: Store, year: number, asOf: string): { month: string; runId: number; notified: number }[] {
  const newestByMonth = new Map<string, number>();
  for (const r of completeInspectionRunsOfYear(store, year, asOf)) newestByMonth.set(r.asOf.slice(0, 7), r.id);
  return [...newestByMonth].sort().map(([month, runId]) => ({
    month,
    runId,
    notified: recordMonthlyNotices(store, runId, month).filter((n) => n.state === 'notified').length,
  }));
}

/** Gathers the engine's input from the store: findings of the year's runs up to asOf with their review state. */
export function loadScoreInput(store: Store, opts: { config: CountyConfig; rubric: Rubric; year: number; asOf: string }): ScoreInput {
  const unitNames = new Map(opts.config.units.map((u) => [u.id, u.name]));
  const known = new Set(unitNames.keys());
  const findings = listTrackedFindings(store, { asOf: opts.asOf, year: opts.year, unitNames })
    .filter((f) => known.has(f.unitId))
    .map((f) => ({ ...f, rectified: f.lifecycle.phase === 'rectified' }));
  const overrides = currentGradeOverrides(store, opts.year);
  return {
    rubric: opts.rubric,
    units: opts.config.units.map((u) => ({ id: u.id, name: u.name, class: u.class, keyFields: u.keyFields })),
    findings,
    entries: listManualEntries(store, { year: opts.year }).filter((e) => known.has(e.unitId)),
    notices: listMonthlyNotices(store, opts.year),
    asOf: opts.asOf,
    year: opts.year,
    county: opts.config.county,
    gradeOverrides: new Map([...overrides].map(([id, o]) => [id, { grade: o.grade, reason: o.reason, by: o.by }])),
    periodCounts: observedPeriodCounts(store, opts.rubric, opts.year, opts.asOf, known),
  };
}

export function scoreFromStore(store: Store, opts: { config: CountyConfig; rubric: Rubric; year: number; asOf: string }): ScoresFile {
  refreshMonthlyNotices(store, opts.year, opts.asOf);
  return computeScores(loadScoreInput(store, opts));
}
