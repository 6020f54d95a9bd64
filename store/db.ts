import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../model/index.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { BlobStore } from './snapshots.ts';

export type Db = Database.Database;

export interface Store {
  db: Db;
  path: string;
  snapshots: BlobStore; // page bodies, gzip
  screenshots: BlobStore; // PNG
  close(): void;
}

import { DEFAULT_DB_PATH } from '../model/index.ts';

export { DEFAULT_DB_PATH };

const extraMigrations: Migration[] = [];

/** Lets other store modules add their numbered migrations (they must be registered before openStore). */
export function registerMigrations(list: Migration[]): void {
  for (const m of list) {
    if (MIGRATIONS.some((x) => x.version === m.version) || extraMigrations.some((x) => x.version === m.version)) {
      if (extraMigrations.some((x) => x === m)) continue;
      throw new Error(`migration ${m.version} registered twice`);
    }
    extraMigrations.push(m);
  }
}

function applyMigrations(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const all = [...MIGRATIONS, ...extraMigrations].sort((a, b) => a.version - b.version);
  for (const m of all) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
  }
}

const MAX_CACHED_STATEMENTS = 500;

/**
 * Every store module calls db.prepare(sql) where it needs a statement; compiling the same SQL again for each
 * page of a crawl cost seconds per run, so statements are cached per connection by their SQL text.
 * (No store code uses .iterate(), which would make a shared statement busy.)
 */
function cachePreparedStatements(db: Db): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      stmt = prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }) as Db['prepare'];
}

/** Runs `fn` in one transaction: everything it writes is committed together or, when it throws, not at all. */
export function inTransaction(store: Store, fn: () => void): void {
  store.db.transaction(fn)();
}

/** A command that only reads (reports, review, scores) was pointed at a database that does not exist: nothing is created. */
export class StoreMissingError extends InputError {
  constructor(readonly path: string) {
    super(`数据库 ${path} 不存在（请检查 --db 路径，或先运行 zwgk inspect）/ database not found: ${path}`);
  }
}

export function openStore(opts: { dbPath?: string; blobDir?: string; mustExist?: boolean } = {}): Store {
  const path = resolve(opts.dbPath ?? DEFAULT_DB_PATH);
  if (opts.mustExist && (!existsSync(path) || !statSync(path).isFile())) throw new StoreMissingError(path);
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  cachePreparedStatements(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // page analyses and observations are read back on every re-run; the default 2 MB cache re-read them from disk
  db.pragma('cache_size = -32768');
  applyMigrations(db);
  const blobDir = opts.blobDir ?? join(dirname(path), 'blobs');
  const snapshots = new BlobStore(join(blobDir, 'snapshots'), '.gz', true);
  const screenshots = new BlobStore(join(blobDir, 'screenshots'), '.png', false);
  return {
    db,
    path,
    snapshots,
    screenshots,
    close: () => {
      void snapshots.close();
      void screenshots.close();
      db.close();
    },
  };
}

export function integrityCheck(store: Store): string {
  return (store.db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
}
