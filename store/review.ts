import type { Store } from './db.ts';
import { InputError } from '../model/index.ts';
import type { Finding } from '../model/index.ts';

export type ReviewAction = 'confirm' | 'dismiss' | 'adjust';

/** The state of one finding's review, derived from the newest entry of the append-only log. */
export type ReviewState =
  | { status: 'pending' }
  | { status: 'confirmed'; by: string; at: string; reason: string; seq: number }
  | { status: 'dismissed'; by: string; at: string; reason: string; seq: number }
  | { status: 'adjusted'; by: string; at: string; reason: string; seq: number; occurrences: number | null; points: number | null };

export interface ReviewEvent {
  seq: number;
  findingId: string;
  unitId: string;
  action: ReviewAction;
  by: string;
  at: string;
  reason: string;
  occurrences: number | null;
  points: number | null;
  before: ReviewState;
  after: ReviewState;
  source: string; // 'cli', 'import:<file>', 'web'
  runId: number | null; // the run whose evidence the reviewer saw
}

export interface DecisionInput {
  findingId: string;
  action: ReviewAction;
  by: string;
  reason?: string;
  occurrences?: number | null;
  points?: number | null;
  source?: string;
  at?: string;
}

/** A refused decision: names the finding and (for imports) the row and column. Nothing was written. */
export class ReviewInputError extends InputError {
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

interface LogRow {
  seq: number;
  finding_id: string;
  unit_id: string;
  action: string;
  by_name: string;
  at: string;
  reason: string;
  occurrences: number | null;
  points: number | null;
  before_json: string;
  after_json: string;
  source: string;
  run_id: number | null;
}

function toEvent(r: LogRow): ReviewEvent {
  return {
    seq: r.seq,
    findingId: r.finding_id,
    unitId: r.unit_id,
    action: r.action as ReviewAction,
    by: r.by_name,
    at: r.at,
    reason: r.reason,
    occurrences: r.occurrences,
    points: r.points,
    before: JSON.parse(r.before_json) as ReviewState,
    after: JSON.parse(r.after_json) as ReviewState,
    source: r.source,
    runId: r.run_id,
  };
}

export function stateAfter(e: Pick<ReviewEvent, 'seq' | 'action' | 'by' | 'at' | 'reason' | 'occurrences' | 'points'>): ReviewState {
  const common = { by: e.by, at: e.at, reason: e.reason, seq: e.seq };
  if (e.action === 'confirm') return { status: 'confirmed', ...common };
  if (e.action === 'dismiss') return { status: 'dismissed', ...common };
  return { status: 'adjusted', ...common, occurrences: e.occurrences, points: e.points };
}

export function reviewHistory(store: Store, findingId: string): ReviewEvent[] {
  return (store.db.prepare('SELECT * FROM review_log WHERE finding_id = ? ORDER BY seq').all(findingId) as LogRow[]).map(toEvent);
}

export function listReviewEvents(store: Store, opts: { unitId?: string } = {}): ReviewEvent[] {
  const rows =
    opts.unitId === undefined
      ? store.db.prepare('SELECT * FROM review_log ORDER BY seq').all()
      : store.db.prepare('SELECT * FROM review_log WHERE unit_id = ? ORDER BY seq').all(opts.unitId);
  return (rows as LogRow[]).map(toEvent);
}

/** Current review state of every finding that has a decision (others are pending). */
export function reviewStates(store: Store): Map<string, ReviewState> {
  const rows = store.db
    .prepare(`SELECT l.* FROM review_log l
    JOIN (SELECT finding_id, MAX(seq) AS seq FROM review_log GROUP BY finding_id) m ON m.seq = l.seq`)
    .all() as LogRow[];
  return new Map(rows.map((r) => [r.finding_id, toEvent(r).after]));
}

export function reviewStateOf(store: Store, findingId: string): ReviewState {
  const r = store.db.prepare('SELECT * FROM review_log WHERE finding_id = ? ORDER BY seq DESC LIMIT 1').get(findingId) as
    | LogRow
    | undefined;
  return r ? toEvent(r).after : { status: 'pending' };
}

/** The newest stored version of a finding (any run) with the run it was seen in, or null for an unknown id. */
export function latestFindingVersion(store: Store, findingId: string): { runId: number; unitId: string; kind: Finding['kind'] } | null {
  const r = store.db.prepare('SELECT run_id, unit_id, kind FROM findings WHERE id = ? ORDER BY run_id DESC LIMIT 1').get(findingId) as
    | { run_id: number; unit_id: string; kind: string }
    | undefined;
  return r ? { runId: r.run_id, unitId: r.unit_id, kind: r.kind as Finding['kind'] } : null;
}

/** Checks one decision against the store; returns the problem in Chinese or null. */
export function validateDecision(store: Store, d: DecisionInput): { message: string; column: string } | null {
  const id = (d.findingId ?? '').trim();
  if (!id) return { message: '缺少问题编号', column: '问题编号' };
  if (!latestFindingVersion(store, id)) return { message: `问题编号 "${id}" 不存在`, column: '问题编号' };
  if (!['confirm', 'dismiss', 'adjust'].includes(d.action))
    return { message: `决定 "${String(d.action)}" 无效，应为 确认/驳回/调整`, column: '决定' };
  if (!d.by || !d.by.trim()) return { message: '缺少审核人', column: '审核人' };
  const reason = (d.reason ?? '').trim();
  if (d.action !== 'confirm' && !reason) return { message: `${d.action === 'dismiss' ? '驳回' : '调整'}必须填写理由`, column: '理由' };
  if (d.action === 'adjust') {
    const hasOcc = d.occurrences !== undefined && d.occurrences !== null;
    const hasPts = d.points !== undefined && d.points !== null;
    if (!hasOcc && !hasPts) return { message: '调整必须给出新的次数或分值', column: '次数' };
    if (hasOcc && (!Number.isFinite(d.occurrences) || (d.occurrences as number) < 0))
      return { message: '次数必须是不小于 0 的数', column: '次数' };
    if (hasPts && !Number.isFinite(d.points)) return { message: '分值必须是数字', column: '分值' };
  } else if ((d.occurrences ?? null) !== null || (d.points ?? null) !== null) {
    return { message: '只有“调整”可以填写次数或分值', column: d.occurrences != null ? '次数' : '分值' };
  }
  return null;
}

/**
 * Appends decisions in one transaction: all are validated first, and one bad decision refuses all
 * (the error names the 1-based position, which imports map to their sheet row).
 */
export function recordDecisions(store: Store, decisions: DecisionInput[], rowNumbers?: number[]): ReviewEvent[] {
  decisions.forEach((d, i) => {
    const problem = validateDecision(store, d);
    if (problem) {
      const row = rowNumbers?.[i] ?? i + 1;
      throw new ReviewInputError(`第 ${row} 行，${problem.column}：${problem.message}`, row, problem.column);
    }
  });
  const insert = store.db.prepare(`INSERT INTO review_log (finding_id, unit_id, action, by_name, at, reason, occurrences, points,
    before_json, after_json, source, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
  const tx = store.db.transaction(() => {
    const events: ReviewEvent[] = [];
    for (const d of decisions) {
      const id = d.findingId.trim();
      const version = latestFindingVersion(store, id)!;
      const before = reviewStateOf(store, id);
      const at = d.at ?? new Date().toISOString();
      const occurrences = d.action === 'adjust' ? (d.occurrences ?? null) : null;
      const points = d.action === 'adjust' ? (d.points ?? null) : null;
      const reason = (d.reason ?? '').trim();
      const by = d.by.trim();
      const nextSeq = (store.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM review_log').get() as { s: number }).s;
      const after = stateAfter({ seq: nextSeq, action: d.action, by, at, reason, occurrences, points });
      const info = insert.run(
        id,
        version.unitId,
        d.action,
        by,
        at,
        reason,
        occurrences,
        points,
        JSON.stringify(before),
        JSON.stringify(after),
        d.source ?? 'cli',
        version.runId,
      );
      events.push({
        seq: Number(info.lastInsertRowid),
        findingId: id,
        unitId: version.unitId,
        action: d.action,
        by,
        at,
        reason,
        occurrences,
        points,
        before,
        after,
        source: d.source ?? 'cli',
        runId: version.runId,
      });
    }
    return events;
  });
  return tx.immediate();
}

export function recordDecision(store: Store, decision: DecisionInput): ReviewEvent {
  return recordDecisions(store, [decision])[0];
}
