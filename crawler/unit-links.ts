// The link check of one unit: every page the crawl reads gives its links, in batches as the pages come in (home,
// hubs, columns and details first; the articles opened for content safety once they are read). Each distinct target
// is checked once per unit, attributed to the first page it appears on; the fetcher's own cache makes it once per run.
import type { LinkObservation } from '../store/index.ts';
import type { PageLinks, UnitCrawlContext } from './unit-context.ts';

interface FirstSeen {
  pageUrl: string;
  text: string;
}

interface UnitLinkCheck {
  /**
   * Checks the links of `pages` that no earlier page of the unit carried. `maxRequests` caps the links of this batch
   * that need a request of their own (reused answers are free); the links past it are recorded as not checked.
   */
  add(pages: PageLinks[], maxRequests?: number): Promise<void>;
  /** What was observed, by page and target. */
  observations(): LinkObservation[];
}

/**
 * `fetchedFirst`: a target the unit is fetching anyway (an article, a file), whose outcome is reused once `fetches`
 * settles instead of asking again.
 */
export function createUnitLinkCheck(
  ctx: UnitCrawlContext,
  fetchedFirst: (url: string) => boolean,
  fetches: Promise<unknown>,
): UnitLinkCheck {
  const firstSeen = new Map<string, FirstSeen>();
  const seenPages = new Set<string>();
  const out: LinkObservation[] = [];

  function newTargets(pages: PageLinks[]): [string, FirstSeen][] {
    const fresh: [string, FirstSeen][] = [];
    for (const p of pages) {
      if (seenPages.has(p.url)) continue;
      seenPages.add(p.url);
      for (const link of p.links) {
        const target = link.url.split('#')[0];
        if (firstSeen.has(target)) continue;
        const where = { pageUrl: p.url, text: link.text };
        firstSeen.set(target, where);
        fresh.push([target, where]);
      }
    }
    return fresh;
  }

  async function checkOne(target: string, where: FirstSeen, budget: { left: number }): Promise<void> {
    const base: LinkBase = { runId: ctx.run.runId, unitId: ctx.unit.id, pageUrl: where.pageUrl, target, text: where.text.slice(0, 200) };
    const notChecked = { outcome: 'skipped', status: null, errorClass: null, method: null, checkedAt: null } as const;
    if (!ctx.run.scope.check(target).allowed) {
      out.push({ ...base, inScope: false, ...notChecked });
      return;
    }
    const waits = fetchedFirst(target);
    // decided in page order before any wait, so which links a cap leaves out does not depend on timing
    const answered = waits ? null : reusedAnswer(ctx, target, base);
    if (answered) {
      out.push(answered);
      return;
    }
    if (budget.left <= 0) {
      ctx.tally.linkStats.overCap++;
      out.push({ ...base, inScope: true, ...notChecked });
      return;
    }
    budget.left--;
    if (waits) {
      await fetches.catch(() => undefined);
      const later = reusedAnswer(ctx, target, base);
      if (later) {
        out.push(later);
        return;
      }
    }
    ctx.tally.linkStats.checked++;
    const r = await ctx.io.fetcher.checkLink(target);
    out.push({ ...base, inScope: true, ...r, checkedAt: new Date().toISOString() });
  }

  return {
    async add(pages, maxRequests = Number.POSITIVE_INFINITY) {
      const fresh = newTargets(pages);
      if (!ctx.run.config.crawl.checkLinks) return;
      const budget = { left: maxRequests };
      await Promise.all(fresh.map(([target, where]) => checkOne(target, where, budget)));
    },
    observations: () => [...out].sort((a, b) => a.pageUrl.localeCompare(b.pageUrl) || a.target.localeCompare(b.target)),
  };
}

/** A target this run fetched as a page already answered; so did one found working in a recent run. */
function reusedAnswer(ctx: UnitCrawlContext, target: string, base: LinkBase): LinkObservation | null {
  const fetched = ctx.io.source.fetchedOutcome(target);
  if (fetched && (fetched.ok || (fetched.errorClass === 'http_status' && (fetched.status ?? 0) >= 400))) {
    ctx.tally.linkStats.reusedFromPages++;
    return {
      ...base,
      inScope: true,
      outcome: fetched.ok ? 'ok' : 'broken',
      status: fetched.status,
      errorClass: fetched.errorClass,
      method: 'GET',
      checkedAt: fetched.fetchedAt,
    };
  }
  const recent = ctx.run.recentWorkingLinks.get(target);
  if (!recent) return null;
  ctx.tally.linkStats.reusedFromEarlierRuns++;
  return {
    ...base,
    inScope: true,
    outcome: 'ok',
    status: recent.status,
    errorClass: null,
    method: recent.method,
    checkedAt: recent.checkedAt,
  };
}

type LinkBase = Pick<LinkObservation, 'runId' | 'unitId' | 'pageUrl' | 'target' | 'text'>;
