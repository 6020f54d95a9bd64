// One redirect hop: where it leads, or why we do not follow it (an invalid address, a loop, too many hops, out of scope).
import type { ClassifiedError } from './errors.ts';
import type { FetchGate } from './fetch-robots.ts';

export interface RedirectTrail {
  /** The URL first asked for. */
  start: string;
  /** Every hop followed so far, in order. */
  hops: string[];
  seen: Set<string>;
}

export function startTrail(url: string): RedirectTrail {
  return { start: url, hops: [], seen: new Set([url]) };
}

/** Follows `location` from `current`: the next URL (recorded on the trail) or the refusal. */
export async function nextHop(
  trail: RedirectTrail,
  current: string,
  location: string,
  maxRedirects: number,
  gate: FetchGate,
  skipRobots: boolean,
): Promise<{ next: string } | { refusal: ClassifiedError }> {
  let next: string;
  try {
    next = new URL(location, current).href;
  } catch {
    return { refusal: { errorClass: 'other', permanent: true, message: `重定向地址无效：${location}` } };
  }
  if (trail.seen.has(next)) {
    return {
      refusal: { errorClass: 'redirect_loop', permanent: true, message: `重定向循环：${[trail.start, ...trail.hops, next].join(' → ')}` },
    };
  }
  if (trail.hops.length >= maxRedirects)
    return { refusal: { errorClass: 'too_many_redirects', permanent: true, message: `重定向超过 ${maxRedirects} 次` } };
  const blocked = await gate(next, skipRobots);
  if (blocked) return { refusal: { ...blocked, message: `重定向到 ${next}：${blocked.message}` } };
  trail.seen.add(next);
  trail.hops.push(next);
  return { next };
}
