import type { Store, PageObservation, PageRole } from '../store/index.ts';
import { getHttpCache, getRunPage, inTransaction, putHttpCache, recordPage, touchHttpCache, type HttpCacheEntry } from '../store/index.ts';
import type { Fetcher, FetchResult } from './fetch.ts';
import { decodeHtml } from './decode.ts';

export interface LoadedPage {
  page: PageObservation;
  /** The page has a body to read (fetched, or a stored snapshot reused). */
  hasBody: boolean;
  /** The decoded body; a reused snapshot is decoded only when read. */
  readonly html: string | null;
}

export interface PageRequest {
  url: string;
  role: PageRole;
  unitId: string | null;
  columnKey: string | null;
  /** Detail pages revalidated within this many days are reused from the snapshot without a request. */
  revalidateAfterDays?: number;
  /** The unit's crawl was cut off: the load fails without a request and nothing is recorded. */
  signal?: AbortSignal;
}

interface PageSourceStats {
  fetched: number;
  notModified: number;
  reusedFromRun: number; // resumed run: already fetched before the crash
  skippedFresh: number; // re-run: detail page validated recently, not re-asked
  skippedFreshLists: number; // re-run: later page of an unchanged list, validated recently, not re-asked
  bytes: number;
}

/**
 * Every page the crawl reads goes through here: resume reuse, conditional requests with the HTTP cache,
 * content-addressed snapshots, decoding from bytes, and one `pages` row per page and run.
 */
const WRITE_BATCH = 200;
const WRITE_DELAY_MS = 100;

