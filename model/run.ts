// What a run is: its kind, status and steps, and the stats it recorded.
import type { RunStats } from './run-stats.ts';

export type RunStatus = 'running' | 'complete' | 'failed' | 'interrupted';
export type RunKind = 'inspection' | 'selfcheck' | 'newmedia';

export interface RunRecord {
  id: number;
  kind: RunKind;
  county: string;
  configPath: string;
  asOf: string; // YYYY-MM-DD, "today" for every date rule of this run
  startedAt: string; // ISO datetime
  finishedAt: string | null;
  status: RunStatus;
  stats: RunStats;
  /** The step the run is at: a run is complete only once its findings (and reports, when asked for) are written. */
  step?: RunStep;
}

export const RUN_STEPS = ['crawl', 'checks', 'findings', 'reports', 'done'] as const;
export type RunStep = (typeof RUN_STEPS)[number];
