import { readFileSync } from 'node:fs';
import type { Store } from './db.ts';
import { RUN_STEPS, type RunKind, type RunRecord, type RunStats, type RunStatus, type RunStep } from '../model/index.ts';

interface RunRow {
  id: number;
  kind: string;
  county: string;
  config_path: string;
  config_hash: string;
  as_of: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  pid: number | null;
  stats_json: string;
  step: string;
}

function toRun(row: RunRow): RunRecord & { configHash: string; pid: number | null } {
  return {
    id: row.id,
    kind: row.kind as RunKind,
    county: row.county,
    configPath: row.config_path,
    configHash: row.config_hash,
    asOf: row.as_of,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status as RunStatus,
    pid: row.pid,
    stats: JSON.parse(row.stats_json) as RunStats,
    step: row.step as RunStep,
  };
}

export class RunConflictError extends Error {
  constructor(
    readonly runId: number,
    readonly pid: number,
  ) {
    super(
      `另一个检查任务（第 ${runId} 次，进程 ${pid}）正在使用同一数据库，请等待其结束 / run ${runId} (pid ${pid}) is still running on this database`,
    );
    this.name = 'RunConflictError';
  }
}

/** Whether the process that owns a run is still running; a zombie (exited, not yet reaped) is not. */
export function pidAlive(pid: number | null): boolean {
  if (!pid) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/** Linux: state Z in /proc/<pid>/stat (the state follows the parenthesised command name, which may hold spaces). */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false; // no /proc (not Linux): kill(0) decides
  }
}

/**
 * Marks runs whose process is gone as interrupted (resumable) and refuses a second live run on the same DB.
 * The check and the insert happen in one IMMEDIATE transaction so two processes cannot both pass.
 */
export function startRun(
  store: Store,
  run: { kind: RunKind; county: string; configPath: string; configHash: string; asOf: string },
): RunRecord {
  const tx = store.db.transaction(() => {
    const running = store.db.prepare("SELECT * FROM runs WHERE status = 'running'").all() as RunRow[];
    for (const r of running) {
      if (pidAlive(r.pid)) throw new RunConflictError(r.id, r.pid ?? 0);
      store.db.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ?").run(r.id);
    }
    const info = store.db
      .prepare(
        "INSERT INTO runs (kind, county, config_path, config_hash, as_of, started_at, status, pid) VALUES (?, ?, ?, ?, ?, ?, 'running', ?)",
      )
      .run(run.kind, run.county, run.configPath, run.configHash, run.asOf, new Date().toISOString(), process.pid);
    return Number(info.lastInsertRowid);
  });
  const id = tx.immediate();
  return getRun(store, id)!;
}

/** Takes over an interrupted (or failed) run so it can be finished; same conflict rule as startRun. */
export function resumeRun(store: Store, runId: number): RunRecord {
  const tx = store.db.transaction(() => {
    const running = store.db.prepare("SELECT * FROM runs WHERE status = 'running'").all() as RunRow[];
    for (const r of running) {
      if (r.id !== runId && pidAlive(r.pid)) throw new RunConflictError(r.id, r.pid ?? 0);
      if (r.id === runId && pidAlive(r.pid) && r.pid !== process.pid) throw new RunConflictError(r.id, r.pid ?? 0);
      if (r.id !== runId) store.db.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ?").run(r.id);
    }
    store.db.prepare("UPDATE runs SET status = 'running', pid = ?, finished_at = NULL WHERE id = ?").run(process.pid, runId);
  });
  tx.immediate();
  return getRun(store, runId)!;
}

export function finishRun(store: Store, runId: number, status: Exclude<RunStatus, 'running'>, stats: RunStats): void {
  store.db
    .prepare('UPDATE runs SET status = ?, finished_at = ?, stats_json = ?, pid = NULL WHERE id = ?')
    .run(status, new Date().toISOString(), JSON.stringify(stats), runId);
}

export function getRun(store: Store, runId: number): (RunRecord & { configHash: string; pid: number | null }) | null {
  const row = store.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
  return row ? toRun(row) : null;
}

export function listRuns(store: Store, limit = 50): RunRecord[] {
  return (store.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[]).map(toRun);
}

/** The newest run that did not complete and whose process is gone: what `inspect --resume` continues. */
export function findResumableRun(store: Store, kind: RunKind = 'inspection'): RunRecord | null {
  const rows = store.db
    .prepare("SELECT * FROM runs WHERE kind = ? AND status IN ('running','interrupted','failed') ORDER BY id DESC")
    .all(kind) as RunRow[];
  for (const r of rows) {
    if (r.status === 'running' && pidAlive(r.pid) && r.pid !== process.pid) continue;
    return toRun(r);
  }
  return null;
}

export function latestCompleteRun(store: Store, kind: RunKind = 'inspection'): RunRecord | null {
  const row = store.db.prepare("SELECT * FROM runs WHERE kind = ? AND status = 'complete' ORDER BY id DESC LIMIT 1").get(kind) as
    | RunRow
    | undefined;
  return row ? toRun(row) : null;
}

/**
 * Records that a run finished `step` and is at the next one (crawl → checks → findings → reports → done). The run
 * stays 'running' until completeRun: a crash at any step leaves it resumable from the step that did not finish.
 */
export function finishStep(store: Store, runId: number, step: Exclude<RunStep, 'done'>, stats?: RunStats): RunStep {
  const next = RUN_STEPS[RUN_STEPS.indexOf(step) + 1];
  store.db
    .transaction(() => {
      store.db
        .prepare('INSERT OR REPLACE INTO run_steps (run_id, step, finished_at) VALUES (?, ?, ?)')
        .run(runId, step, new Date().toISOString());
      store.db.prepare('UPDATE runs SET step = ? WHERE id = ?').run(next, runId);
      if (stats) store.db.prepare('UPDATE runs SET stats_json = ? WHERE id = ?').run(JSON.stringify(stats), runId);
    })
    .immediate();
  return next;
}

/** The last step done: the run is complete. */
export function completeRun(store: Store, runId: number, stats?: RunStats): void {
  store.db
    .transaction(() => {
      const run = getRun(store, runId);
      const now = new Date().toISOString();
      if (run?.step && run.step !== 'done')
        store.db.prepare('INSERT OR REPLACE INTO run_steps (run_id, step, finished_at) VALUES (?, ?, ?)').run(runId, run.step, now);
      store.db.prepare("UPDATE runs SET step = 'done' WHERE id = ?").run(runId);
      finishRun(store, runId, 'complete', stats ?? run?.stats ?? {});
    })
    .immediate();
}

/** The complete inspection runs of `year` up to asOf, oldest first (the monthly 通报 of each month come from its newest). */
export function completeInspectionRunsOfYear(store: Store, year: number, asOf: string): { id: number; asOf: string }[] {
  return store.db
    .prepare(
      "SELECT id, as_of AS asOf FROM runs WHERE kind = 'inspection' AND status = 'complete' AND as_of LIKE ? AND as_of <= ? ORDER BY id",
    )
    .all(`${year}-%`, asOf) as { id: number; asOf: string }[];
}
