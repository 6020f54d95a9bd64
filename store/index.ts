// Public API of store/: the only folder with SQL.
export {
  RUN_STEPS,
  type RunStatus,
  type RunKind,
  type RunRecord,
  type RunStep,
  type ErrorClass,
  type PageRole,
  type PageObservation,
  type DateSource,
  type ListItem,
  type ColumnStatus,
  type ColumnObservation,
  type DetailObservation,
  type LinkOutcome,
  type LinkObservation,
  type FeedPost,
  type FeedObservation,
  type AttachmentObservation,
  type PageTextObservation,
  type UnitObservations,
} from '../model/index.ts';
export * from './db.ts';
export * from './snapshots.ts';
export * from './runs.ts';
export * from './pages.ts';
export * from './observations.ts';
export * from './findings.ts';
export type { Migration } from './migrations.ts';
export * from './review.ts';
export * from './finding-lifecycle.ts';
export { openContentPages, type RevisitPage } from './content-revisit.ts';
export * from './manual.ts';
export * from './notices.ts';
export * from './scores.ts';
export * from './users.ts';
export * from './service-runs.ts';
export * from './analyses.ts';
export { passwordProblem, PASSWORD_MIN, PASSWORD_MAX } from './password-policy.ts';
export * from './run-coverage.ts';
export * from './column-items.ts';
export * from './site.ts';
export * from './notifications.ts';
export * from './dismissal-scope.ts';
