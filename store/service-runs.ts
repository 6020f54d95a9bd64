import type { Store } from './db.ts';

export type ServiceOutcome = 'running' | 'complete' | 'failed' | 'interrupted' | 'skipped';
export type ServiceTrigger = 'schedule' | 'catchup' | 'once' | 'manual' | 'queue';

export interface ServiceRunRecord {
  id: number;
  job: string;
  trigger: ServiceTrigger;
  dueAt: string | null;
  startedAt: string;
  finishedAt: string | null;
  outcome: ServiceOutcome;
  runId: number | null; // the inspection run it produced
  durationMs: number | null;
  counts: Record<string, number>;
  message: string | null;
}

export interface JobState {
  job: string;
  lastDue: string | null; // the scheduled time the newest run was for
  lastStarted: string | null;
  lastFinished: string | null;
}

interface ServiceRunRow {
  id: number;
  job: string;
  trigger: string;
  due_at: string | null;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  run_id: number | null;
  duration_ms: number | null;
  counts_json: string;
  message: string | null;
}

function toServiceRun(r: ServiceRunRow): ServiceRunRecord {
  return {
    id: r.id,
    job: r.job,
    trigger: r.trigger as ServiceTrigger,
    dueAt: r.due_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome as ServiceOutcome,
    runId: r.run_id,
    durationMs: r.duration_ms,
    counts: JSON.parse(r.counts_json) as Record<string, number>,
    message: r.message,
  };
}

export function getJobState(store: Store, job: string): JobState {
  const r = store.db.prepare('SELECT * FROM job_state WHERE job = ?').get(job) as
    | { job: string; last_due: string | null; last_started: string | null; last_finished: string | null }
    | undefined;
  return { job, lastDue: r?.last_due ?? null, lastStarted: r?.last_started ?? null, lastFinished: r?.last_finished ?? null };
}

/** Records that the run for `dueAt` has started: from now on that due time counts as taken (no second catch-up). */
export function beginServiceRun(
  store: Store,
  r: { job: string; trigger: ServiceTrigger; dueAt: string | null; startedAt: string },
): number {
  return store.db
    .transaction(() => {
      if (r.dueAt) {
        store.db
          .prepare(`INSERT INTO job_state (job, last_due, last_started) VALUES (?,?,?)
        ON CONFLICT(job) DO UPDATE SET last_due = excluded.last_due, last_started = excluded.last_started`)
          .run(r.job, r.dueAt, r.startedAt);
      }
      const info = store.db
        .prepare("INSERT INTO service_runs (job, trigger, due_at, started_at, outcome) VALUES (?,?,?,?,'running')")
        .run(r.job, r.trigger, r.dueAt, r.startedAt);
      return Number(info.lastInsertRowid);
    })
    .immediate();
}

export function finishServiceRun(
  store: Store,
  id: number,
  r: {
    outcome: Exclude<ServiceOutcome, 'running'>;
    finishedAt: string;
    runId?: number | null;
    counts?: Record<string, number>;
    message?: string | null;
  },
): void {
  const row = store.db.prepare('SELECT job, started_at FROM service_runs WHERE id = ?').get(id) as
    | { job: string; started_at: string }
    | undefined;
  if (!row) return;
  const duration = Math.max(0, Date.parse(r.finishedAt) - Date.parse(row.started_at));
  store.db.transaction(() => {
    store.db
      .prepare(
        'UPDATE service_runs SET finished_at = ?, outcome = ?, run_id = ?, duration_ms = ?, counts_json = ?, message = ? WHERE id = ?',
      )
      .run(r.finishedAt, r.outcome, r.runId ?? null, duration, JSON.stringify(r.counts ?? {}), r.message ?? null, id);
    store.db.prepare('UPDATE job_state SET last_finished = ? WHERE job = ?').run(r.finishedAt, row.job);
  })();
}

/** A run for `dueAt` that was refused before it started (another process holds the store): the due time is owed again. */
export function releaseDueSlot(store: Store, job: string, dueAt: string, previousDue: string | null): void {
  store.db.prepare('UPDATE job_state SET last_due = ? WHERE job = ? AND last_due = ?').run(previousDue, job, dueAt);
}

/** Service runs left 'running' by a process that died: marked interrupted at start. */
export function markStaleServiceRuns(store: Store, at: string): number {
  return store.db
    .prepare("UPDATE service_runs SET outcome = 'interrupted', finished_at = ?, message = '服务中断，未完成' WHERE outcome = 'running'")
    .run(at).changes;
}

export function listServiceRuns(store: Store, limit = 100): ServiceRunRecord[] {
  return (store.db.prepare('SELECT * FROM service_runs ORDER BY id DESC LIMIT ?').all(limit) as ServiceRunRow[]).map(toServiceRun);
}

export type RecheckReason = 'rectify' | 'selfcheck';
export type RecheckState = 'queued' | 'running' | 'done' | 'failed';

export interface RecheckRecord {
  id: number;
  unitId: string;
  reason: RecheckReason;
  requestedBy: string;
  requestedAt: string;
  state: RecheckState;
  runId: number | null;
  finishedAt: string | null;
  message: string | null;
}

