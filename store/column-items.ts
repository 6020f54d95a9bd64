import type { Store } from './db.ts';
import type { ListItem } from '../model/index.ts';

/** A column's list as the newest complete inspection run of the year (up to asOf) read it. */
export interface ColumnListRead {
  runId: number;
  runAsOf: string; // YYYY-MM-DD of the run
  unitId: string;
  columnKey: string;
  pagesRead: number;
  totalPagesSeen: number | null;
  items: ListItem[];
}

/** Column lists (read, or read and blank) of the newest complete inspection run with as_of in the year and not after asOf. */
export function newestColumnLists(store: Store, opts: { year: number; asOf: string; columnKeys: string[] }): ColumnListRead[] {
  if (opts.columnKeys.length === 0) return [];
  const run = store.db
    .prepare(`SELECT id, as_of FROM runs WHERE kind = 'inspection' AND status = 'complete' AND as_of LIKE ? AND as_of <= ?
    ORDER BY as_of DESC, id DESC LIMIT 1`)
    .get(`${opts.year}-%`, opts.asOf) as { id: number; as_of: string } | undefined;
  if (!run) return [];
  const marks = opts.columnKeys.map(() => '?').join(',');
  const rows = store.db
    .prepare(`SELECT unit_id, column_key, pages_read, total_pages_seen, items_json FROM column_obs
    WHERE run_id = ? AND column_key IN (${marks}) AND status IN ('ok', 'blank') ORDER BY unit_id, column_key`)
    .all(run.id, ...opts.columnKeys) as {
    unit_id: string;
    column_key: string;
    pages_read: number;
    total_pages_seen: number | null;
    items_json: string;
  }[];
  return rows.map((r) => ({
    runId: run.id,
    runAsOf: run.as_of.slice(0, 10),
    unitId: r.unit_id,
    columnKey: r.column_key,
    pagesRead: r.pages_read,
    totalPagesSeen: r.total_pages_seen,
    items: JSON.parse(r.items_json) as ListItem[],
  }));
}
