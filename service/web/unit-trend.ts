// A unit's month-to-month picture from its tracked findings: per inspection month, how many deductions were
// found (新增 for the first time, 仍存在 from an earlier month) and how many were shown fixed (已整改).
import type { RunRecord, TrackedFinding } from '../../store/index.ts';

export interface MonthTrend {
  month: string;
  runId: number;
  found: number;
  added: number;
  rectified: number;
  remaining: number;
}

const counts = (f: TrackedFinding) => f.kind === 'deduction' && f.review.status !== 'dismissed';

/** `runs`: complete inspection runs, any order; the newest run of each month stands for that month. */
export function unitTrend(findings: TrackedFinding[], runs: RunRecord[]): MonthTrend[] {
  const byMonth = new Map<string, RunRecord>();
  for (const r of runs) {
    if (r.kind !== 'inspection' || r.status !== 'complete') continue;
    const m = r.asOf.slice(0, 7);
    const cur = byMonth.get(m);
    if (!cur || r.id > cur.id) byMonth.set(m, r);
  }
  const firstMonth = (f: TrackedFinding) => f.evidenceHistory[0]?.asOf.slice(0, 7) ?? f.month;
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, run]) => {
      const seen = findings.filter((f) => counts(f) && f.lifecycle.runs.includes(run.id));
      const added = seen.filter((f) => firstMonth(f) === month).length;
      const rectified = findings.filter(
        (f) => counts(f) && f.lifecycle.phase === 'rectified' && f.lifecycle.rectifiedAsOf.startsWith(month),
      ).length;
      return { month, runId: run.id, found: seen.length, added, rectified, remaining: seen.length - added };
    });
}
