import type { Store } from './db.ts';
import type {
  AttachmentObservation,
  ColumnObservation,
  DetailObservation,
  FeedObservation,
  LinkObservation,
  PageTextObservation,
  UnitObservations,
} from '../model/index.ts';
import { listRunPages } from './pages.ts';
import { readPageTexts, writePageTexts } from './page-texts.ts';

type Db = Store['db'];

export interface UnitObservationBatch {
  columns: ColumnObservation[];
  details: DetailObservation[];
  links: LinkObservation[];
  feeds: FeedObservation[];
  attachments?: AttachmentObservation[];
  pageTexts?: PageTextObservation[];
}

/**
 * Writes everything observed of one unit and marks the unit done, in one transaction: a crash leaves the unit
 * either fully recorded or not at all, so a resumed run redoes exactly the unfinished units.
 */
export function saveUnitObservations(
  store: Store,
  runId: number,
  unitId: string,
  batch: UnitObservationBatch,
  durationMs: number | null = null,
  fault: string | null = null,
): void {
  const db = store.db;
  const tx = db.transaction(() => {
    for (const table of ['column_obs', 'detail_obs', 'link_obs', 'feed_obs', 'attachment_obs']) {
      db.prepare(`DELETE FROM ${table} WHERE run_id = ? AND unit_id = ?`).run(runId, unitId);
    }
    insertColumns(db, runId, unitId, batch.columns);
    insertDetails(db, runId, unitId, batch.details);
    insertLinks(db, runId, unitId, batch.links);
    insertFeeds(db, runId, unitId, batch.feeds);
    insertAttachments(db, runId, unitId, batch.attachments ?? []);
    writePageTexts(store, runId, unitId, batch.pageTexts ?? []);
    db.prepare(
      "INSERT OR REPLACE INTO unit_tasks (run_id, unit_id, state, finished_at, duration_ms, fault) VALUES (?, ?, 'done', ?, ?, ?)",
    ).run(runId, unitId, new Date().toISOString(), durationMs, fault);
  });
  tx.immediate();
}

