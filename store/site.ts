// Site-level observations: availability probes, home-page items across reads, home-page facts, monthly 19号 results.
import type { Store } from './db.ts';
import { registerMigrations } from './db.ts';
import type { HomeItemRecord, ProbeRecord, SiteObservation } from './site-types.ts';

export type * from './site-types.ts';

registerMigrations([
  {
    version: 190,
    name: 'site-level 19号 self-check: availability probes, home-page items with first-seen time, home-page facts',
    sql: `
      CREATE TABLE site_probes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        site_id TEXT NOT NULL,
        at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('probe','run')),
        ok INTEGER NOT NULL,
        status INTEGER,
        error_class TEXT,
        network_down INTEGER NOT NULL DEFAULT 0,
        reference_checked INTEGER NOT NULL DEFAULT 0,
        elapsed_ms INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0,
        message TEXT
      );
      CREATE INDEX site_probes_by_site ON site_probes(site_id, at);
      CREATE TABLE site_home_items (
        site_id TEXT NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        date TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        level INTEGER NOT NULL DEFAULT 1,
        page_url TEXT NOT NULL,
        PRIMARY KEY (site_id, url)
      );
      CREATE TABLE site_observations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        site_id TEXT NOT NULL,
        run_id INTEGER,
        observed_at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX site_observations_by_site ON site_observations(site_id, observed_at);
    `,
  },
  {
    version: 191,
    name: 'monthly 19号 results per site (score, vetoes, findings) for the trend across months',
    sql: `
      CREATE TABLE site_results (
        site_id TEXT NOT NULL,
        month TEXT NOT NULL,
        as_of TEXT NOT NULL,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (site_id, month)
      );
    `,
  },
]);

interface ProbeRow {
  site_id: string;
  at: string;
  source: string;
  ok: number;
  status: number | null;
  error_class: string | null;
  network_down: number;
  reference_checked: number;
  elapsed_ms: number;
  bytes: number;
  message: string | null;
}

export function saveProbe(store: Store, p: ProbeRecord): void {
  store.db
    .prepare(`INSERT INTO site_probes (site_id, at, source, ok, status, error_class, network_down, reference_checked, elapsed_ms, bytes, message)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(
      p.siteId,
      p.at,
      p.source,
      p.ok ? 1 : 0,
      p.status,
      p.errorClass,
      p.networkDown ? 1 : 0,
      p.referenceChecked ? 1 : 0,
      Math.round(p.elapsedMs),
      p.bytes,
      p.message,
    );
}

/** Probes (and run home fetches) of a site with from <= at < to, oldest first. */
export function listProbes(store: Store, siteId: string, from: string, to: string): ProbeRecord[] {
  const rows = store.db
    .prepare('SELECT * FROM site_probes WHERE site_id = ? AND at >= ? AND at < ? ORDER BY at, id')
    .all(siteId, from, to) as ProbeRow[];
  return rows.map((r) => ({
    siteId: r.site_id,
    at: r.at,
    source: r.source as ProbeRecord['source'],
    ok: r.ok === 1,
    status: r.status,
    errorClass: r.error_class as ProbeRecord['errorClass'],
    networkDown: r.network_down === 1,
    referenceChecked: r.reference_checked === 1,
    elapsedMs: r.elapsed_ms,
    bytes: r.bytes,
    message: r.message,
  }));
}

/** Records the items one read of the home (or a second-level page) showed: new ones get this read's time as first seen. */
export function recordHomeItems(
  store: Store,
  siteId: string,
  at: string,
  level: 1 | 2,
  pageUrl: string,
  items: { url: string; title: string; date: string | null }[],
): void {
  const upsert = store.db.prepare(`INSERT INTO site_home_items (site_id, url, title, date, first_seen_at, last_seen_at, level, page_url)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site_id, url) DO UPDATE SET title = excluded.title, date = excluded.date,
      last_seen_at = MAX(site_home_items.last_seen_at, excluded.last_seen_at),
      first_seen_at = MIN(site_home_items.first_seen_at, excluded.first_seen_at)`);
  store.db.transaction(() => {
    for (const it of items) upsert.run(siteId, it.url, it.title, it.date, at, at, level, pageUrl);
  })();
}

export function listHomeItems(store: Store, siteId: string): HomeItemRecord[] {
  const rows = store.db.prepare('SELECT * FROM site_home_items WHERE site_id = ? ORDER BY first_seen_at, url').all(siteId) as {
    site_id: string;
    url: string;
    title: string;
    date: string | null;
    first_seen_at: string;
    last_seen_at: string;
    level: number;
    page_url: string;
  }[];
  return rows.map((r) => ({
    siteId: r.site_id,
    url: r.url,
    title: r.title,
    date: r.date,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    level: r.level === 2 ? 2 : 1,
    pageUrl: r.page_url,
  }));
}

export function saveSiteObservation(store: Store, obs: SiteObservation): void {
  store.db
    .prepare('INSERT INTO site_observations (site_id, run_id, observed_at, json) VALUES (?, ?, ?, ?)')
    .run(obs.siteId, obs.runId, obs.observedAt, JSON.stringify(obs));
}

/** The newest observation of the site at or before `at` (ISO), or null. */
export function latestSiteObservation(store: Store, siteId: string, at: string): SiteObservation | null {
  const row = store.db
    .prepare('SELECT json FROM site_observations WHERE site_id = ? AND observed_at <= ? ORDER BY observed_at DESC, id DESC LIMIT 1')
    .get(siteId, at) as { json: string } | undefined;
  return row ? (JSON.parse(row.json) as SiteObservation) : null;
}

export function saveSiteResult(
  store: Store,
  siteId: string,
  month: string,
  asOf: string,
  result: unknown,
  at = new Date().toISOString(),
): void {
  store.db
    .prepare(`INSERT INTO site_results (site_id, month, as_of, json, created_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (site_id, month) DO UPDATE SET as_of = excluded.as_of, json = excluded.json, created_at = excluded.created_at`)
    .run(siteId, month, asOf, JSON.stringify(result), at);
}

export function listSiteResults<T = unknown>(store: Store, siteId: string): { month: string; asOf: string; result: T }[] {
  const rows = store.db.prepare('SELECT month, as_of, json FROM site_results WHERE site_id = ? ORDER BY month').all(siteId) as {
    month: string;
    as_of: string;
    json: string;
  }[];
  return rows.map((r) => ({ month: r.month, asOf: r.as_of, result: JSON.parse(r.json) as T }));
}
