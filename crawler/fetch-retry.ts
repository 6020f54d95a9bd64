// Retries: exponential backoff with jitter, or the server's Retry-After when it gives one; what counts as failed.
import { classifyStatus, type ClassifiedError } from './errors.ts';
import type { Attempt } from './fetch-types.ts';

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** A Retry-After longer than this is cut down: a crawl must not stall for hours on one host. */
const RETRY_AFTER_CAP_MS = 60_000;

/** Milliseconds asked for by a Retry-After header (delta seconds or HTTP date), or null when absent/unparseable. */
function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Delay before retry number `retry` (0-based): full exponential step plus up to one step of jitter, capped. */
function backoffDelay(retry: number, random: () => number): number {
  const step = BACKOFF_BASE_MS * 2 ** retry;
  return Math.min(BACKOFF_MAX_MS, Math.round(step + random() * step));
}

function retryDelay(retry: number, retryAfterHeader: string | null, random: () => number, now?: number): number {
  const asked = parseRetryAfter(retryAfterHeader, now);
  if (asked !== null) return Math.min(asked, RETRY_AFTER_CAP_MS);
  return backoffDelay(retry, random);
}

/** The failure an attempt ended in: its error, or an HTTP error status (a 304 answering a conditional request is none). */
function failureOf(attempt: Attempt, conditional: boolean): ClassifiedError | null {
  if (attempt.error) return attempt.error;
  const status = attempt.status ?? 0;
  if (status === 304 && conditional) return null;
  if (status >= 400) return { ...classifyStatus(status), message: `服务器返回 HTTP ${status}` };
  return null;
}

export interface RetryPolicy {
  retries: number;
  /**
   * Retries left for a URL that already failed (retriably, after all its retries) in the previous run: asked once, at
   * its first retriable failure, so a page down for a second run in a row costs the host and the run less waiting.
   */
  repeatFailure?: { retries: number; failedBefore: () => boolean };
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Counted once per retry, for the host's stats. */
  onRetry: () => void;
}

interface RetriedAttempt {
  attempt: Attempt;
  failure: ClassifiedError | null;
  attempts: number;
}

/** Runs `send` until it succeeds, fails permanently or the retries are used up, waiting between tries. */
export async function withRetries(
  send: (isRetry: boolean) => Promise<Attempt>,
  conditional: boolean,
  policy: RetryPolicy,
): Promise<RetriedAttempt> {
  let attempts = 0;
  let retries = policy.retries;
  for (let retry = 0; ; retry++) {
    attempts++;
    const attempt = await send(retry > 0);
    const failure = failureOf(attempt, conditional);
    if (!failure || failure.permanent) return { attempt, failure, attempts };
    if (retry === 0 && policy.repeatFailure?.failedBefore()) retries = Math.min(retries, policy.repeatFailure.retries);
    if (retry >= retries) return { attempt, failure, attempts };
    policy.onRetry();
    await policy.sleep(retryDelay(retry, attempt.headers['retry-after'] ?? null, policy.random));
  }
}
