// Page texts of homes, column pages and articles (migrations 330, 390), written with the unit's other observations.
import type { Store } from './db.ts';
import type { PageTextObservation } from '../model/index.ts';

/** Replaces the unit's page texts in the run; called inside saveUnitObservations' transaction. */
export function writePageTexts(store: Store, runId: number, unitId: string, texts: PageTextObservation[]): void {
  store.db.prepare('DELETE FROM page_text_obs WHERE run_id = ? AND unit_id = ?').run(runId, unitId);
  const ins = store.db.prepare(`INSERT OR REPLACE INTO page_text_obs (run_id, unit_id, url, role, column_key, title, text, tables_json,
    content_hash, fetched_at, published_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  for (const t of texts) {
    ins.run(
      runId,
      unitId,
      t.url,
      t.role,
      t.columnKey,
      t.title,
      t.text,
      JSON.stringify(t.tables),
      t.contentHash,
      t.fetchedAt,
      t.publishedAt ?? null,
    );
  }
}

export function readPageTexts(store: Store, runId: number, unitId: string): PageTextObservation[] {
  const rows = store.db
    .prepare("SELECT * FROM page_text_obs WHERE run_id = ? AND unit_id = ? ORDER BY role = 'list', column_key, url")
    .all(runId, unitId) as Record<string, unknown>[];
  return rows.map((r) => ({
    runId,
    unitId,
    role: r.role as PageTextObservation['role'],
    columnKey: r.column_key as string | null,
    url: r.url as string,
    title: r.title as string,
    text: r.text as string,
    tables: JSON.parse(r.tables_json as string),
    contentHash: r.content_hash as string | null,
    fetchedAt: r.fetched_at as string,
    publishedAt: r.published_at as string | null,
  }));
}
