import type { Store } from './db.ts';
import { reviewStates, type ReviewState } from './review.ts';
import { lapsedDismissal } from './dismissal-scope.ts';

/** A unit's standing in one month's full-coverage inspection (通报). */
export interface MonthlyNotice {
  month: string; // YYYY-MM
  unitId: string;
  state: 'notified' | 'pending'; // pending: only unreviewed monthly findings so far
  runId: number;
  findingIds: string[];
  recordedAt: string;
}

/** A decision that makes a finding count: confirmed, or adjusted to something other than nothing. */
export function countsAsConfirmed(state: ReviewState): boolean {
  if (state.status === 'confirmed') return true;
  if (state.status !== 'adjusted') return false;
  return !(state.occurrences === 0 || (state.occurrences === null && state.points === 0));
}

/**
 * Recomputes the month's 通报 from the run's monthly findings: a unit with at least one confirmed monthly
 * finding is notified; one with only pending ones is listed as pending. Replaces that month's rows.
 */
export function recordMonthlyNotices(store: Store, runId: number, month?: string): MonthlyNotice[] {
  const run = store.db.prepare('SELECT as_of FROM runs WHERE id = ?').get(runId) as { as_of: string } | undefined;
  if (!run) throw new Error(`检查任务 ${runId} 不存在 / run ${runId} not found`);
  const m = month ?? run.as_of.slice(0, 7);
  if (!/^\d{4}-\d{2}$/.test(m)) throw new Error(`月份 "${m}" 应为 YYYY-MM`);
  const rows = store.db
    .prepare(
      "SELECT id, unit_id, title, evidence_json FROM findings WHERE run_id = ? AND monthly = 1 AND kind != 'warning' ORDER BY unit_id, id",
    )
    .all(runId) as { id: string; unit_id: string; title: string; evidence_json: string }[];
  const states = reviewStates(store);
  const byUnit = new Map<string, { confirmed: string[]; pending: string[] }>();
  for (const r of rows) {
    const decided = states.get(r.id) ?? { status: 'pending' as const };
    // a 确认无误 whose content has changed since is pending again
    const state: ReviewState = lapsedDismissal(store, decided, { id: r.id, title: r.title, evidence: JSON.parse(r.evidence_json) })
      ? { status: 'pending' }
      : decided;
    const u = byUnit.get(r.unit_id) ?? { confirmed: [], pending: [] };
    if (countsAsConfirmed(state)) u.confirmed.push(r.id);
    else if (state.status === 'pending') u.pending.push(r.id);
    byUnit.set(r.unit_id, u);
  }
  const recordedAt = new Date().toISOString();
  const notices: MonthlyNotice[] = [];
  for (const [unitId, u] of byUnit) {
    if (u.confirmed.length > 0) notices.push({ month: m, unitId, state: 'notified', runId, findingIds: u.confirmed, recordedAt });
    else if (u.pending.length > 0) notices.push({ month: m, unitId, state: 'pending', runId, findingIds: u.pending, recordedAt });
  }
  store.db
    .transaction(() => {
      store.db.prepare('DELETE FROM monthly_notices WHERE month = ?').run(m);
      const ins = store.db.prepare(
        'INSERT INTO monthly_notices (month, unit_id, state, run_id, finding_ids_json, recorded_at) VALUES (?,?,?,?,?,?)',
      );
      for (const n of notices) ins.run(n.month, n.unitId, n.state, n.runId, JSON.stringify(n.findingIds), n.recordedAt);
    })
    .immediate();
  return notices;
}

interface NoticeRow {
  month: string;
  unit_id: string;
  state: string;
  run_id: number;
  finding_ids_json: string;
  recorded_at: string;
}

function toNotice(r: NoticeRow): MonthlyNotice {
  return {
    month: r.month,
    unitId: r.unit_id,
    state: r.state as MonthlyNotice['state'],
    runId: r.run_id,
    findingIds: JSON.parse(r.finding_ids_json) as string[],
    recordedAt: r.recorded_at,
  };
}

/** Units notified (通报) in a month, for the monthly report. */
export function notifiedUnits(store: Store, month: string): MonthlyNotice[] {
  return (
    store.db.prepare("SELECT * FROM monthly_notices WHERE month = ? AND state = 'notified' ORDER BY unit_id").all(month) as NoticeRow[]
  ).map(toNotice);
}

/** Every recorded notice (notified and pending) of a year, for the annual score. */
export function listMonthlyNotices(store: Store, year: number): MonthlyNotice[] {
  return (store.db.prepare('SELECT * FROM monthly_notices WHERE month LIKE ? ORDER BY month, unit_id').all(`${year}-%`) as NoticeRow[]).map(
    toNotice,
  );
}