export class PageSource {
  readonly stats: PageSourceStats = { fetched: 0, notModified: 0, reusedFromRun: 0, skippedFresh: 0, skippedFreshLists: 0, bytes: 0 };
  private readonly inFlight = new Map<string, Promise<LoadedPage>>();
  private readonly settled = new Map<string, PageObservation>(); // url → outcome of any role, fetched this run
  private readonly loadedThisRun = new Map<string, PageObservation>(); // role+url → outcome; bodies are not kept in memory
  // page rows and HTTP cache updates are written in batches, one transaction each (a commit per page cost more
  // than the page); a crash loses at most the last batch, which a resumed run asks again (conditionally)
  private pendingWrites: (() => void)[] = [];
  private readonly pendingCache = new Map<string, HttpCacheEntry>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly fetcher: Fetcher,
    private readonly runId: number,
    private readonly now: () => Date = () => new Date(),
    /** The run before this one, whose failures make a URL retried less (`crawl.retriesAfterRepeatFailure`). */
    private readonly previousRunId: number | null = null,
  ) {}

  load(req: PageRequest): Promise<LoadedPage> {
    const key = `${req.role}\u0000${req.url}`;
    const done = this.loadedThisRun.get(key);
    if (done) return Promise.resolve(this.loaded(done, done.ok ? undefined : null));
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.loadUncached(req).then(
        (loaded) => {
          const known = this.settled.get(req.url);
          if (!known || (!known.ok && loaded.page.ok)) this.settled.set(req.url, loaded.page);
          this.loadedThisRun.set(key, loaded.page);
          this.inFlight.delete(key);
          return loaded;
        },
        (err: unknown) => {
          this.inFlight.delete(key);
          throw err;
        },
      );
      this.inFlight.set(key, p);
    }
    return p;
  }

  /** A loaded page; `text` undefined means "decode the snapshot when read", null means no body. */
  private loaded(page: PageObservation, text: string | null | undefined): LoadedPage {
    if (text !== undefined) return { page, hasBody: text !== null, html: text };
    const hasBody = page.contentHash !== null && this.store.snapshots.has(page.contentHash);
    let memo: string | null | undefined;
    const decode = () => this.decodeSnapshot(page.contentHash, page.contentType)?.text ?? null;
    return {
      page,
      hasBody,
      get html() {
        if (memo === undefined) memo = hasBody ? decode() : null;
        return memo;
      },
    };
  }

  /** Commits the buffered page rows (before a unit is marked done, and at the end of a run). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pendingWrites.length === 0) return;
    const writes = this.pendingWrites;
    this.pendingWrites = [];
    try {
      inTransaction(this.store, () => {
        for (const w of writes) w();
      });
    } catch (err) {
      this.pendingWrites = [...writes, ...this.pendingWrites]; // rolled back: kept for the next flush
      throw err;
    }
    this.pendingCache.clear();
  }

  private write(fn: () => void): void {
    this.pendingWrites.push(fn);
    if (this.pendingWrites.length >= WRITE_BATCH) this.flush();
    else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        try {
          this.flush();
        } catch {
          // the database is busy: the rows stay buffered and go with the next flush (at the latest before the unit is marked done)
        }
      }, WRITE_DELAY_MS);
      this.flushTimer.unref();
    }
  }

  /**
   * A fetched page whose analysis failed or ran past its time limit: the page's own observation says so (class
   * 'unparsable', the URL and the reason) instead of the error failing the unit. Its body stays stored as evidence.
   */
  markUnparsable(page: PageObservation, message: string): void {
    page.ok = false;
    page.errorClass = 'unparsable';
    page.errorPermanent = true;
    page.errorMessage = message;
    this.record(page);
  }

  private record(page: PageObservation): void {
    this.write(() => recordPage(this.store, page));
  }

  private httpCache(url: string): HttpCacheEntry | null {
    return this.pendingCache.get(url) ?? getHttpCache(this.store, url);
  }

  /** The outcome of a page this run already fetched (as home, list, detail or feed), for link checks. */
  fetchedOutcome(url: string): PageObservation | undefined {
    return this.settled.get(url);
  }

  /** Whether the URL failed retriably earlier in this run (another role) or in the previous run, in every role. */
  private failedBefore(url: string): boolean {
    const earlier = [this.settled.get(url), this.previousRunId === null ? null : getRunPage(this.store, this.previousRunId, url)];
    return earlier.some((p) => p !== undefined && p !== null && !p.ok && p.errorPermanent === false);
  }

  /** The decoded body of a stored snapshot and the charset it was decoded with. */
  private decodeSnapshot(hash: string | null, contentType: string | null): { text: string; encoding: string } | null {
    if (!hash) return null;
    const bytes = this.store.snapshots.get(hash);
    return bytes ? decodeHtml(bytes, contentType) : null;
  }

  private async loadUncached(req: PageRequest): Promise<LoadedPage> {
    const previous = this.settled.get(req.url) ?? getRunPage(this.store, this.runId, req.url);
    if (previous && previous.ok && previous.contentHash && this.store.snapshots.has(previous.contentHash)) {
      this.stats.reusedFromRun++;
      const page = { ...previous, role: req.role, unitId: req.unitId ?? previous.unitId, columnKey: req.columnKey ?? previous.columnKey };
      if (page.role !== previous.role) this.record(page);
      return this.loaded(page, undefined);
    }
    const cache = this.httpCache(req.url);
    const nowIso = this.now().toISOString();
    if (cache && req.revalidateAfterDays !== undefined && this.store.snapshots.has(cache.contentHash)) {
      const age = (this.now().getTime() - Date.parse(cache.validatedAt)) / 86_400_000;
      if (age < req.revalidateAfterDays) {
        if (req.role === 'list') this.stats.skippedFreshLists++;
        else this.stats.skippedFresh++;
        const page = this.pageFrom(req, {
          finalUrl: req.url,
          ok: true,
          status: cache.status,
          contentType: cache.contentType,
          contentHash: cache.contentHash,
          bytes: 0,
          notModified: true,
          attempts: 0,
          fetchedAt: nowIso,
        });
        page.encoding = cache.encoding ?? null;
        this.record(page);
        return this.loaded(page, undefined);
      }
    }
    const result = await this.fetcher.fetch(req.url, {
      ...(cache ? { conditional: { etag: cache.etag, lastModified: cache.lastModified } } : {}),
      signal: req.signal,
      failedBefore: () => this.failedBefore(req.url),
    });
    if (req.signal?.aborted) throw new Error(`单位检查已中止：${req.url}`);
    return this.absorb(req, result, cache);
  }

  private async absorb(req: PageRequest, result: FetchResult, cache: ReturnType<typeof getHttpCache>): Promise<LoadedPage> {
    const nowIso = this.now().toISOString();
    if (result.notModified && cache && this.store.snapshots.has(cache.contentHash))
      return this.absorbNotModified(req, result, cache, nowIso);
    if (!result.ok || !result.body) return this.absorbFailure(req, result, nowIso);
    return this.absorbBody(req, result, result.body, nowIso);
  }

  /** A 304 whose snapshot is still on disk: the cached page stands, revalidated now. */
  private absorbNotModified(
    req: PageRequest,
    result: FetchResult,
    cache: NonNullable<ReturnType<typeof getHttpCache>>,
    nowIso: string,
  ): LoadedPage {
    this.stats.notModified++;
    // the charset is known from the cache entry; older entries without it decode now
    const decoded = cache.encoding ? null : this.decodeSnapshot(cache.contentHash, cache.contentType);
    const page = this.pageFrom(req, {
      finalUrl: result.finalUrl,
      ok: true,
      status: 304,
      contentType: cache.contentType,
      contentHash: cache.contentHash,
      bytes: 0,
      notModified: true,
      attempts: result.attempts,
      fetchedAt: nowIso,
    });
    page.encoding = cache.encoding ?? decoded?.encoding ?? null;
    const pendingEntry = this.pendingCache.get(req.url);
    if (pendingEntry) pendingEntry.validatedAt = nowIso;
    this.write(() => {
      touchHttpCache(this.store, req.url, nowIso);
      recordPage(this.store, page);
    });
    return this.loaded(page, decoded ? decoded.text : undefined);
  }

  /** A request that gave no usable body: recorded with its error class. */
  private absorbFailure(req: PageRequest, result: FetchResult, nowIso: string): LoadedPage {
    const contentType = result.headers['content-type'] ?? null;
    const page = this.pageFrom(req, {
      finalUrl: result.finalUrl,
      ok: false,
      status: result.status,
      contentType,
      contentHash: null,
      bytes: 0,
      notModified: false,
      attempts: result.attempts,
      fetchedAt: nowIso,
    });
    page.errorClass = result.errorClass ?? 'other';
    page.errorPermanent = result.permanent;
    page.errorMessage = result.errorMessage;
    this.record(page);
    return { page, hasBody: false, html: null };
  }

  /** A fresh body: stored as a snapshot, decoded, cached for the next conditional request. */
  private async absorbBody(req: PageRequest, result: FetchResult, body: Buffer, nowIso: string): Promise<LoadedPage> {
    const contentType = result.headers['content-type'] ?? null;
    this.stats.fetched++;
    this.stats.bytes += body.length;
    // compressed (libuv's thread pool) and written while this thread decodes; awaited so that no row names a blob
    // that is not on disk
    const stored = this.store.snapshots.putAsync(body);
    // an attachment is binary: it is read by the attachment extractor, not decoded as HTML
    const decoded = req.role === 'attachment' ? { text: '', encoding: null, lossy: false } : decodeHtml(body, contentType);
    const hash = await stored;
    const cacheEntry = {
      url: req.url,
      etag: result.headers.etag ?? null,
      lastModified: result.headers['last-modified'] ?? null,
      contentHash: hash,
      contentType,
      status: result.status ?? 200,
      fetchedAt: nowIso,
      validatedAt: nowIso,
      encoding: decoded.encoding,
    };
    const page = this.pageFrom(req, {
      finalUrl: result.finalUrl,
      ok: true,
      status: result.status,
      contentType,
      contentHash: hash,
      bytes: body.length,
      notModified: false,
      attempts: result.attempts,
      fetchedAt: nowIso,
    });
    page.encoding = decoded.encoding;
    if (decoded.lossy) {
      page.errorClass = 'bad_encoding';
      page.errorPermanent = true;
      page.errorMessage = `页面含无法按 ${decoded.encoding} 解码的字节 / undecodable bytes for ${decoded.encoding}`;
    }
    this.pendingCache.set(req.url, cacheEntry);
    this.write(() => {
      putHttpCache(this.store, cacheEntry);
      recordPage(this.store, page);
    });
    return { page, hasBody: true, html: decoded.text };
  }

  /** Stores a browser-rendered body for a page (the JS-built list), keeping the static snapshot's row. */
  recordRendered(req: PageRequest, html: string, screenshot: Buffer | null): PageObservation {
    const bytes = Buffer.from(html, 'utf8');
    const hash = this.store.snapshots.put(bytes);
    const shot = screenshot ? this.store.screenshots.put(screenshot) : null;
    return this.renderedRow(req, hash, bytes.length, shot, false);
  }

  /** Records an earlier rendering, reused because the page it was made from is unchanged. */
  recordReusedRendering(req: PageRequest, renderedHash: string): PageObservation {
    return this.renderedRow(req, renderedHash, 0, null, true);
  }

  private renderedRow(req: PageRequest, hash: string, bytes: number, shot: string | null, reused: boolean): PageObservation {
    const page = this.pageFrom(req, {
      finalUrl: req.url,
      ok: true,
      status: 200,
      contentType: 'text/html; charset=utf-8',
      contentHash: hash,
      bytes,
      notModified: reused,
      attempts: reused ? 0 : 1,
      fetchedAt: this.now().toISOString(),
    });
    page.rendered = true;
    page.encoding = 'utf-8';
    page.screenshot = shot;
    this.record(page);
    return page;
  }

  private pageFrom(
    req: PageRequest,
    p: Pick<
      PageObservation,
      'finalUrl' | 'ok' | 'status' | 'contentType' | 'contentHash' | 'bytes' | 'notModified' | 'attempts' | 'fetchedAt'
    >,
  ): PageObservation {
    return {
      runId: this.runId,
      unitId: req.unitId,
      role: req.role,
      columnKey: req.columnKey,
      url: req.url,
      errorClass: null,
      errorPermanent: null,
      errorMessage: null,
      encoding: null,
      rendered: false,
      screenshot: null,
      ...p,
    };
  }
}
