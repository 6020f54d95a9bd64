import type { Store } from './db.ts';
import type { ErrorClass, PageObservation, PageRole } from '../model/index.ts';

interface PageRow {
  run_id: number;
  unit_id: string | null;
  role: string;
  column_key: string | null;
  url: string;
  final_url: string;
  ok: number;
  status: number | null;
  error_class: string | null;
  error_permanent: number | null;
  error_message: string | null;
  content_type: string | null;
  encoding: string | null;
  content_hash: string | null;
  bytes: number;
  not_modified: number;
  rendered: number;
  screenshot: string | null;
  attempts: number;
  fetched_at: string;
}

function toPage(r: PageRow): PageObservation {
  return {
    runId: r.run_id,
    unitId: r.unit_id,
    role: r.role as PageRole,
    columnKey: r.column_key,
    url: r.url,
    finalUrl: r.final_url,
    ok: !!r.ok,
    status: r.status,
    errorClass: r.error_class as ErrorClass | null,
    errorPermanent: r.error_permanent === null ? null : !!r.error_permanent,
    errorMessage: r.error_message,
    contentType: r.content_type,
    encoding: r.encoding,
    contentHash: r.content_hash,
    bytes: r.bytes,
    notModified: !!r.not_modified,
    rendered: !!r.rendered,
    screenshot: r.screenshot,
    attempts: r.attempts,
    fetchedAt: r.fetched_at,
  };
}

/** Records a fetched page for a run; a page fetched again in the same run (same role) replaces its row. */
export function recordPage(store: Store, page: PageObservation): void {
  store.db
    .prepare(`INSERT INTO pages (run_id, unit_id, role, column_key, url, final_url, ok, status, error_class, error_permanent,
      error_message, content_type, encoding, content_hash, bytes, not_modified, rendered, screenshot, attempts, fetched_at)
    VALUES (@runId, @unitId, @role, @columnKey, @url, @finalUrl, @ok, @status, @errorClass, @errorPermanent, @errorMessage,
      @contentType, @encoding, @contentHash, @bytes, @notModified, @rendered, @screenshot, @attempts, @fetchedAt)
    ON CONFLICT(run_id, url, role) DO UPDATE SET unit_id = excluded.unit_id, column_key = excluded.column_key,
      final_url = excluded.final_url, ok = excluded.ok, status = excluded.status, error_class = excluded.error_class,
      error_permanent = excluded.error_permanent, error_message = excluded.error_message, content_type = excluded.content_type,
      encoding = excluded.encoding, content_hash = excluded.content_hash, bytes = excluded.bytes, not_modified = excluded.not_modified,
      rendered = excluded.rendered, screenshot = COALESCE(excluded.screenshot, pages.screenshot), attempts = excluded.attempts,
      fetched_at = excluded.fetched_at`)
    .run({
      ...page,
      ok: page.ok ? 1 : 0,
      errorPermanent: page.errorPermanent === null ? null : page.errorPermanent ? 1 : 0,
      notModified: page.notModified ? 1 : 0,
      rendered: page.rendered ? 1 : 0,
    });
}

/** A page this run already fetched (any role): lets a resumed run skip refetching it. */
export function getRunPage(store: Store, runId: number, url: string): PageObservation | null {
  const row = store.db.prepare('SELECT * FROM pages WHERE run_id = ? AND url = ? ORDER BY ok DESC, id DESC LIMIT 1').get(runId, url) as
    | PageRow
    | undefined;
  return row ? toPage(row) : null;
}

export function listRunPages(store: Store, runId: number, unitId?: string): PageObservation[] {
  const rows =
    unitId === undefined
      ? store.db.prepare('SELECT * FROM pages WHERE run_id = ? ORDER BY id').all(runId)
      : store.db.prepare('SELECT * FROM pages WHERE run_id = ? AND unit_id = ? ORDER BY id').all(runId, unitId);
  return (rows as PageRow[]).map(toPage);
}

