import { Agent, request } from 'undici';
import type { CrawlSettings } from '../config/index.ts';
import type { ErrorClass } from '../store/index.ts';
import { classifyError, classifyStatus, isUnparsableResponse, type ClassifiedError } from './errors.ts';
import { readBodyCapped } from './fetch-body.ts';
import { createHostQueues } from './fetch-host-queue.ts';
import { retryDelay } from './fetch-retry.ts';
import { createStatsRecorder, type FetchStats } from './fetch-stats.ts';
import { createLinkChecker, type LinkCheckResult } from './link-check.ts';
import { ALLOW_ALL, parseRobots, type RobotsRules } from './robots.ts';
import type { ScopeGuard } from './scope.ts';

export type { FetchStats, HostStats } from './fetch-stats.ts';
export type { LinkCheckResult } from './link-check.ts';

export const DEFAULT_USER_AGENT = 'zwgk-inspector/0.1 (+政务公开检查; county office)';
export const ROBOTS_PRODUCT_TOKEN = 'zwgk-inspector';
const ROBOTS_MAX_BYTES = 512 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  conditional?: { etag?: string | null; lastModified?: string | null };
  method?: 'GET' | 'HEAD';
  maxBodyBytes?: number;
  /** Aborts the request, or keeps it from starting (a unit cut off by its budget): a permanent 'timeout'. */
  signal?: AbortSignal;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  ok: boolean;
  status: number | null;
  headers: Record<string, string>;
  body: Buffer | null;
  notModified: boolean;
  errorClass: ErrorClass | null;
  permanent: boolean | null;
  errorMessage: string | null;
  attempts: number;
  redirects: string[];
  elapsedMs: number;
}

export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
  checkLink(url: string, opts?: { signal?: AbortSignal }): Promise<LinkCheckResult>;
  stats(): FetchStats;
  close(): Promise<void>;
}

