// The fetcher's vocabulary: what a caller asks for, what it gets back, and what one HTTP exchange produced.
import type { CrawlSettings } from '../config/index.ts';
import type { ErrorClass } from '../store/index.ts';
import type { ClassifiedError } from './errors.ts';
import type { ScopeGuard } from './scope.ts';

export interface FetchOptions {
  conditional?: { etag?: string | null; lastModified?: string | null };
  method?: 'GET' | 'HEAD';
  maxBodyBytes?: number;
  /** Aborts the request, or keeps it from starting (a unit cut off by its budget): a permanent 'timeout'. */
  signal?: AbortSignal;
  /** True when this URL failed retriably before (previous run, or this run in another role); asked only if it fails now: it is retried less. */
  failedBefore?: () => boolean;
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

/** One request as sent, the same for every retry and redirect hop of a fetch. */
export interface RequestSpec {
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  maxBytes: number;
  truncateAt: number | undefined;
  /** A 304 answers a conditional request; it is not a failure. */
  conditional: boolean;
  signal?: AbortSignal;
}

/** What one HTTP exchange produced: a response (status, headers, body as read) or an error. */
export interface Attempt {
  status: number | null;
  headers: Record<string, string>;
  body: Buffer | null;
  error: ClassifiedError | null;
}

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}
