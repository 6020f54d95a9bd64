import type { Store } from './db.ts';

/** What an inspection run looked at, in the words a 通报 uses: units, columns found and new-media accounts checked. */
export interface RunCoverage {
  units: number;
  columns: number; // columns located on the units' sites (found, whatever their state)
  accounts: number; // new-media accounts whose feed or imported posts were read
}

export function runCoverage(store: Store, runId: number): RunCoverage {
  const units = store.db.prepare('SELECT COUNT(DISTINCT unit_id) AS n FROM unit_tasks WHERE run_id = ?').get(runId) as { n: number };
  const columns = store.db.prepare("SELECT COUNT(*) AS n FROM column_obs WHERE run_id = ? AND status <> 'missing'").get(runId) as {
    n: number;
  };
  const accounts = store.db
    .prepare('SELECT COUNT(*) AS n FROM (SELECT DISTINCT unit_id, platform, account FROM feed_obs WHERE run_id = ?)')
    .get(runId) as { n: number };
  return { units: units.n, columns: columns.n, accounts: accounts.n };
}
