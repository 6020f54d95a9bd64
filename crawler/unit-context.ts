import type { CountyConfig, UnitConfig } from '../config/index.ts';
import type { AttachmentObservation, FeedPost, RevisitPage } from '../store/index.ts';
import type { PageSource } from './page-source.ts';
import type { PageAnalyser } from './page-analyser.ts';
import type { Fetcher } from './fetch.ts';
import type { ScopeGuard } from './scope.ts';
import type { Renderer } from './browser.ts';
import type { ExtractedLink } from './links-extract.ts';

/** A page read, with its links (checked once per unit, attachments read from them). */
export interface PageLinks {
  url: string;
  links: ExtractedLink[];
}

/** Reads the attachments linked from a unit's pages (crawler/attachments-crawl.ts). */
export interface AttachmentReader {
  read(ctx: UnitCrawlContext, pages: PageLinks[], columnOf: (pageUrl: string) => string | null): Promise<AttachmentObservation[]>;
  readonly stats: { fetched: number; extracted: number; reused: number; failed: number; bytes: number; extractMs: number };
}

/** What every unit of a run shares: the run, its settings and the services (read-only for a unit). */
export interface RunShared {
  runId: number;
  config: CountyConfig;
  asOf: string;
  window: { start: string; end: string };
  analyser: PageAnalyser;
  scope: ScopeGuard;
  renderer: () => Promise<Renderer | null>;
  maxDetailTextChars: number;
  recentWorkingLinks: Map<string, { status: number | null; method: 'HEAD' | 'GET' | null; checkedAt: string }>;
  attachments?: AttachmentReader; // reads attachments linked from the pages (absent: none are read)
  revisit?: Map<string, RevisitPage[]>; // per unit: pages of open content findings, read again (article-texts.ts)
}

/** The unit's own way out: page source and fetcher are cut off when the unit's budget is spent. */
interface UnitIo {
  source: PageSource;
  fetcher: Fetcher;
  importedPosts: (account: string) => FeedPost[]; // post dates imported from CSV for platforms without a feed
}

/** What the run counts across its units: every unit adds to the same tallies. */
export interface RunTally {
  unrendered: string[]; // pages that needed a browser and got none
  linkStats: { checked: number; reusedFromPages: number; reusedFromEarlierRuns: number; overCap: number };
}

export interface UnitCrawlContext {
  run: RunShared;
  /** The unit crawled. */
  unit: UnitConfig;
  io: UnitIo;
  tally: RunTally;
}
