import type { Store } from './db.ts';

// Extraction results of a page, keyed by URL, content hash and extractor version: an unchanged page (a 304 or a
// detail page not re-asked) is not parsed again. The crawler owns the JSON's shape; the store only keeps it.

export function getPageAnalysis(store: Store, url: string, contentHash: string, extractor: string): unknown | null {
  const row = store.db
    .prepare('SELECT parts_json FROM page_analyses WHERE url = ? AND content_hash = ? AND extractor = ?')
    .get(url, contentHash, extractor) as { parts_json: string } | undefined;
  return row ? JSON.parse(row.parts_json) : null;
}

/** Whether any analysis of this key is stored for the extractor version (whatever the content hash). */
export function hasPageAnalysis(store: Store, url: string, extractor: string): boolean {
  return store.db.prepare('SELECT 1 FROM page_analyses WHERE url = ? AND extractor = ? LIMIT 1').get(url, extractor) !== undefined;
}

/** `parts` is the analysis object, or its JSON text when the caller already has it. */
export function putPageAnalysis(store: Store, url: string, contentHash: string, extractor: string, parts: unknown, now = new Date()): void {
  const json = typeof parts === 'string' ? parts : JSON.stringify(parts);
  store.db
    .prepare(`INSERT INTO page_analyses (url, content_hash, extractor, parts_json, created_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (url, content_hash, extractor) DO UPDATE SET parts_json = excluded.parts_json`)
    .run(url, contentHash, extractor, json, now.toISOString());
}

export interface PageAnalysisRow {
  url: string;
  contentHash: string;
  extractor: string;
  json: string;
}

/** Several analyses in one transaction. */
export function putPageAnalyses(store: Store, rows: PageAnalysisRow[], now = new Date()): void {
  store.db.transaction(() => {
    for (const r of rows) putPageAnalysis(store, r.url, r.contentHash, r.extractor, r.json, now);
  })();
}

/** Drops analyses of another extractor version, and of content no longer kept (retention). */
export function prunePageAnalyses(store: Store, extractor: string, keep: Set<string>): number {
  let removed = store.db.prepare('DELETE FROM page_analyses WHERE extractor <> ?').run(extractor).changes;
  const del = store.db.prepare('DELETE FROM page_analyses WHERE url = ? AND content_hash = ? AND extractor = ?');
  const rows = store.db.prepare('SELECT url, content_hash FROM page_analyses').all() as { url: string; content_hash: string }[];
  store.db.transaction(() => {
    for (const r of rows) if (!keep.has(r.content_hash)) removed += del.run(r.url, r.content_hash, extractor).changes;
  })();
  return removed;
}
