// Numbered migrations, applied in order at open. Never edit a released one: add the next number.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'core: runs, pages, http cache, observations, findings',
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        county TEXT NOT NULL,
        config_path TEXT NOT NULL,
        config_hash TEXT NOT NULL,
        as_of TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running','complete','failed','interrupted')),
        pid INTEGER,
        stats_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE pages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        unit_id TEXT,
        role TEXT NOT NULL,
        column_key TEXT,
        url TEXT NOT NULL,
        final_url TEXT NOT NULL,
        ok INTEGER NOT NULL,
        status INTEGER,
        error_class TEXT,
        error_permanent INTEGER,
        error_message TEXT,
        content_type TEXT,
        encoding TEXT,
        content_hash TEXT,
        bytes INTEGER NOT NULL DEFAULT 0,
        not_modified INTEGER NOT NULL DEFAULT 0,
        rendered INTEGER NOT NULL DEFAULT 0,
        screenshot TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        fetched_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX pages_run_url_role ON pages(run_id, url, role);
      CREATE INDEX pages_hash ON pages(content_hash);
      CREATE TABLE http_cache (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        content_hash TEXT NOT NULL,
        content_type TEXT,
        status INTEGER NOT NULL,
        fetched_at TEXT NOT NULL,
        validated_at TEXT NOT NULL
      );
      CREATE TABLE unit_tasks (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        unit_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('done')),
        finished_at TEXT NOT NULL,
        PRIMARY KEY (run_id, unit_id)
      );
      CREATE TABLE column_obs (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        unit_id TEXT NOT NULL,
        column_key TEXT NOT NULL,
        label TEXT,
        url TEXT,
        source TEXT NOT NULL,
        status TEXT NOT NULL,
        pages_read INTEGER NOT NULL,
        total_pages_seen INTEGER,
        items_json TEXT NOT NULL,
        placeholder TEXT,
        rendered INTEGER NOT NULL,
        content_hash TEXT,
        note TEXT,
        observed_at TEXT NOT NULL,
        PRIMARY KEY (run_id, unit_id, column_key)
      );
      CREATE TABLE detail_obs (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        unit_id TEXT NOT NULL,
        column_key TEXT NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        published_at TEXT,
        text TEXT NOT NULL,
        fields_json TEXT NOT NULL,
        links_json TEXT NOT NULL,
        content_hash TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (run_id, unit_id, column_key, url)
      );
      CREATE TABLE link_obs (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        unit_id TEXT NOT NULL,
        page_url TEXT NOT NULL,
        target TEXT NOT NULL,
        text TEXT NOT NULL,
        in_scope INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        status INTEGER,
        error_class TEXT,
        method TEXT,
        checked_at TEXT,
        PRIMARY KEY (run_id, unit_id, page_url, target)
      );
      CREATE TABLE feed_obs (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        unit_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        account TEXT NOT NULL,
        feed_url TEXT,
        source TEXT NOT NULL,
        ok INTEGER NOT NULL,
        error_class TEXT,
        error TEXT,
        posts_json TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (run_id, unit_id, platform, account)
      );
      CREATE TABLE imported_posts (
        unit_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        account TEXT NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        published_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        source_file TEXT NOT NULL,
        PRIMARY KEY (unit_id, account, published_at, title)
      );
      CREATE TABLE findings (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        id TEXT NOT NULL,
        key TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        check_id TEXT NOT NULL,
        indicator TEXT NOT NULL,
        column_key TEXT,
        subject TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        detail TEXT NOT NULL,
        occurrences REAL NOT NULL,
        suggested_points REAL NOT NULL,
        confidence TEXT NOT NULL,
        monthly INTEGER NOT NULL,
        evidence_json TEXT NOT NULL,
        PRIMARY KEY (run_id, id)
      );
      CREATE INDEX findings_id ON findings(id);
    `,
  },
];

// Review, manual entries, monthly notices and grade overrides (issue 5). The logs are append-only:
// triggers refuse UPDATE and DELETE, the current state is derived from the newest row.
const appendOnly = (table: string): string => `
      CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} 只能追加，不能修改 / ${table} is append-only'); END;
      CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} 只能追加，不能删除 / ${table} is append-only'); END;`;