export interface FetcherOptions {
  crawl: CrawlSettings;
  politeness: { concurrencyPerHost: number; delayMs: number };
  scope: ScopeGuard;
  respectRobots: boolean;
  userAgent?: string;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What a request is for: only page fetches count as pages and errors in the stats. */
export type FetchPurpose = 'page' | 'link' | 'robots';

export interface InternalFetchOptions extends FetchOptions {
  purpose?: FetchPurpose;
  /** Stop reading quietly after this many bytes (no too_large). */
  truncateAt?: number;
}

/** Content a browser would download rather than show: it may take the longer attachment deadline. */
const ATTACHMENT_TYPE = /^(application\/(pdf|msword|vnd\.|zip|x-rar|x-7z|octet-stream|x-zip)|image\/|video\/|audio\/)/i;

interface RequestSpec {
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  maxBytes: number;
  truncateAt: number | undefined;
  /** A 304 answers a conditional request; it is not a failure. */
  conditional: boolean;
  signal?: AbortSignal;
}

interface Attempt {
  status: number | null;
  headers: Record<string, string>;
  body: Buffer | null;
  error: ClassifiedError | null;
}

// Header values must be Latin-1; non-ASCII characters of the User-Agent are percent-encoded.
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]+/g, (s) => encodeURIComponent(s));
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createFetcher(opts: FetcherOptions): Fetcher {
  const { crawl, scope } = opts;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const userAgent = headerSafe(opts.userAgent ?? crawl.userAgent ?? DEFAULT_USER_AGENT);
  const agent = new Agent({
    connectTimeout: crawl.connectTimeoutMs,
    headersTimeout: crawl.headersTimeoutMs,
    bodyTimeout: crawl.bodyTimeoutMs,
    keepAliveTimeout: 10_000,
    connections: opts.politeness.concurrencyPerHost,
  });
  const queues = createHostQueues({ concurrencyPerHost: opts.politeness.concurrencyPerHost, delayMs: opts.politeness.delayMs, sleep });
  const stats = createStatsRecorder();
  const robotsCache = new Map<string, Promise<RobotsRules>>();
  const headResetHosts = new Set<string>(); // hosts whose responses could not be parsed: HEAD closes the connection there

  async function requestOnce(url: string, spec: RequestSpec, priority = 0): Promise<Attempt> {
    const { method, headers, maxBytes, truncateAt } = spec;
    const host = hostKey(url);
    return queues.run(host, async () => {
      let wire = 0;
      // one total deadline from connect to last byte, extended once the headers show an attachment
      const started = Date.now();
      const deadline = new AbortController();
      let limitMs = crawl.pageDeadlineMs;
      const arm = () => setTimeout(() => deadline.abort(), Math.max(0, limitMs - (Date.now() - started)));
      let timer = arm();
      const cancel = () => deadline.abort();
      if (spec.signal?.aborted) return { status: null, headers: {}, body: null, error: cancelled(url) };
      spec.signal?.addEventListener('abort', cancel, { once: true });
      try {
        // undici closes the connection after every HEAD (some servers send a body anyway, which would corrupt the
        // next response); link checks are mostly HEADs, so keep-alive stays on until a host answers unparsably
        const reset = method === 'HEAD' ? headResetHosts.has(host) : undefined;
        const res = await request(url, { dispatcher: agent, method, headers, reset, signal: deadline.signal });
        const resHeaders = flattenHeaders(res.headers);
        if (ATTACHMENT_TYPE.test(resHeaders['content-type'] ?? '') && crawl.attachmentDeadlineMs > limitMs) {
          clearTimeout(timer);
          limitMs = crawl.attachmentDeadlineMs;
          timer = arm();
        }
        if (method === 'HEAD' || REDIRECT_STATUSES.has(res.statusCode)) {
          await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          return { status: res.statusCode, headers: resHeaders, body: method === 'HEAD' ? null : Buffer.alloc(0), error: null };
        }
        const declared = Number(resHeaders['content-length']);
        if (truncateAt === undefined && Number.isFinite(declared) && declared > maxBytes && !resHeaders['content-encoding']) {
          res.body.destroy();
          return { status: res.statusCode, headers: resHeaders, body: null, error: tooLarge(maxBytes, declared) };
        }
        const read = await readBodyCapped(res.body, resHeaders['content-encoding'] ?? null, { maxBytes, truncateAt });
        wire = read.wireBytes;
        if (read.tooLarge) return { status: res.statusCode, headers: resHeaders, body: null, error: tooLarge(maxBytes, null) };
        return { status: res.statusCode, headers: resHeaders, body: read.body, error: null };
      } catch (err) {
        if (spec.signal?.aborted) return { status: null, headers: {}, body: null, error: cancelled(url) };
        if (deadline.signal.aborted) {
          return { status: null, headers: {}, body: null, error: { errorClass: 'timeout', permanent: false, message: `请求超过总时限 ${Math.round(limitMs / 100) / 10} 秒（连接到读完），已中止：${url}` } };
        }
        if (isUnparsableResponse(err)) headResetHosts.add(host);
        return { status: null, headers: {}, body: null, error: classifyError(err) };
      } finally {
        clearTimeout(timer);
        spec.signal?.removeEventListener('abort', cancel);
        stats.request(host, wire);
      }
    }, priority);
  }

  function cancelled(url: string): ClassifiedError {
    return { errorClass: 'timeout', permanent: true, message: `单位检查超过总时限，请求已取消：${url}` };
  }

  function tooLarge(maxBytes: number, declared: number | null): ClassifiedError {
    const size = declared !== null ? `（声明大小 ${declared} 字节）` : '';
    return { errorClass: 'too_large', permanent: true, message: `内容超过上限 ${maxBytes} 字节${size}，已停止读取` };
  }

  function failureOf(attempt: Attempt, conditional: boolean): ClassifiedError | null {
    if (attempt.error) return attempt.error;
    const status = attempt.status ?? 0;
    if (status === 304 && conditional) return null;
    if (status >= 400) {
      const c = classifyStatus(status);
      return { ...c, message: `服务器返回 HTTP ${status}` };
    }
    return null;
  }

  async function withRetries(url: string, spec: RequestSpec): Promise<{ attempt: Attempt; failure: ClassifiedError | null; attempts: number }> {
    const host = hostKey(url);
    let attempts = 0;
    for (let retry = 0; ; retry++) {
      attempts++;
      // a retry has already waited out its backoff: it does not queue again behind the whole backlog
      const attempt = await requestOnce(url, spec, retry > 0 ? 1 : 0);
      const failure = failureOf(attempt, spec.conditional);
      if (!failure || failure.permanent || retry >= crawl.retries) return { attempt, failure, attempts };
      stats.retry(host);
      await sleep(retryDelay(retry, attempt.headers['retry-after'] ?? null, random));
    }
  }

  function robotsFor(url: string): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    let cached = robotsCache.get(origin);
    if (!cached) {
      cached = doFetch(`${origin}/robots.txt`, { purpose: 'robots', truncateAt: ROBOTS_MAX_BYTES }, true).then((res) => {
        // Only a readable robots.txt restricts us; a missing or failing one must not turn a whole site into findings.
        if (!res.ok || !res.body || res.notModified) return ALLOW_ALL;
        return parseRobots(new TextDecoder('utf-8').decode(res.body), ROBOTS_PRODUCT_TOKEN);
      });
      robotsCache.set(origin, cached);
    }
    return cached;
  }

  async function gate(url: string, skipRobots: boolean): Promise<ClassifiedError | null> {
    const decision = scope.check(url);
    if (!decision.allowed) return { errorClass: decision.reason, permanent: true, message: decision.message };
    if (opts.respectRobots && !skipRobots) {
      const rules = await robotsFor(url);
      if (!rules.isAllowed(url)) return { errorClass: 'robots_disallowed', permanent: true, message: `robots.txt 不允许抓取：${url}` };
    }
    return null;
  }

  async function doFetch(url: string, fo: InternalFetchOptions = {}, skipRobots = false): Promise<FetchResult> {
    const started = Date.now();
    const purpose = fo.purpose ?? 'page';
    const method = fo.method ?? 'GET';
    const maxBytes = fo.maxBodyBytes ?? crawl.maxBodyBytes;
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-language': 'zh-CN,zh;q=0.9',
      'accept-encoding': 'gzip, deflate, br',
    };
    const etag = fo.conditional?.etag;
    const lastModified = fo.conditional?.lastModified;
    if (etag) headers['if-none-match'] = etag;
    if (lastModified) headers['if-modified-since'] = lastModified;
    const spec: RequestSpec = { method, headers, maxBytes, truncateAt: fo.truncateAt, conditional: Boolean(etag || lastModified), signal: fo.signal };

    const redirects: string[] = [];
    const seen = new Set<string>([url]);
    let current = url;
    let attempts = 0;

    const finish = (partial: Pick<FetchResult, 'ok' | 'status' | 'headers' | 'body' | 'notModified'>, failure: ClassifiedError | null): FetchResult => {
      const host = hostKey(current) || hostKey(url);
      if (purpose === 'page') {
        if (failure) stats.error(host, failure.errorClass);
        else if (partial.notModified) stats.notModified(host);
        else stats.page(host);
      }
      return {
        url,
        finalUrl: current,
        ...partial,
        errorClass: failure?.errorClass ?? null,
        permanent: failure ? failure.permanent : null,
        errorMessage: failure?.message ?? null,
        attempts,
        redirects,
        elapsedMs: Date.now() - started,
      };
    };
    const refused = (failure: ClassifiedError, status: number | null = null, resHeaders: Record<string, string> = {}) =>
      finish({ ok: false, status, headers: resHeaders, body: null, notModified: false }, failure);

    const blocked = await gate(url, skipRobots);
    if (blocked) return refused(blocked);

    for (;;) {
      const { attempt, failure, attempts: n } = await withRetries(current, spec);
      attempts += n;
      if (failure) return finish({ ok: false, status: attempt.status, headers: attempt.headers, body: attempt.body, notModified: false }, failure);
      const status = attempt.status ?? 0;
      const location = attempt.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        let next: string;
        try {
          next = new URL(location, current).href;
        } catch {
          return refused({ errorClass: 'other', permanent: true, message: `重定向地址无效：${location}` }, status, attempt.headers);
        }
        if (seen.has(next)) {
          return refused({ errorClass: 'redirect_loop', permanent: true, message: `重定向循环：${[url, ...redirects, next].join(' → ')}` }, status, attempt.headers);
        }
        if (redirects.length >= crawl.maxRedirects) {
          return refused({ errorClass: 'too_many_redirects', permanent: true, message: `重定向超过 ${crawl.maxRedirects} 次` }, status, attempt.headers);
        }
        const hopBlocked = await gate(next, skipRobots);
        if (hopBlocked) {
          return refused({ ...hopBlocked, message: `重定向到 ${next}：${hopBlocked.message}` }, status, attempt.headers);
        }
        seen.add(next);
        redirects.push(next);
        current = next;
        continue;
      }
      if (status === 304) return finish({ ok: true, status, headers: attempt.headers, body: null, notModified: true }, null);
      if (status >= 200 && status < 300) return finish({ ok: true, status, headers: attempt.headers, body: attempt.body, notModified: false }, null);
      const odd = { errorClass: 'http_status' as const, permanent: true, message: `服务器返回 HTTP ${status}，无法取得页面内容` };
      return finish({ ok: false, status, headers: attempt.headers, body: attempt.body, notModified: false }, odd);
    }
  }

  const checkLink = createLinkChecker({
    fetch: (url, fo) => doFetch(url, fo),
    scope,
    onCheck: () => stats.linkCheck(),
  });

  return {
    fetch: (url, fo) => doFetch(url, { ...fo, purpose: 'page' }),
    checkLink,
    stats: () => stats.snapshot(),
    // Waits for requests in flight; call it once the crawl no longer needs the fetcher.
    async close() {
      await queues.idle();
      await agent.close();
    },
  };
}
