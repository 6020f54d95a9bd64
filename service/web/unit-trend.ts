// A unit's month-to-month picture from its tracked findings: per inspection month, how many deductions were
// found (新增 for the first time, 仍存在 from an earlier month) and how many were shown fixed (已整改).
// A month between two inspections that had none is listed as 未检查 (found/added/remaining null), never as 0.
import type { RunRecord, TrackedFinding } from '../../store/index.ts';

export interface MonthTrend {
  month: string;
  /** The inspection run that stands for the month; null: no complete inspection that month (未检查). */
  runId: number | null;
  found: number | null;
  added: number | null;
  rectified: number;
  remaining: number | null;
}

const counts = (f: TrackedFinding) => f.kind === 'deduction' && f.review.status !== 'dismissed';

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The newest complete inspection run of each month. */
function inspectionByMonth(runs: RunRecord[]): Map<string, RunRecord> {
  const byMonth = new Map<string, RunRecord>();
  for (const r of runs) {
    if (r.kind !== 'inspection' || r.status !== 'complete') continue;
    const m = r.asOf.slice(0, 7);
    const cur = byMonth.get(m);
    if (!cur || r.id > cur.id) byMonth.set(m, r);
  }
  return byMonth;
}

/** `runs`: complete inspection runs, any order; the newest run of each month stands for that month. */
export function unitTrend(findings: TrackedFinding[], runs: RunRecord[]): MonthTrend[] {
  const byMonth = inspectionByMonth(runs);
  const months = [...byMonth.keys()].sort();
  if (!months.length) return [];
  const firstMonth = (f: TrackedFinding) => f.evidenceHistory[0]?.asOf.slice(0, 7) ?? f.month;
  const rectifiedIn = (month: string) =>
    findings.filter((f) => counts(f) && f.lifecycle.phase === 'rectified' && f.lifecycle.rectifiedAsOf.startsWith(month)).length;
  const out: MonthTrend[] = [];
  for (let month = months[0]; month <= months[months.length - 1]; month = nextMonth(month)) {
    const run = byMonth.get(month);
    if (!run) {
      out.push({ month, runId: null, found: null, added: null, rectified: rectifiedIn(month), remaining: null });
      continue;
    }
    const seen = findings.filter((f) => counts(f) && f.lifecycle.runs.includes(run.id));
    const added = seen.filter((f) => firstMonth(f) === month).length;
    out.push({ month, runId: run.id, found: seen.length, added, rectified: rectifiedIn(month), remaining: seen.length - added });
  }
  return out;
}
