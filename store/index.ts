// Public API of store/: the only folder with SQL.
export type * from './types.ts';
export * from './db.ts';
export * from './snapshots.ts';
export * from './runs.ts';
export * from './pages.ts';
export * from './observations.ts';
export * from './findings.ts';
export type { Migration } from './migrations.ts';
export * from './review.ts';
export * from './finding-lifecycle.ts';
export * from './manual.ts';
export * from './notices.ts';
export * from './scores.ts';
export * from './users.ts';
export * from './service-runs.ts';
export * from './analyses.ts';
export * from './site.ts';
