// The portal's own 19号 self-check: probes, the home read of each inspection, results per month.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  configuredSites,
  loadIndicatorTable,
  vetoThreshold,
  type ConfiguredSite,
  type CountyConfig,
  type IndicatorTable,
} from '../config/index.ts';
import { probeHome, fetchWithin, readSiteFacts, decodeHtml } from '../crawler/index.ts';
import { availabilityWindow, runSiteChecks } from '../checks/index.ts';
import { scoreSite19, type Site19Result } from '../scoring/index.ts';
import { writeSelfCheck19Report } from '../reports/index.ts';
import {
  latestSiteObservation,
  listHomeItems,
  listProbes,
  listSiteResults,
  recordHomeItems,
  saveProbe,
  saveSiteObservation,
  saveSiteResult,
  type SiteObservation,
  type Store,
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
    referenceUrls: config.site?.probes.referenceUrls ?? [],
    asOf,
    userAgent: config.crawl.userAgent,
    now,
  };
}

/** One probe of every configured site (zwgk probe --once, and each tick of the probe loop in zwgk serve). */
export async function probeSitesOnce(
  opts: SiteRunOptions,
): Promise<{ site: ConfiguredSite; ok: boolean; networkDown: boolean; message: string | null }[]> {
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
      siteId: site.id,
      runId: opts.runId,
      observedAt: o.record.at,
      homeUrl: site.home,
      finalUrl: o.finalUrl,
      ok: o.record.ok,
      status: o.record.status,
      errorClass: o.record.errorClass,
      contentHash: null,
      httpsOk: null,
      facts: o.facts,
      secondLevelPages: [],
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
          const items =
            page.ok && page.body ? readSiteFacts(decodeHtml(page.body, page.contentType).text, page.finalUrl, opts.asOf).datedItems : [];
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
    const homeReads = listProbes(opts.store, site.id, readsFrom, window.to)
      .filter((p) => p.ok)
      .map((p) => p.at);
    const findings = runSiteChecks({
      site,
      asOf: opts.asOf,
      table,
      observation,
      probes: listProbes(opts.store, site.id, window.from, window.to),
      homeItems: listHomeItems(opts.store, site.id).filter((i) => i.firstSeenAt < window.to),
      homeReads,
    });
    const result = scoreSite19({ table, findings, siteId: site.id, siteName: site.name, kind: site.kind, month, asOf: opts.asOf });
    saveSiteResult(opts.store, site.id, month, opts.asOf, result, (opts.now?.() ?? new Date()).toISOString());
    return result;
  });
}

export function siteTrend(
  store: Store,
  siteId: string,
): { month: string; verdict: string; deductionScore: number | null; vetoes: number }[] {
  return listSiteResults<Site19Result>(store, siteId).map((r) => ({
    month: r.month,
    verdict: r.result.verdict,
    deductionScore: r.result.deductionScore,
    vetoes: r.result.vetoes.filter((v) => v.state === 'hit').length,
  }));
}

/** site-19hao.json beside findings.json: each site's result and its trend across months. */
export function writeSiteResultsJson(store: Store, results: Site19Result[], outDir: string): string {
  mkdirSync(resolve(outDir), { recursive: true });
  const file = join(resolve(outDir), 'site-19hao.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      results.map((r) => ({ ...r, trend: siteTrend(store, r.siteId) })),
      null,
      2,
    )}\n`,
  );
  return file;
}

/**
 * The clock of an inspection's site read: now, or — when the inspection is for an earlier day (--as-of in the past,
 * the demo) — the last minute of that day, so the read belongs to the day it is for and follows that day's probes.
 */
export function inspectionClock(asOf: string, realNow: () => Date = () => new Date()): () => Date {
  const endOfDay = Date.parse(`${asOf}T00:00:00+08:00`) + 86_400_000 - 60_000;
  return () => {
    const now = realNow();
    return now.getTime() > endOfDay ? new Date(endOfDay) : now;
  };
}

/** The site part of an inspection: read every configured site, score the month, write site-19hao.json. */
export async function inspectSites(
  opts: SiteRunOptions & { runId: number | null; outDir: string },
): Promise<{ results: Site19Result[]; file: string | null }> {
  if (configuredSites(opts.config).length === 0) return { results: [], file: null };
  await observeSites(opts);
  const results = siteResults(opts);
  return { results, file: writeSiteResultsJson(opts.store, results, opts.outDir) };
}

/** One line per site for the console: verdict, score, vetoes and warnings. */
export function siteSummaryLine(r: Site19Result): string {
  const vetoes = r.vetoes
    .filter((v) => v.state === 'hit' || v.state === 'suspected')
    .map((v) => `${v.name}${v.state === 'suspected' ? '（疑似）' : ''}`);
  return (
    `${r.siteName} 19号自查：${r.verdict}` +
    `${r.deductionScore === null ? '' : `，扣分部分 ${r.deductionScore} 分`}${vetoes.length ? `，单项否决：${vetoes.join('、')}` : ''}${r.warnings.length ? `，预警 ${r.warnings.length} 项` : ''}`
  );
}

/** The 自查报告 of each configured site for a month, from the stored result of that month (none stored: none written). */
export async function siteMonthlyReports(req: {
  store: Store;
  config: CountyConfig;
  month: string;
  outDir: string;
  issuedOn: string;
}): Promise<string[]> {
  const files: string[] = [];
  for (const site of configuredSites(req.config)) {
    const stored = listSiteResults<Site19Result>(req.store, site.id).find((r) => r.month === req.month);
    if (!stored) continue;
    const trend = siteTrend(req.store, site.id)
      .filter((t) => t.month <= req.month)
      .slice(-12);
    files.push(
      ...(await writeSelfCheck19Report(
        { county: req.config.county, result: stored.result, trend, issuedOn: req.issuedOn },
        join(req.outDir, 'site'),
      )),
    );
  }
  return files;
}
