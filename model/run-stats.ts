import type { ErrorClass } from './observations.ts';

/** What the fetcher counted for one host (and, summed, for the run). */
export interface HostStats {
  /** HTTP requests sent, including retries, redirect hops, robots.txt and link checks. */
  requests: number;
  /** fetch() calls that ended with a 2xx body. */
  pages: number;
  /** Body bytes received on the wire. */
  bytes: number;
  notModified: number;
  retries: number;
  errors: Partial<Record<ErrorClass, number>>;
}

export interface FetchStats extends HostStats {
  linkChecks: number;
  hosts: Record<string, HostStats>;
}

/**
 * What a run's crawl counted: stored as the run's stats (runs.stats), read by the run summary line, the service's job
 * counts and the workspace. Checks, findings and reports add nothing here.
 */
export type CrawlStats = {
  units: number;
  unitsDone: number;
  unitsUnreachable: number; // units whose home page could not be fetched
  unitErrors: { unitId: string; message: string }[]; // units whose result could not even be recorded: the run failed
  unitFaults: Record<string, string>; // unit id → why it was not observed this run (budget, home not analysable …)
  pageFaults: { url: string; message: string }[]; // pages whose analysis failed (first 200)
  pagesFetched: number;
  bytes: number;
  notModified: number;
  reusedFromEarlierAttempt: number;
  skippedFreshDetails: number;
  skippedFreshListPages: number;
  pagesParsed: number;
  analysesReused: number;
  rendersReused: number;
  analysisThreads: number;
  // overCap: links only the content articles carried, left unchecked past crawl.contentArticles.maxLinkChecksPerUnit
  links: { checked: number; reusedFromPages: number; reusedFromEarlierRuns: number; overCap?: number };
  attachments: { fetched: number; extracted: number; reused: number; failed: number; bytes: number; extractMs: number };
  unrendered: string[]; // pages that needed a browser and got none
  fetch: FetchStats;
  seconds: number;
  blobsPruned?: number; // retention, at most once a day
  analysesPruned?: number;
};

/**
 * A run's stats as stored: the crawl's CrawlStats once its crawl step is done, `{}` while it crawls, and without the
 * fields a run recorded by an older version did not count yet. Readers default what is missing.
 */
export type RunStats = Partial<CrawlStats>;