function insertColumns(db: Db, runId: number, unitId: string, rows: ColumnObservation[]): void {
  const col = db.prepare(`INSERT INTO column_obs (run_id, unit_id, column_key, label, url, source, status, pages_read, total_pages_seen,
    items_json, placeholder, rendered, content_hash, note, observed_at, nav_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  for (const c of rows) {
    col.run(
      runId,
      unitId,
      c.columnKey,
      c.label,
      c.url,
      c.source,
      c.status,
      c.pagesRead,
      c.totalPagesSeen,
      JSON.stringify(c.items),
      c.placeholder,
      c.rendered ? 1 : 0,
      c.contentHash,
      c.note,
      c.observedAt,
      c.nav ? JSON.stringify(c.nav) : null,
    );
  }
}

function insertDetails(db: Db, runId: number, unitId: string, rows: DetailObservation[]): void {
  const det =
    db.prepare(`INSERT OR REPLACE INTO detail_obs (run_id, unit_id, column_key, url, title, published_at, text, fields_json, links_json,
    tables_json, content_hash, fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
  for (const d of rows) {
    det.run(
      runId,
      unitId,
      d.columnKey,
      d.url,
      d.title,
      d.publishedAt,
      d.text,
      JSON.stringify(d.fields),
      JSON.stringify(d.links),
      JSON.stringify(d.tables ?? []),
      d.contentHash,
      d.fetchedAt,
    );
  }
}

function insertLinks(db: Db, runId: number, unitId: string, rows: LinkObservation[]): void {
  const link =
    db.prepare(`INSERT OR REPLACE INTO link_obs (run_id, unit_id, page_url, target, text, in_scope, outcome, status, error_class, method,
    checked_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  for (const l of rows) {
    link.run(runId, unitId, l.pageUrl, l.target, l.text, l.inScope ? 1 : 0, l.outcome, l.status, l.errorClass, l.method, l.checkedAt);
  }
}

function insertFeeds(db: Db, runId: number, unitId: string, rows: FeedObservation[]): void {
  const feed =
    db.prepare(`INSERT OR REPLACE INTO feed_obs (run_id, unit_id, platform, account, feed_url, source, ok, error_class, error, posts_json,
    fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  for (const f of rows) {
    feed.run(
      runId,
      unitId,
      f.platform,
      f.account,
      f.feedUrl,
      f.source,
      f.ok ? 1 : 0,
      f.errorClass,
      f.error,
      JSON.stringify(f.posts),
      f.fetchedAt,
    );
  }
}

function insertAttachments(db: Db, runId: number, unitId: string, rows: AttachmentObservation[]): void {
  const att = db.prepare(`INSERT OR REPLACE INTO attachment_obs (run_id, unit_id, page_url, column_key, url, name, format, ok, error, text,
    tables_json, pages, truncated, content_hash, fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  for (const a of rows) {
    att.run(
      runId,
      unitId,
      a.pageUrl,
      a.columnKey,
      a.url,
      a.name,
      a.format,
      a.ok ? 1 : 0,
      a.error,
      a.text,
      JSON.stringify(a.tables),
      a.pages,
      a.truncated ? 1 : 0,
      a.contentHash,
      a.fetchedAt,
    );
  }
}

/**
 * Units of a run that could not be inspected this time (cut off by their time budget, or their home page could not
 * be analysed), with the reason: the checks skip them, the run's other units are complete.
 */
export function faultedUnits(store: Store, runId: number): Map<string, string> {
  const rows = store.db.prepare('SELECT unit_id, fault FROM unit_tasks WHERE run_id = ? AND fault IS NOT NULL').all(runId) as {
    unit_id: string;
    fault: string;
  }[];
  return new Map(rows.map((r) => [r.unit_id, r.fault]));
}

export function doneUnits(store: Store, runId: number): Set<string> {
  const rows = store.db.prepare("SELECT unit_id FROM unit_tasks WHERE run_id = ? AND state = 'done'").all(runId) as { unit_id: string }[];
  return new Set(rows.map((r) => r.unit_id));
}

/** How long each unit took in the latest complete run of this kind (the crawl starts the slowest first). */
export function previousUnitDurations(store: Store, kind: string): Map<string, number> {
  const rows = store.db
    .prepare(`SELECT t.unit_id, t.duration_ms FROM unit_tasks t WHERE t.duration_ms IS NOT NULL AND t.run_id =
      (SELECT id FROM runs WHERE kind = ? AND status = 'complete' ORDER BY id DESC LIMIT 1)`)
    .all(kind) as { unit_id: string; duration_ms: number }[];
  return new Map(rows.map((r) => [r.unit_id, r.duration_ms]));
}

/** Units whose pages failed with a transient error in the latest complete run of this kind (they wait out retries). */
export function previouslyRetryingUnits(store: Store, kind: string): Set<string> {
  const rows = store.db
    .prepare(`SELECT DISTINCT unit_id FROM pages WHERE ok = 0 AND error_permanent = 0 AND unit_id IS NOT NULL AND run_id =
      (SELECT id FROM runs WHERE kind = ? AND status = 'complete' ORDER BY id DESC LIMIT 1)`)
    .all(kind) as { unit_id: string }[];
  return new Set(rows.map((r) => r.unit_id));
}

/** Units of the latest complete run of this kind that needed a browser (the crawl starts one early for them). */
/** Pages a browser rendered (or whose rendering was reused) in the last complete run of this kind. */
export function previouslyRenderedPages(store: Store, kind: string): { unitId: string; url: string }[] {
  const rows = store.db
    .prepare(`SELECT DISTINCT unit_id, url FROM pages WHERE rendered = 1 AND unit_id IS NOT NULL AND run_id =
      (SELECT id FROM runs WHERE kind = ? AND status = 'complete' ORDER BY id DESC LIMIT 1)`)
    .all(kind) as { unit_id: string; url: string }[];
  return rows.map((r) => ({ unitId: r.unit_id, url: r.url }));
}

export function loadUnitObservations(store: Store, runId: number, unitIds: string[]): UnitObservations[] {
  const db = store.db;
  const pages = listRunPages(store, runId);
  return unitIds.map((unitId) => {
    const columns = unitRows(db, 'column_obs', 'column_key', runId, unitId).map((r) => toColumnObservation(runId, unitId, r));
    const details = unitRows(db, 'detail_obs', 'column_key, url', runId, unitId).map((r) => toDetailObservation(runId, unitId, r));
    const links = unitRows(db, 'link_obs', 'page_url, target', runId, unitId).map((r) => toLinkObservation(runId, unitId, r));
    const feeds = unitRows(db, 'feed_obs', 'platform, account', runId, unitId).map((r) => toFeedObservation(runId, unitId, r));
    const attachments = unitRows(db, 'attachment_obs', 'page_url, url', runId, unitId).map((r) =>
      toAttachmentObservation(runId, unitId, r),
    );
    const unitPages = pages.filter((p) => p.unitId === unitId);
    const home = unitPages.find((p) => p.role === 'home') ?? null;
    const pageTexts = readPageTexts(store, runId, unitId);
    return { unitId, home, columns, details, links, feeds, pages: unitPages, attachments, pageTexts };
  });
}

type Row = Record<string, unknown>;

/** One unit's rows of an observation table; table and order are constants of this file, never input. */
function unitRows(db: Db, table: string, orderBy: string, runId: number, unitId: string): Row[] {
  return db.prepare(`SELECT * FROM ${table} WHERE run_id = ? AND unit_id = ? ORDER BY ${orderBy}`).all(runId, unitId) as Row[];
}

function toColumnObservation(runId: number, unitId: string, r: Row): ColumnObservation {
  return {
    runId,
    unitId,
    columnKey: r.column_key as string,
    label: r.label as string | null,
    url: r.url as string | null,
    source: r.source as ColumnObservation['source'],
    status: r.status as ColumnObservation['status'],
    pagesRead: r.pages_read as number,
    totalPagesSeen: r.total_pages_seen as number | null,
    items: JSON.parse(r.items_json as string),
    placeholder: r.placeholder as string | null,
    rendered: !!r.rendered,
    contentHash: r.content_hash as string | null,
    note: r.note as string | null,
    observedAt: r.observed_at as string,
    ...(r.nav_json ? { nav: JSON.parse(r.nav_json as string) } : {}),
  };
}

function toDetailObservation(runId: number, unitId: string, r: Row): DetailObservation {
  return {
    runId,
    unitId,
    columnKey: r.column_key as string,
    url: r.url as string,
    title: r.title as string,
    publishedAt: r.published_at as string | null,
    text: r.text as string,
    fields: JSON.parse(r.fields_json as string),
    links: JSON.parse(r.links_json as string),
    tables: JSON.parse(r.tables_json as string),
    contentHash: r.content_hash as string | null,
    fetchedAt: r.fetched_at as string,
  };
}

function toLinkObservation(runId: number, unitId: string, r: Row): LinkObservation {
  return {
    runId,
    unitId,
    pageUrl: r.page_url as string,
    target: r.target as string,
    text: r.text as string,
    inScope: !!r.in_scope,
    outcome: r.outcome as LinkObservation['outcome'],
    status: r.status as number | null,
    errorClass: r.error_class as LinkObservation['errorClass'],
    method: r.method as LinkObservation['method'],
    checkedAt: r.checked_at as string | null,
  };
}

function toFeedObservation(runId: number, unitId: string, r: Row): FeedObservation {
  return {
    runId,
    unitId,
    platform: r.platform as string,
    account: r.account as string,
    feedUrl: r.feed_url as string | null,
    source: r.source as FeedObservation['source'],
    ok: !!r.ok,
    errorClass: r.error_class as FeedObservation['errorClass'],
    error: r.error as string | null,
    posts: JSON.parse(r.posts_json as string),
    fetchedAt: r.fetched_at as string,
  };
}

function toAttachmentObservation(runId: number, unitId: string, r: Row): AttachmentObservation {
  return {
    runId,
    unitId,
    pageUrl: r.page_url as string,
    columnKey: r.column_key as string | null,
    url: r.url as string,
    name: r.name as string,
    format: r.format as string,
    ok: !!r.ok,
    error: r.error as string | null,
    text: r.text as string,
    tables: JSON.parse(r.tables_json as string),
    pages: r.pages as number | null,
    truncated: !!r.truncated,
    contentHash: r.content_hash as string | null,
    fetchedAt: r.fetched_at as string,
  };
}

export function importPosts(
  store: Store,
  rows: { unitId: string; platform: string; account: string; title: string; url: string | null; publishedAt: string }[],
  sourceFile: string,
): number {
  const stmt =
    store.db.prepare(`INSERT OR IGNORE INTO imported_posts (unit_id, platform, account, title, url, published_at, imported_at, source_file)
    VALUES (?,?,?,?,?,?,?,?)`);
  let added = 0;
  store.db.transaction(() => {
    const now = new Date().toISOString();
    for (const r of rows) added += stmt.run(r.unitId, r.platform, r.account, r.title, r.url, r.publishedAt, now, sourceFile).changes;
  })();
  return added;
}

export function importedPosts(
  store: Store,
  unitId: string,
): { platform: string; account: string; title: string; url: string | null; publishedAt: string }[] {
  return store.db
    .prepare(
      'SELECT platform, account, title, url, published_at AS publishedAt FROM imported_posts WHERE unit_id = ? ORDER BY published_at',
    )
    .all(unitId) as never;
}

/** Link targets found working since `sinceIso` (newest check each): a re-run within that window need not ask again. */
export function recentWorkingLinks(
  store: Store,
  sinceIso: string,
): Map<string, { status: number | null; method: LinkObservation['method']; checkedAt: string }> {
  const rows = store.db
    .prepare(`SELECT target, status, method, MAX(checked_at) AS checked_at FROM link_obs
    WHERE outcome = 'ok' AND in_scope = 1 AND checked_at >= ? GROUP BY target`)
    .all(sinceIso) as { target: string; status: number | null; method: LinkObservation['method']; checked_at: string }[];
  return new Map(rows.map((r) => [r.target, { status: r.status, method: r.method, checkedAt: r.checked_at }]));
}

/** The text read from an attachment in a run (the workspace shows it, masked, instead of the file itself). */
export function getAttachmentText(
  store: Store,
  runId: number,
  url: string,
): { name: string; format: string; text: string; error: string | null } | null {
  const row = store.db
    .prepare('SELECT name, format, text, error FROM attachment_obs WHERE run_id = ? AND url = ? LIMIT 1')
    .get(runId, url) as { name: string; format: string; text: string; error: string | null } | undefined;
  return row ?? null;
}
