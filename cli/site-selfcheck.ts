// The portal's own 19号 self-check: probes, the home read of each inspection, results per month.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configuredSites, loadIndicatorTable, vetoThreshold, type ConfiguredSite, type CountyConfig, type IndicatorTable } from '../config/index.ts';
import { probeHome, fetchWithin, readSiteFacts, decodeHtml } from '../crawler/index.ts';
import { availabilityWindow, runSiteChecks } from '../checks/index.ts';
import { scoreSite19, type Site19Result } from '../scoring/index.ts';
import {
  latestSiteObservation, listHomeItems, listProbes, listSiteResults, recordHomeItems, saveProbe, saveSiteObservation, saveSiteResult,
  type SiteObservation, type Store,
} from '../store/index.ts';

export interface SiteRunOptions {
  store: Store;
  config: CountyConfig;
  configDir?: string; // relative indicator table paths resolve against it
  asOf: string;
  now?: () => Date;
}

export function indicatorTableFor(config: CountyConfig, configDir?: string): IndicatorTable {
  return loadIndicatorTable(config.site?.indicators ?? 'builtin:19hao', configDir);
}

function probeOptions(config: CountyConfig, table: IndicatorTable, asOf: string, now?: () => Date) {
  return {
    timeoutMs: vetoThreshold(table, 'site.availability', 'timeoutSeconds').value * 1000,
    referenceUrls: config.site?.probes.referenceUrls ?? [], asOf, userAgent: config.crawl.userAgent, now,
  };
}

/** One probe of every configured site (zwgk probe --once, and each tick of the probe loop in zwgk serve). */
export async function probeSitesOnce(opts: SiteRunOptions): Promise<{ site: ConfiguredSite; ok: boolean; networkDown: boolean; message: string | null }[]> {
  const table = indicatorTableFor(opts.config, opts.configDir);
  const out = [];
  for (const site of configuredSites(opts.config)) {
    const o = await probeHome(site.id, site.home, probeOptions(opts.config, table, opts.asOf, opts.now));
    saveProbe(opts.store, o.record);
    if (o.facts) recordHomeItems(opts.store, site.id, o.record.at, 1, o.finalUrl, o.facts.datedItems);
    out.push({ site, ok: o.record.ok, networkDown: o.record.networkDown, message: o.record.message });
  }
  return out;
}

/** The inspection's read of each site: home facts, the https variant, second-level pages of a navigation-only home. */
export async function observeSites(opts: SiteRunOptions & { runId: number | null }): Promise<SiteObservation[]> {
  const table = indicatorTableFor(opts.config, opts.configDir);
  const po = probeOptions(opts.config, table, opts.asOf, opts.now);
  const out: SiteObservation[] = [];
  for (const site of configuredSites(opts.config)) {
    const o = await probeHome(site.id, site.home, po);
    saveProbe(opts.store, { ...o.record, source: 'run' });
    const obs: SiteObservation = {
      siteId: site.id, runId: opts.runId, observedAt: o.record.at, homeUrl: site.home, finalUrl: o.finalUrl, ok: o.record.ok, status: o.record.status,
      errorClass: o.record.errorClass, contentHash: null, httpsOk: null, facts: o.facts, secondLevelPages: [],
    };
    if (o.record.ok && new URL(o.finalUrl).protocol === 'http:') {
      const https = new URL(o.finalUrl);
      https.protocol = 'https:';
      obs.httpsOk = (await fetchWithin(https.href, po.timeoutMs, po.userAgent, 2 * 1024 * 1024)).ok;
    }
    if (o.facts) {
      recordHomeItems(opts.store, site.id, o.record.at, 1, o.finalUrl, o.facts.datedItems);
      if (o.facts.datedItems.length === 0) {
        // 19号 V3: a navigation-only home is judged by its second-level pages.
        for (const url of o.facts.navigationLinks.slice(0, 12)) {
          const page = await fetchWithin(url, po.timeoutMs, po.userAgent);
          const items = page.ok && page.body ? readSiteFacts(decodeHtml(page.body, page.contentType).text, page.finalUrl, opts.asOf).datedItems : [];
          recordHomeItems(opts.store, site.id, o.record.at, 2, url, items);
          obs.secondLevelPages.push({ url, ok: page.ok, items: items.length });
        }
      }
    }
    saveSiteObservation(opts.store, obs);
    out.push(obs);
  }
  return out;
}

/** The 19号 result of every site as of asOf (saved per month for the trend). */
export function siteResults(opts: SiteRunOptions): Site19Result[] {
  const table = indicatorTableFor(opts.config, opts.configDir);
  const month = opts.asOf.slice(0, 7);
  const monitorDays = vetoThreshold(table, 'site.availability', 'monitorDays').value;
  const window = availabilityWindow(opts.asOf, monitorDays);
  const readsFrom = availabilityWindow(opts.asOf, 120).from;
  return configuredSites(opts.config).map((site) => {
    const observation = latestSiteObservation(opts.store, site.id, window.to);
    const homeReads = listProbes(opts.store, site.id, readsFrom, window.to).filter((p) => p.ok).map((p) => p.at);
    const findings = runSiteChecks({
      site, asOf: opts.asOf, table, observation, probes: listProbes(opts.store, site.id, window.from, window.to),
      homeItems: listHomeItems(opts.store, site.id).filter((i) => i.firstSeenAt < window.to), homeReads,
    });
    const result = scoreSite19({ table, findings, siteId: site.id, siteName: site.name, kind: site.kind, month, asOf: opts.asOf });
    saveSiteResult(opts.store, site.id, month, opts.asOf, result, (opts.now?.() ?? new Date()).toISOString());
    return result;
  });
}

export function siteTrend(store: Store, siteId: string): { month: string; verdict: string; deductionScore: number | null; vetoes: number }[] {
  return listSiteResults<Site19Result>(store, siteId).map((r) => ({
    month: r.month, verdict: r.result.verdict, deductionScore: r.result.deductionScore, vetoes: r.result.vetoes.filter((v) => v.state === 'hit').length,
  }));
}

/** site-19hao.json beside findings.json: each site's result and its trend across months. */
export function writeSiteResultsJson(store: Store, results: Site19Result[], outDir: string): string {
  mkdirSync(resolve(outDir), { recursive: true });
  const file = join(resolve(outDir), 'site-19hao.json');
  writeFileSync(file, `${JSON.stringify(results.map((r) => ({ ...r, trend: siteTrend(store, r.siteId) })), null, 2)}\n`);
  return file;
}
