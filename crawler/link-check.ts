import type { ErrorClass, LinkOutcome } from '../store/index.ts';
import type { FetchResult, InternalFetchOptions } from './fetch-types.ts';
import type { ScopeGuard } from './scope.ts';

// link.broken semantics (docs/check-semantics.md): 4xx, 5xx or unreachable after retries; HEAD refused → GET decides.

export interface LinkCheckResult {
  outcome: LinkOutcome;
  status: number | null;
  errorClass: ErrorClass | null;
  method: 'HEAD' | 'GET' | null;
}

/** Statuses servers give when they refuse HEAD itself rather than the resource. */
const HEAD_REFUSED = new Set([400, 403, 405, 501]);
/** Failures a GET cannot change. */
const NO_GET_FALLBACK = new Set<ErrorClass>(['dns', 'tls', 'out_of_scope', 'robots_disallowed', 'unsupported_scheme']);
/** Not a verdict on the link: we were not allowed to look. */
const NOT_CHECKED = new Set<ErrorClass>(['out_of_scope', 'robots_disallowed', 'unsupported_scheme']);
const GET_READ_BYTES = 8 * 1024;

function verdict(res: FetchResult, method: 'HEAD' | 'GET'): LinkCheckResult {
  if (res.errorClass && NOT_CHECKED.has(res.errorClass))
    return { outcome: 'skipped', status: res.status, errorClass: res.errorClass, method };
  if (res.ok) return { outcome: 'ok', status: res.status, errorClass: null, method };
  return { outcome: 'broken', status: res.status, errorClass: res.errorClass ?? 'http_status', method };
}

function headRefused(res: FetchResult): boolean {
  if (res.ok) return false;
  if (res.errorClass === 'http_status') return res.status !== null && HEAD_REFUSED.has(res.status);
  return res.errorClass !== null && !NO_GET_FALLBACK.has(res.errorClass);
}

export function createLinkChecker(deps: {
  fetch: (url: string, opts: InternalFetchOptions) => Promise<FetchResult>;
  scope: ScopeGuard;
  onCheck: () => void;
}): (url: string, opts?: { signal?: AbortSignal }) => Promise<LinkCheckResult> {
  const cache = new Map<string, Promise<LinkCheckResult>>();

  async function check(url: string, signal: AbortSignal | undefined): Promise<LinkCheckResult> {
    const decision = deps.scope.check(url);
    if (!decision.allowed) return { outcome: 'skipped', status: null, errorClass: decision.reason, method: null };
    deps.onCheck();
    const head = await deps.fetch(url, { method: 'HEAD', purpose: 'link', signal });
    if (!headRefused(head)) return verdict(head, 'HEAD');
    const get = await deps.fetch(url, { method: 'GET', purpose: 'link', truncateAt: GET_READ_BYTES, signal });
    return verdict(get, 'GET');
  }

  return (url: string, opts: { signal?: AbortSignal } = {}) => {
    const key = url.replace(/#.*$/, '');
    let cached = cache.get(key);
    if (!cached) {
      const signal = opts.signal;
      cached = check(key, signal);
      // a check cut off with its unit says nothing about the link: another unit asks again
      if (signal)
        void cached.then(
          () => signal.aborted && cache.delete(key),
          () => cache.delete(key),
        );
      cache.set(key, cached);
    }
    return cached;
  };
}
