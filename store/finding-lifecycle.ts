import type { Store } from './db.ts';
import type { Evidence, Finding } from '../model/index.ts';
import { loadFindings } from './findings.ts';
import { reviewStates, type ReviewState } from './review.ts';
import { faultedUnits } from './observations.ts';
import { lapsedDismissal, type LapsedDismissal } from './dismissal-scope.ts';

/** Where a finding stands across runs, keyed by its stable id (unit + check + column + subject). */
export type Lifecycle =
  | { phase: 'new'; firstRunId: number; lastSeenRunId: number; runs: number[] }
  | { phase: 'repeated'; firstRunId: number; lastSeenRunId: number; runs: number[] }
  | { phase: 'rectified'; firstRunId: number; lastSeenRunId: number; runs: number[]; rectifiedRunId: number; rectifiedAsOf: string };

export interface TrackedFinding extends Finding {
  runId: number; // run of the newest version (its evidence is the current evidence)
  asOf: string; // that run's asOf
  month: string; // YYYY-MM of that run
  review: ReviewState;
  lifecycle: Lifecycle;
  evidenceHistory: { runId: number; asOf: string; evidence: Evidence[] }[];
  /** A 确认无误 (dismissal) that no longer holds: the content it judged has changed since; the finding is pending again. */
  lapsedDismissal?: LapsedDismissal;
}

export interface TrackedFindingFilter {
  asOf?: string; // only runs with asOf <= this
  year?: number; // only runs whose asOf is in this year
  unitId?: string;
  status?: Finding['status'];
  checkId?: string;
  month?: string; // YYYY-MM: findings seen in a run of that month
  runId?: number; // findings seen in that run
  unitNames?: Map<string, string>;
}

interface RunLite {
  id: number;
  as_of: string;
  status: string;
  kind: string;
}

/** What a later run saw well enough that the absence of a finding there means the gap was fixed. */
class RunObservation {
  private homeOk = new Set<string>();
  private columnOk = new Set<string>();
  private urlOk = new Set<string>();
  private urlGone = new Set<string>(); // answered 404/410: the page or file was taken down
  private feedOk = new Set<string>();
  private faulted = new Set<string>();

  constructor(
    store: Store,
    readonly run: RunLite,
  ) {
    const pages = store.db
      .prepare('SELECT unit_id, role, column_key, url, final_url FROM pages WHERE run_id = ? AND ok = 1')
      .all(run.id) as {
      unit_id: string | null;
      role: string;
      column_key: string | null;
      url: string;
      final_url: string;
    }[];
    for (const p of pages) {
      if (p.role === 'home' && p.unit_id) this.homeOk.add(p.unit_id);
      if (p.column_key && p.unit_id) this.columnOk.add(`${p.unit_id}|${p.column_key}`);
      this.urlOk.add(p.url);
      this.urlOk.add(p.final_url);
    }
    const gone = store.db.prepare('SELECT url FROM pages WHERE run_id = ? AND ok = 0 AND status IN (404, 410)').all(run.id) as {
      url: string;
    }[];
    for (const p of gone) this.urlGone.add(p.url);
    const feeds = store.db.prepare('SELECT unit_id, account FROM feed_obs WHERE run_id = ? AND ok = 1').all(run.id) as {
      unit_id: string;
      account: string;
    }[];
    for (const f of feeds) this.feedOk.add(`${f.unit_id}|${f.account}`);
    // a unit cut off by its budget was not observed: its findings' absence proves nothing
    for (const u of faultedUnits(store, run.id).keys()) this.faulted.add(u);
  }

