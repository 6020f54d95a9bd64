// Whether we may fetch a URL at all: the scope guard first, then the site's robots.txt (read once per origin).
import type { ClassifiedError } from './errors.ts';
import type { FetchResult, InternalFetchOptions } from './fetch-types.ts';
import { ALLOW_ALL, parseRobots, type RobotsRules } from './robots.ts';
import type { ScopeGuard } from './scope.ts';

export const ROBOTS_PRODUCT_TOKEN = 'zwgk-inspector';
const ROBOTS_MAX_BYTES = 512 * 1024;

export type FetchGate = (url: string, skipRobots: boolean) => Promise<ClassifiedError | null>;

/** `fetchRobots` fetches robots.txt itself without asking the gate again. */
export function createFetchGate(
  scope: ScopeGuard,
  respectRobots: boolean,
  fetchRobots: (url: string, fo: InternalFetchOptions) => Promise<FetchResult>,
): FetchGate {
  const robotsCache = new Map<string, Promise<RobotsRules>>();

  function robotsFor(url: string): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    let cached = robotsCache.get(origin);
    if (!cached) {
      cached = fetchRobots(`${origin}/robots.txt`, { purpose: 'robots', truncateAt: ROBOTS_MAX_BYTES }).then((res) => {
        // Only a readable robots.txt restricts us; a missing or failing one must not turn a whole site into findings.
        if (!res.ok || !res.body || res.notModified) return ALLOW_ALL;
        return parseRobots(new TextDecoder('utf-8').decode(res.body), ROBOTS_PRODUCT_TOKEN);
      });
      robotsCache.set(origin, cached);
    }
    return cached;
  }

  return async (url, skipRobots) => {
    const decision = scope.check(url);
    if (!decision.allowed) return { errorClass: decision.reason, permanent: true, message: decision.message };
    if (respectRobots && !skipRobots) {
      const rules = await robotsFor(url);
      if (!rules.isAllowed(url)) return { errorClass: 'robots_disallowed', permanent: true, message: `robots.txt 不允许抓取：${url}` };
    }
    return null;
  };
}