MIGRATIONS.push(
  {
    version: 2,
    name: 'review log (append-only)',
    sql: `
      CREATE TABLE review_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        finding_id TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('confirm','dismiss','adjust')),
        by_name TEXT NOT NULL CHECK (length(trim(by_name)) > 0),
        at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (action = 'confirm' OR length(trim(reason)) > 0),
        occurrences REAL,
        points REAL,
        before_json TEXT NOT NULL,
        after_json TEXT NOT NULL,
        source TEXT NOT NULL,
        run_id INTEGER
      );
      CREATE INDEX review_log_finding ON review_log(finding_id, seq);
      ${appendOnly('review_log')}
    `,
  },
  {
    version: 3,
    name: 'manual entries (append-only, newest per unit and target wins)',
    sql: `
      CREATE TABLE manual_entries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        year INTEGER NOT NULL,
        unit_id TEXT NOT NULL,
        target TEXT NOT NULL,
        points REAL,
        occurrences REAL,
        level_id TEXT,
        value REAL,
        part_values_json TEXT,
        bonus_occurrences REAL,
        bonus_variants_json TEXT,
        note TEXT NOT NULL,
        attachment TEXT,
        by_name TEXT NOT NULL CHECK (length(trim(by_name)) > 0),
        at TEXT NOT NULL,
        source TEXT NOT NULL
      );
      CREATE INDEX manual_entries_unit ON manual_entries(year, unit_id, target, seq);
      ${appendOnly('manual_entries')}
    `,
  },
  {
    version: 4,
    name: 'monthly notices (通报) per month and unit',
    sql: `
      CREATE TABLE monthly_notices (
        month TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('notified','pending')),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        finding_ids_json TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (month, unit_id)
      );
    `,
  },
  {
    version: 5,
    name: 'grade overrides (append-only)',
    sql: `
      CREATE TABLE grade_overrides (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        year INTEGER NOT NULL,
        unit_id TEXT NOT NULL,
        grade TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        by_name TEXT NOT NULL CHECK (length(trim(by_name)) > 0),
        at TEXT NOT NULL
      );
      ${appendOnly('grade_overrides')}
    `,
  },
);