  /**
   * True only when the run fetched the unit's home and the finding's column/page/feed successfully; for a content
   * finding (its evidence names what was found), the page or attachment it stands in too, or found it taken down
   * (404/410): an article read last month and not this month (past the reading window, a cap) proves nothing.
   */
  sawFixed(f: Pick<Finding, 'unitId' | 'checkId' | 'column' | 'subject' | 'evidence'>): boolean {
    if (this.run.status !== 'complete' || this.faulted.has(f.unitId)) return false;
    if (f.checkId === 'newmedia.stale') return this.feedOk.has(`${f.unitId}|${f.subject}`);
    if (!this.homeOk.has(f.unitId)) return false;
    if (f.column) {
      const parent = f.column.split(':')[0];
      if (!this.columnOk.has(`${f.unitId}|${f.column}`) && !this.columnOk.has(`${f.unitId}|${parent}`)) return false;
    }
    if (/^https?:\/\//.test(f.subject) && !this.urlOk.has(f.subject)) return false;
    const readAgain = (url: string) => this.urlOk.has(url) || this.urlGone.has(url);
    if (f.evidence.some((e) => e.found !== undefined) && !f.evidence.every((e) => readAgain(e.url))) return false;
    return true;
  }
}

/**
 * Every finding seen in the inspection/new-media runs in scope, once per id, with its newest evidence,
 * its review state (decisions carry over to later runs) and its lifecycle. A finding missing from a
 * later complete run is `rectified` only when that run fetched the relevant pages successfully.
 */
export function listTrackedFindings(store: Store, filter: TrackedFindingFilter = {}): TrackedFinding[] {
  // selfcheck runs (a unit's 自查 or the re-check after an 已整改 claim) can show a known finding fixed or still there, never add one
  const runs = (
    store.db
      .prepare("SELECT id, as_of, status, kind FROM runs WHERE kind IN ('inspection','newmedia','selfcheck') ORDER BY id")
      .all() as RunLite[]
  ).filter(
    (r) => (filter.asOf === undefined || r.as_of <= filter.asOf) && (filter.year === undefined || r.as_of.startsWith(`${filter.year}-`)),
  );
  if (runs.length === 0) return [];
  const unitNames = filter.unitNames ?? new Map<string, string>();
  const byId = new Map<string, { versions: { run: RunLite; finding: Finding }[] }>();
  for (const run of runs) {
    for (const finding of loadFindings(store, run.id, unitNames)) {
      if (filter.unitId && finding.unitId !== filter.unitId) continue;
      if (run.kind === 'selfcheck' && !byId.has(finding.id)) continue;
      const entry = byId.get(finding.id) ?? { versions: [] };
      entry.versions.push({ run, finding });
      byId.set(finding.id, entry);
    }
  }
  const states = reviewStates(store);
  const observations = new Map<number, RunObservation>();
  const observationOf = (run: RunLite): RunObservation => {
    let o = observations.get(run.id);
    if (!o) observations.set(run.id, (o = new RunObservation(store, run)));
    return o;
  };

  const out: TrackedFinding[] = [];
  for (const [id, { versions }] of byId) {
    const latest = versions[versions.length - 1];
    const seenRuns = versions.map((v) => v.run.id);
    const lastSeen = latest.run.id;
    let lifecycle: Lifecycle = {
      phase: seenRuns.length > 1 ? 'repeated' : 'new',
      firstRunId: seenRuns[0],
      lastSeenRunId: lastSeen,
      runs: seenRuns,
    };
    for (const later of runs) {
      if (later.id <= lastSeen) continue;
      if (observationOf(later).sawFixed(latest.finding)) {
        lifecycle = {
          phase: 'rectified',
          firstRunId: seenRuns[0],
          lastSeenRunId: lastSeen,
          runs: seenRuns,
          rectifiedRunId: later.id,
          rectifiedAsOf: later.as_of,
        };
        break;
      }
    }
    const decided = states.get(id) ?? { status: 'pending' as const };
    const lapsed = lapsedDismissal(store, decided, latest.finding);
    const review: ReviewState = lapsed ? { status: 'pending' } : decided;
    const tracked: TrackedFinding = {
      ...latest.finding,
      status: lifecycle.phase === 'rectified' ? 'rectified' : review.status,
      runId: lastSeen,
      asOf: latest.run.as_of,
      month: latest.run.as_of.slice(0, 7),
      review,
      lifecycle,
      evidenceHistory: versions.map((v) => ({ runId: v.run.id, asOf: v.run.as_of, evidence: v.finding.evidence })),
      ...(lapsed ? { lapsedDismissal: lapsed } : {}),
    };
    if (filter.status && tracked.status !== filter.status) continue;
    if (filter.checkId && tracked.checkId !== filter.checkId) continue;
    if (filter.month && !versions.some((v) => v.run.as_of.startsWith(filter.month!))) continue;
    if (filter.runId !== undefined && !seenRuns.includes(filter.runId)) continue;
    out.push(tracked);
  }
  return out.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.checkId.localeCompare(b.checkId) || a.id.localeCompare(b.id));
}
