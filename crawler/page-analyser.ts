// The crawl's access to page analyses: in memory for pages read twice in a run, in the store for unchanged pages
// of later runs (keyed by URL, content hash and extractor version), otherwise parsed by the analysis pool.
import type { Store } from '../store/index.ts';
import { getPageAnalysis, hasPageAnalysis, putPageAnalyses, type PageAnalysisRow } from '../store/index.ts';
import { AnalysisTimeLimitError, type AnalysisPool } from './analysis-pool.ts';
import { extractorVersion } from './extractor-version.ts';
import { hasPart, mergeAnalyses, type AnalysisPart, type PageAnalysis } from './page-analysis.ts';
import type { LoadedPage } from './page-source.ts';
import type { FeedParseResult } from './feeds.ts';

const MEMORY_ENTRIES = 256;
const PENDING_LIMIT = 200;

interface AnalyserStats {
  parsed: number; // pages parsed this run
  reused: number; // analyses of unchanged pages taken from the store
  rendersReused: number; // browser renderings of unchanged, self-contained pages taken from the store
}

/** A browser rendering of a page, kept per static body (content hash) of the page. */
export interface StoredRendering {
  renderedHash: string; // snapshot of the rendered HTML
  analysis: PageAnalysis;
  scripts: { url: string; contentHash: string }[]; // the script files it ran, as they were then
}

const renderingKey = (url: string): string => `render\u0000${url}`;

export class PageAnalyser {
  readonly stats: AnalyserStats = { parsed: 0, reused: 0, rendersReused: 0 };
  private readonly recent = new Map<string, PageAnalysis>();
  // written in batches (one transaction each): the cache is derived data, a crash only costs a re-parse
  private pending: PageAnalysisRow[] = [];

  /** Pages whose analysis failed (error class 'unparsable'): the run goes on without them. */
  readonly faults: { url: string; message: string }[] = [];
  /** Called with a page whose analysis failed, so that its stored observation says so (PageSource.markUnparsable). */
  onFault: ((loaded: LoadedPage, message: string) => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly pool: AnalysisPool,
    private readonly version = extractorVersion(),
  ) {}

  /** The parts of a loaded page; null when the page has no readable body or its analysis failed (recorded as a fault). */
  async analyse(loaded: LoadedPage, url: string, parts: AnalysisPart[]): Promise<PageAnalysis | null> {
    try {
      return await this.analyseLoaded(loaded, url, parts);
    } catch (err) {
      this.fault(loaded, url, err);
      return null;
    }
  }

  private fault(loaded: LoadedPage | null, url: string, err: unknown): void {
    const why = err instanceof AnalysisTimeLimitError ? err.message : `解析出错：${err instanceof Error ? err.message : String(err)}`;
    const message = `页面无法解析：${url}（${why.slice(0, 300)}）`;
    this.faults.push({ url, message });
    if (loaded) this.onFault?.(loaded, message);
  }

  private async analyseLoaded(loaded: LoadedPage, url: string, parts: AnalysisPart[]): Promise<PageAnalysis | null> {
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
      this.pending.push({
        url,
        contentHash: hash,
        extractor: this.version,
        json: merged === fresh.analysis ? fresh.json : JSON.stringify(merged),
      });
      if (this.pending.length >= PENDING_LIMIT) this.flush();
      have = merged;
    } else if (stored) {
      this.stats.reused++;
    }
    this.remember(key, have);
    return have;
  }

  /** A feed's posts; unchanged feeds (same body and content type) are not parsed again. Null when unreadable (a fault). */
  async feed(loaded: LoadedPage, url: string): Promise<FeedParseResult | null> {
    try {
      return await this.feedLoaded(loaded, url);
    } catch (err) {
      this.fault(loaded, url, err);
      return null;
    }
  }

  private async feedLoaded(loaded: LoadedPage, url: string): Promise<FeedParseResult | null> {
    if (!loaded.hasBody) return null;
    const hash = loaded.page.contentHash;
    const key = `feed\u0000${loaded.page.contentType ?? ''}\u0000${url}`;
    if (hash) {
      const stored = getPageAnalysis(this.store, key, hash, this.version) as FeedParseResult | null;
      if (stored) {
        this.stats.reused++;
        return stored;
      }
    }
    const text = loaded.html;
    if (text === null) return null;
    const { feed, json } = await this.pool.parseFeed(text, loaded.page.contentType);
    this.stats.parsed++;
    if (hash) this.pending.push({ url: key, contentHash: hash, extractor: this.version, json });
    return feed;
  }

  /**
   * An earlier rendering of the page made from the same static body, when that rendering depended on nothing
   * but the body and its script files (no XHR, fetch or frame). The caller checks that the scripts are unchanged.
   */
  reusableRendering(url: string, staticHash: string, parts: AnalysisPart[]): StoredRendering | null {
    const stored = getPageAnalysis(this.store, renderingKey(url), staticHash, this.version) as StoredRendering | null;
    if (!stored || !this.store.snapshots.has(stored.renderedHash) || !parts.every((p) => hasPart(stored.analysis, p))) return null;
    return stored;
  }

  /** Keeps a self-contained rendering for the next run (see reusableRendering). */
  rememberRendering(url: string, staticHash: string, rendering: StoredRendering): void {
    this.pending.push({ url: renderingKey(url), contentHash: staticHash, extractor: this.version, json: JSON.stringify(rendering) });
  }

  /** Whether a page has a rendering that a run may be able to reuse (its static body decides). */
  mayReuseRendering(url: string): boolean {
    return hasPageAnalysis(this.store, renderingKey(url), this.version);
  }

  /** Writes the analyses made since the last flush. */
  flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    putPageAnalyses(this.store, rows);
  }

  /** A page not backed by a stored body (a browser rendering): parsed every time. Null when its analysis failed (a fault). */
  async analyseHtml(html: string, url: string, parts: AnalysisPart[]): Promise<PageAnalysis | null> {
    this.stats.parsed++;
    try {
      return (await this.pool.analyse(html, url, parts)).analysis;
    } catch (err) {
      this.fault(null, url, err);
      return null;
    }
  }

  private remember(key: string, a: PageAnalysis): void {
    this.recent.delete(key);
    this.recent.set(key, a);
    if (this.recent.size > MEMORY_ENTRIES) this.recent.delete(this.recent.keys().next().value!);
  }
}