interface RecheckRow {
  id: number;
  unit_id: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  state: string;
  run_id: number | null;
  finished_at: string | null;
  message: string | null;
}

function toRecheck(r: RecheckRow): RecheckRecord {
  return {
    id: r.id,
    unitId: r.unit_id,
    reason: r.reason as RecheckReason,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    state: r.state as RecheckState,
    runId: r.run_id,
    finishedAt: r.finished_at,
    message: r.message,
  };
}

/** Queues a re-check of a unit; a unit already waiting is not queued twice (the queued one is returned). */
export function queueRecheck(store: Store, r: { unitId: string; reason: RecheckReason; by: string; at?: string }): RecheckRecord {
  return store.db
    .transaction(() => {
      const waiting = store.db.prepare("SELECT * FROM rechecks WHERE unit_id = ? AND state = 'queued' ORDER BY id LIMIT 1").get(r.unitId) as
        | RecheckRow
        | undefined;
      if (waiting) return toRecheck(waiting);
      const info = store.db
        .prepare("INSERT INTO rechecks (unit_id, reason, requested_by, requested_at, state) VALUES (?,?,?,?,'queued')")
        .run(r.unitId, r.reason, r.by, r.at ?? new Date().toISOString());
      return toRecheck(store.db.prepare('SELECT * FROM rechecks WHERE id = ?').get(Number(info.lastInsertRowid)) as RecheckRow);
    })
    .immediate();
}

export function nextQueuedRecheck(store: Store): RecheckRecord | null {
  const r = store.db.prepare("SELECT * FROM rechecks WHERE state = 'queued' ORDER BY id LIMIT 1").get() as RecheckRow | undefined;
  return r ? toRecheck(r) : null;
}

export function getRecheck(store: Store, id: number): RecheckRecord | null {
  const r = store.db.prepare('SELECT * FROM rechecks WHERE id = ?').get(id) as RecheckRow | undefined;
  return r ? toRecheck(r) : null;
}

export function updateRecheck(
  store: Store,
  id: number,
  r: { state: RecheckState; runId?: number | null; finishedAt?: string | null; message?: string | null },
): void {
  store.db
    .prepare('UPDATE rechecks SET state = ?, run_id = COALESCE(?, run_id), finished_at = ?, message = ? WHERE id = ?')
    .run(r.state, r.runId ?? null, r.finishedAt ?? null, r.message ?? null, id);
}

/** Re-checks left 'running' by a process that died go back to the queue. */
export function requeueStaleRechecks(store: Store): number {
  return store.db.prepare("UPDATE rechecks SET state = 'queued' WHERE state = 'running'").run().changes;
}

export function listRechecks(store: Store, opts: { unitId?: string; limit?: number } = {}): RecheckRecord[] {
  const rows =
    opts.unitId === undefined
      ? store.db.prepare('SELECT * FROM rechecks ORDER BY id DESC LIMIT ?').all(opts.limit ?? 100)
      : store.db.prepare('SELECT * FROM rechecks WHERE unit_id = ? ORDER BY id DESC LIMIT ?').all(opts.unitId, opts.limit ?? 100);
  return (rows as RecheckRow[]).map(toRecheck);
}

export interface RectifyClaim {
  id: number;
  findingId: string;
  unitId: string;
  url: string;
  note: string;
  by: string;
  at: string;
  recheckId: number | null;
}

/** A unit's 已整改 claim; it queues a re-check of the unit, and only that re-check can mark the finding rectified. */
export function recordRectifyClaim(
  store: Store,
  c: { findingId: string; unitId: string; url: string; note: string; by: string; at?: string },
): RectifyClaim {
  return store.db.transaction(() => {
    const at = c.at ?? new Date().toISOString();
    const recheck = queueRecheck(store, { unitId: c.unitId, reason: 'rectify', by: c.by, at });
    const info = store.db
      .prepare('INSERT INTO rectify_claims (finding_id, unit_id, url, note, by_name, at, recheck_id) VALUES (?,?,?,?,?,?,?)')
      .run(c.findingId, c.unitId, c.url, c.note, c.by, at, recheck.id);
    return {
      id: Number(info.lastInsertRowid),
      findingId: c.findingId,
      unitId: c.unitId,
      url: c.url,
      note: c.note,
      by: c.by,
      at,
      recheckId: recheck.id,
    };
  })();
}

export function listRectifyClaims(store: Store, opts: { findingId?: string; unitId?: string } = {}): RectifyClaim[] {
  const where: string[] = [];
  const args: string[] = [];
  if (opts.findingId !== undefined) {
    where.push('finding_id = ?');
    args.push(opts.findingId);
  }
  if (opts.unitId !== undefined) {
    where.push('unit_id = ?');
    args.push(opts.unitId);
  }
  const rows = store.db
    .prepare(`SELECT * FROM rectify_claims ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`)
    .all(...args) as {
    id: number;
    finding_id: string;
    unit_id: string;
    url: string;
    note: string;
    by_name: string;
    at: string;
    recheck_id: number | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    findingId: r.finding_id,
    unitId: r.unit_id,
    url: r.url,
    note: r.note,
    by: r.by_name,
    at: r.at,
    recheckId: r.recheck_id,
  }));
}