export function setPageScreenshot(store: Store, runId: number, url: string, screenshot: string): void {
  store.db.prepare('UPDATE pages SET screenshot = ? WHERE run_id = ? AND url = ?').run(screenshot, runId, url);
}

export interface HttpCacheEntry {
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentHash: string;
  contentType: string | null;
  status: number;
  fetchedAt: string;
  validatedAt: string;
  /** The charset the body decoded with (null in entries written before it was kept). */
  encoding?: string | null;
}

export function getHttpCache(store: Store, url: string): HttpCacheEntry | null {
  const r = store.db.prepare('SELECT * FROM http_cache WHERE url = ?').get(url) as
    | {
        url: string;
        etag: string | null;
        last_modified: string | null;
        content_hash: string;
        content_type: string | null;
        status: number;
        fetched_at: string;
        validated_at: string;
        encoding: string | null;
      }
    | undefined;
  if (!r) return null;
  return {
    url: r.url,
    etag: r.etag,
    lastModified: r.last_modified,
    contentHash: r.content_hash,
    contentType: r.content_type,
    status: r.status,
    fetchedAt: r.fetched_at,
    validatedAt: r.validated_at,
    encoding: r.encoding,
  };
}

export function putHttpCache(store: Store, e: HttpCacheEntry): void {
  store.db
    .prepare(`INSERT INTO http_cache (url, etag, last_modified, content_hash, content_type, status, fetched_at, validated_at, encoding)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
    content_hash = excluded.content_hash, content_type = excluded.content_type, status = excluded.status,
    fetched_at = excluded.fetched_at, validated_at = excluded.validated_at, encoding = excluded.encoding`)
    .run(e.url, e.etag, e.lastModified, e.contentHash, e.contentType, e.status, e.fetchedAt, e.validatedAt, e.encoding ?? null);
}

export function touchHttpCache(store: Store, url: string, validatedAt: string): void {
  store.db.prepare('UPDATE http_cache SET validated_at = ? WHERE url = ?').run(validatedAt, url);
}

/**
 * Hashes that snapshot retention must keep: bodies and screenshots of pages from runs started within
 * `retentionDays`, and every body the HTTP cache revalidates against.
 */
export function retainedHashes(store: Store, retentionDays: number, now = Date.now()): Set<string> {
  const since = new Date(now - retentionDays * 86_400_000).toISOString();
  const rows = store.db
    .prepare(`SELECT p.content_hash AS h FROM pages p JOIN runs r ON r.id = p.run_id WHERE r.started_at >= ? AND p.content_hash IS NOT NULL
    UNION SELECT p.screenshot FROM pages p JOIN runs r ON r.id = p.run_id WHERE r.started_at >= ? AND p.screenshot IS NOT NULL
    UNION SELECT content_hash FROM http_cache`)
    .all(since, since) as { h: string }[];
  return new Set(rows.map((r) => r.h));
}

/** Whether `task` last ran longer than `everyMs` ago (or never); records now as its last run when it is due. */
export function claimMaintenance(store: Store, task: string, everyMs: number, now = Date.now()): boolean {
  const row = store.db.prepare('SELECT last_at FROM maintenance WHERE task = ?').get(task) as { last_at: string } | undefined;
  if (row && now - Date.parse(row.last_at) < everyMs) return false;
  store.db
    .prepare('INSERT INTO maintenance (task, last_at) VALUES (?, ?) ON CONFLICT(task) DO UPDATE SET last_at = excluded.last_at')
    .run(task, new Date(now).toISOString());
  return true;
}

/** Deletes snapshot and screenshot files past the retention period that nothing recent refers to. */
export function pruneBlobs(
  store: Store,
  retentionDays: number,
  now = Date.now(),
  keep = retainedHashes(store, retentionDays, now),
): number {
  return store.snapshots.prune(retentionDays, keep, now) + store.screenshots.prune(retentionDays, keep, now);
}
