// The crawl's access to page analyses: in memory for pages read twice in a run, in the store for unchanged pages
// of later runs (keyed by URL, content hash and extractor version), otherwise parsed by the analysis pool.
import type { Store } from '../store/index.ts';
import { getPageAnalysis, putPageAnalysis } from '../store/index.ts';
import type { AnalysisPool } from './analysis-pool.ts';
import { extractorVersion } from './extractor-version.ts';
import { hasPart, mergeAnalyses, type AnalysisPart, type PageAnalysis } from './page-analysis.ts';
import type { LoadedPage } from './page-source.ts';

const MEMORY_ENTRIES = 256;

export interface AnalyserStats {
  parsed: number; // pages parsed this run
  reused: number; // analyses of unchanged pages taken from the store
}

export class PageAnalyser {
  readonly stats: AnalyserStats = { parsed: 0, reused: 0 };
  private readonly recent = new Map<string, PageAnalysis>();

  constructor(private readonly store: Store, private readonly pool: AnalysisPool, private readonly version = extractorVersion()) {}

  /** The parts of a loaded page; null when the page has no readable body. */
  async analyse(loaded: LoadedPage, url: string, parts: AnalysisPart[]): Promise<PageAnalysis | null> {
    if (!loaded.hasBody) return null;
    const hash = loaded.page.contentHash;
    if (!hash || loaded.page.rendered) {
      const html = loaded.html;
      return html === null ? null : this.analyseHtml(html, url, parts);
    }
    const key = `${hash}\u0000${url}`;
    let have = this.recent.get(key);
    let stored = false;
    if (!have) {
      const fromStore = getPageAnalysis(this.store, url, hash, this.version) as PageAnalysis | null;
      if (fromStore) (have = fromStore), (stored = true);
    }
    have ??= {};
    const missing = parts.filter((p) => !hasPart(have!, p));
    if (missing.length > 0) {
      const html = loaded.html;
      if (html === null) return null;
      const fresh = await this.pool.analyse(html, url, missing);
      this.stats.parsed++;
      const merged = Object.keys(have).length === 0 ? fresh.analysis : mergeAnalyses(have, fresh.analysis);
      putPageAnalysis(this.store, url, hash, this.version, merged === fresh.analysis ? fresh.json : merged);
      have = merged;
    } else if (stored) {
      this.stats.reused++;
    }
    this.remember(key, have);
    return have;
  }

  /** A page not backed by a stored body (a browser rendering): parsed every time. */
  async analyseHtml(html: string, url: string, parts: AnalysisPart[]): Promise<PageAnalysis> {
    this.stats.parsed++;
    return (await this.pool.analyse(html, url, parts)).analysis;
  }

  private remember(key: string, a: PageAnalysis): void {
    this.recent.delete(key);
    this.recent.set(key, a);
    if (this.recent.size > MEMORY_ENTRIES) this.recent.delete(this.recent.keys().next().value!);
  }
}
