// Retry timing: exponential backoff with jitter, or the server's Retry-After when it gives one.

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
/** A Retry-After longer than this is cut down: a crawl must not stall for hours on one host. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Milliseconds asked for by a Retry-After header (delta seconds or HTTP date), or null when absent/unparseable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Delay before retry number `retry` (0-based): full exponential step plus up to one step of jitter, capped. */
export function backoffDelay(retry: number, random: () => number): number {
  const step = BACKOFF_BASE_MS * 2 ** retry;
  return Math.min(BACKOFF_MAX_MS, Math.round(step + random() * step));
}

export function retryDelay(retry: number, retryAfterHeader: string | null, random: () => number, now?: number): number {
  const asked = parseRetryAfter(retryAfterHeader, now);
  if (asked !== null) return Math.min(asked, RETRY_AFTER_CAP_MS);
  return backoffDelay(retry, random);
}
