// Public API of inspection/: running an inspection (crawl → checks → findings → lifecycle → site self-check) for the
// CLI, the service and re-checks alike. cli/ and service/ call it; it calls the stage folders through their index.ts.
export {
  inspectCounty,
  checkRun,
  findingsOfRun,
  toFindingsJson,
  summaryLine,
  type InspectOptions,
  type InspectOutcome,
} from './pipeline.ts';
export { preflightInspection, type PreflightResult } from './preflight.ts';
export {
  indicatorTableFor,
  probeSitesOnce,
  observeSites,
  siteResults,
  siteTrend,
  writeSiteResultsJson,
  inspectionClock,
  inspectSites,
  siteSummaryLine,
  siteMonthlyReports,
  type SiteRunOptions,
} from './site-selfcheck.ts';
export { inspectNewMedia, inspectUnitAgain, type PartialRunOptions, type PartialRunOutcome } from './partial-runs.ts';