// Web workspace and scheduler (issue 7): users and sessions, scheduled job state and history,
// 已整改 claims and the re-check queue.
MIGRATIONS.push(
  {
    version: 10,
    name: 'workspace users and sessions',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin','evaluator','unit')),
        unit_id TEXT,
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        CHECK ((role = 'unit') = (unit_id IS NOT NULL))
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
    `,
  },
  {
    version: 11,
    name: 'scheduled jobs, service run history, rectification claims and re-check queue',
    sql: `
      CREATE TABLE job_state (
        job TEXT PRIMARY KEY,
        last_due TEXT,
        last_started TEXT,
        last_finished TEXT
      );
      CREATE TABLE service_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job TEXT NOT NULL,
        trigger TEXT NOT NULL,
        due_at TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('running','complete','failed','interrupted','skipped')),
        run_id INTEGER,
        duration_ms INTEGER,
        counts_json TEXT NOT NULL DEFAULT '{}',
        message TEXT
      );
      CREATE TABLE rechecks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        unit_id TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('rectify','selfcheck')),
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','running','done','failed')),
        run_id INTEGER,
        finished_at TEXT,
        message TEXT
      );
      CREATE TABLE rectify_claims (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        finding_id TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        url TEXT NOT NULL,
        note TEXT NOT NULL,
        by_name TEXT NOT NULL,
        at TEXT NOT NULL,
        recheck_id INTEGER REFERENCES rechecks(id)
      );
      CREATE INDEX rectify_claims_finding ON rectify_claims(finding_id, id);
    `,
  },
);

MIGRATIONS.push({
  version: 6,
  name: 'detail tables (标准目录 rows)',
  sql: `ALTER TABLE detail_obs ADD COLUMN tables_json TEXT NOT NULL DEFAULT '[]';`,
});

MIGRATIONS.push({
  version: 12,
  name: 'page analysis cache (extraction results per URL, content hash and extractor version); charset in the HTTP cache; time each unit took; when maintenance last ran',
  sql: `
    CREATE TABLE page_analyses (
      url TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      extractor TEXT NOT NULL,
      parts_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (url, content_hash, extractor)
    ) WITHOUT ROWID;
    ALTER TABLE http_cache ADD COLUMN encoding TEXT;
    ALTER TABLE unit_tasks ADD COLUMN duration_ms INTEGER;
    CREATE TABLE maintenance (task TEXT PRIMARY KEY, last_at TEXT NOT NULL);
  `,
});

MIGRATIONS.push({
  version: 13,
  name: 'page analysis cache as a rowid table: its JSON values (about 2 KB) overflowed the pages of a WITHOUT ROWID table, tripling its size',
  // derived data: the old rows are dropped, the next crawl parses those pages once more
  sql: `
    DROP TABLE page_analyses;
    CREATE TABLE page_analyses (
      url TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      extractor TEXT NOT NULL,
      parts_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX page_analyses_key ON page_analyses(url, content_hash, extractor);
  `,
});

MIGRATIONS.push({
  version: 150,
  name: 'run steps (crawl → checks → findings → reports, each recorded) and per-unit faults (a unit cut off by its budget or an error)',
  // runs finished before this migration had all their steps done
  sql: `
    ALTER TABLE runs ADD COLUMN step TEXT NOT NULL DEFAULT 'crawl';
    UPDATE runs SET step = 'done' WHERE status = 'complete';
    CREATE TABLE run_steps (
      run_id INTEGER NOT NULL REFERENCES runs(id),
      step TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      PRIMARY KEY (run_id, step)
    );
    ALTER TABLE unit_tasks ADD COLUMN fault TEXT;
  `,
});

MIGRATIONS.push({
  version: 140,
  name: 'findings.confidence_reason: why a finding is high (positive, complete evidence) or low (needs a person)',
  sql: `ALTER TABLE findings ADD COLUMN confidence_reason TEXT;`,
});

MIGRATIONS.push({
  version: 170,
  name: 'attachments read for their text (content safety: 隐私泄露, 错敏词 in .xls/.doc/.pdf …), per unit and run',
  sql: `
    CREATE TABLE attachment_obs (
      run_id INTEGER NOT NULL REFERENCES runs(id),
      unit_id TEXT NOT NULL,
      page_url TEXT NOT NULL,
      column_key TEXT,
      url TEXT NOT NULL,
      name TEXT NOT NULL,
      format TEXT NOT NULL,
      ok INTEGER NOT NULL,
      error TEXT,
      text TEXT NOT NULL,
      tables_json TEXT NOT NULL,
      pages INTEGER,
      truncated INTEGER NOT NULL,
      content_hash TEXT,
      fetched_at TEXT NOT NULL,
      PRIMARY KEY (run_id, unit_id, url)
    );
  `,
});

MIGRATIONS.push({
  version: 330,
  name: 'page texts of homes and column pages (content safety reads every column, not only detail pages)',
  sql: `
    CREATE TABLE page_text_obs (
      run_id INTEGER NOT NULL REFERENCES runs(id),
      unit_id TEXT NOT NULL,
      url TEXT NOT NULL,
      role TEXT NOT NULL,
      column_key TEXT,
      title TEXT NOT NULL,
      text TEXT NOT NULL,
      tables_json TEXT NOT NULL,
      content_hash TEXT,
      fetched_at TEXT NOT NULL,
      PRIMARY KEY (run_id, unit_id, url)
    );
  `,
});

MIGRATIONS.push({
  version: 380,
  name: 'kind of a column found in a unit navigation (nav:<label>): kind, the word that decided it, its sub-columns',
  sql: `ALTER TABLE column_obs ADD COLUMN nav_json TEXT;`,
});

MIGRATIONS.push({
  version: 390,
  name: "page texts keep an article's date (content safety reads the articles of every column)",
  sql: `
    ALTER TABLE page_text_obs ADD COLUMN published_at TEXT;
  `,
});
