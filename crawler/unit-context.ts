import type { CountyConfig, UnitConfig } from '../config/index.ts';
import type { FeedPost } from '../store/index.ts';
import type { PageSource } from './page-source.ts';
import type { PageAnalyser } from './page-analyser.ts';
import type { Fetcher } from './fetch.ts';
import type { ScopeGuard } from './scope.ts';
import type { Renderer } from './browser.ts';
import type { AttachmentReader } from './attachments-crawl.ts';

export interface UnitCrawlContext {
  runId: number;
  unit: UnitConfig;
  config: CountyConfig;
  asOf: string;
  window: { start: string; end: string };
  source: PageSource;
  analyser: PageAnalyser;
  fetcher: Fetcher;
  scope: ScopeGuard;
  renderer: () => Promise<Renderer | null>;
  maxDetailTextChars: number;
  unrendered: string[]; // pages that needed a browser and got none
  recentWorkingLinks: Map<string, { status: number | null; method: 'HEAD' | 'GET' | null; checkedAt: string }>;
  linkStats: { checked: number; reusedFromPages: number; reusedFromEarlierRuns: number };
  importedPosts: (account: string) => FeedPost[]; // post dates imported from CSV for platforms without a feed
  attachments?: AttachmentReader; // reads attachments linked from the pages (absent: none are read)
}
