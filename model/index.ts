// Public API of model/: the ground floor. The vocabulary every layer shares (what the crawler observes, what a
// check finds, what a run counts, the input error every layer may throw); it imports nothing and loads nothing,
// so that `zwgk --help` can import it beside commander.
export type * from './observations.ts';
export type * from './run.ts';
export { RUN_STEPS } from './run.ts';
export * from './findings.ts';
export { InputError } from './errors.ts';
export { DEFAULT_DB_PATH } from './defaults.ts';
export type { CrawlStats, FetchStats, HostStats, RunStats } from './run-stats.ts';
