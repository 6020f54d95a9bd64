// The crawler's only way onto the network: scope and robots.txt first, then request → retries → redirects, each in
// its own module (fetch-request, fetch-retry, fetch-redirect, fetch-robots; the body is read by fetch-body).
import { Agent } from 'undici';
import type { ClassifiedError } from './errors.ts';
import { createHostQueues } from './fetch-host-queue.ts';
import { createFetchGate, type FetchGate } from './fetch-robots.ts';
import { nextHop, startTrail, type RedirectTrail } from './fetch-redirect.ts';
import { headerSafe, requestOnce, requestSpec, type RequestEnv } from './fetch-request.ts';
import { withRetries, type RetryPolicy } from './fetch-retry.ts';
import { createStatsRecorder, type FetchStats, type StatsRecorder } from './fetch-stats.ts';
import {
  hostKey,
  REDIRECT_STATUSES,
  type Attempt,
  type FetcherOptions,
  type FetchOptions,
  type FetchResult,
  type InternalFetchOptions,
} from './fetch-types.ts';
import { createLinkChecker, type LinkCheckResult } from './link-check.ts';

export type { FetchStats, HostStats } from './fetch-stats.ts';
export type { LinkCheckResult } from './link-check.ts';
export type { FetcherOptions, FetchOptions, FetchPurpose, FetchResult, InternalFetchOptions } from './fetch-types.ts';
export { ROBOTS_PRODUCT_TOKEN } from './fetch-robots.ts';

export const DEFAULT_USER_AGENT = 'zwgk-inspector/0.1 (+政务公开检查; county office)';

export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
  checkLink(url: string, opts?: { signal?: AbortSignal }): Promise<LinkCheckResult>;
  stats(): FetchStats;
  close(): Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Outcome = Pick<FetchResult, 'ok' | 'status' | 'headers' | 'body' | 'notModified'>;

/** The final answer of a fetch, counted in the host's stats when it was a page. */
function resultOf(
  stats: StatsRecorder,
  fo: InternalFetchOptions,
  trail: RedirectTrail,
  outcome: Outcome,
  failure: ClassifiedError | null,
  attempts: number,
  started: number,
): FetchResult {
  const finalUrl = trail.hops.at(-1) ?? trail.start;
  const host = hostKey(finalUrl) || hostKey(trail.start);
  if ((fo.purpose ?? 'page') === 'page') {
    if (failure) stats.error(host, failure.errorClass);
    else if (outcome.notModified) stats.notModified(host);
    else stats.page(host);
  }
  return {
    url: trail.start,
    finalUrl,
    ...outcome,
    errorClass: failure?.errorClass ?? null,
    permanent: failure ? failure.permanent : null,
    errorMessage: failure?.message ?? null,
    attempts,
    redirects: trail.hops,
    elapsedMs: Date.now() - started,
  };
}

/** What a response that is neither a failure nor a redirect we follow means: content, not modified, or an odd status. */
function settled(attempt: Attempt): { outcome: Outcome; failure: ClassifiedError | null } {
  const status = attempt.status ?? 0;
  if (status === 304) return { outcome: { ok: true, status, headers: attempt.headers, body: null, notModified: true }, failure: null };
  const content = { status, headers: attempt.headers, body: attempt.body, notModified: false };
  if (status >= 200 && status < 300) return { outcome: { ok: true, ...content }, failure: null };
  return {
    outcome: { ok: false, ...content },
    failure: { errorClass: 'http_status', permanent: true, message: `服务器返回 HTTP ${status}，无法取得页面内容` },
  };
}

export function createFetcher(opts: FetcherOptions): Fetcher {
  const { crawl, scope } = opts;
  const sleep = opts.sleep ?? defaultSleep;
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
  const env: RequestEnv = { crawl, agent, queues, stats, headResetHosts: new Set() };
  const retryPolicy = (host: string, failedBefore: (() => boolean) | undefined): RetryPolicy => ({
    retries: crawl.retries,
    ...(failedBefore ? { repeatFailure: { retries: crawl.retriesAfterRepeatFailure, failedBefore } } : {}),
    sleep,
    random: opts.random ?? Math.random,
    onRetry: () => stats.retry(host),
  });
  const gate: FetchGate = createFetchGate(scope, opts.respectRobots, (url, fo) => doFetch(url, fo, true));

  async function doFetch(url: string, fo: InternalFetchOptions = {}, skipRobots = false): Promise<FetchResult> {
    const started = Date.now();
    const spec = requestSpec(userAgent, crawl.maxBodyBytes, fo);
    const trail = startTrail(url);
    let current = url;
    let attempts = 0;
    const finish = (outcome: Outcome, failure: ClassifiedError | null) => resultOf(stats, fo, trail, outcome, failure, attempts, started);
    const refused = (failure: ClassifiedError, status: number | null = null, headers: Record<string, string> = {}) =>
      finish({ ok: false, status, headers, body: null, notModified: false }, failure);

    const blocked = await gate(url, skipRobots);
    if (blocked) return refused(blocked);
    for (;;) {
      // a retry has already waited out its backoff: it does not queue again behind the whole backlog
      const {
        attempt,
        failure,
        attempts: n,
      } = await withRetries(
        (isRetry) => requestOnce(env, current, spec, isRetry ? 1 : 0),
        spec.conditional,
        retryPolicy(hostKey(current), fo.failedBefore),
      );
      attempts += n;
      if (failure)
        return finish({ ok: false, status: attempt.status, headers: attempt.headers, body: attempt.body, notModified: false }, failure);
      const location = attempt.headers.location;
      if (!REDIRECT_STATUSES.has(attempt.status ?? 0) || !location) {
        const end = settled(attempt);
        return finish(end.outcome, end.failure);
      }
      const hop = await nextHop(trail, current, location, crawl.maxRedirects, gate, skipRobots);
      if ('refusal' in hop) return refused(hop.refusal, attempt.status, attempt.headers);
      current = hop.next;
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
