// Public API of sample/: other folders import only from here.
import { fileURLToPath } from 'node:url';
import type { Style } from './model.ts';
import { unitSpecs, DEFAULT_CONFIG_PATH } from './config.ts';
import { buildSite } from './content/build.ts';
import { computeGroundTruth, writeGroundTruthFile, type GroundTruthEntry } from './ground-truth.ts';
import { startServer } from './server.ts';
import { portalSites } from './portal-site.ts';
import type { SiteModel } from './model.ts';
import { sampleConfigYaml } from './config.ts';
import { parseCountyConfig, type CountyConfig } from '../config/index.ts';

export type { GroundTruthEntry } from './ground-truth.ts';
export { nearMisses, type NearMiss } from './near-misses.ts';
export { computeGroundTruth, feedGaps, DEFAULT_TRUTH_SETTINGS, type TruthSettings } from './ground-truth.ts';
export { sampleConfigYaml, sampleConfigObject, readSampleConfig, PLACEHOLDER_ORIGIN, DEFAULT_CONFIG_PATH } from './config.ts';
export type { SiteModel, UnitModel, Column, Item } from './model.ts';
export { PLATFORM_PATH, DEPT_PAGE_PATH, NEW_MEDIA_PATH, FORMER_NAME_PATH, DECOY_ENTRIES } from './render/portal.ts';
/** 附件1 of 临政办函〔2023〕33号 (the county's published 2023 assessment plan) as an office would paste it: the sample county's unit list. */
export const SAMPLE_PLAN_UNITS_PATH = fileURLToPath(new URL('./plans/linyi-2023-units.txt', import.meta.url));
export { PORTAL_SITES, type PortalSiteVariant } from './portal-site.ts';
export { SAMPLE_SITE_TRUTH, type SiteTruthEntry } from './site-truth.ts';

export interface SamplePortalOptions {
  seed?: number;
  configPath?: string;
  asOf?: string; // YYYY-MM-DD, default 2023-12-15 (the demo's asOf)
  extraUnits?: number; // crawl benchmark: units bench-001 … added after the config's units
  pagesPerColumn?: number; // list pages of the 部门信息公开 columns (default 2)
  latencyMs?: number; // added before every response
}

export interface SampleUnitInfo {
  id: string;
  name: string;
  class: 'A' | 'B';
  style: Style;
  encoding: string;
}

export interface SamplePortal {
  origin: string;
  groundTruth: GroundTruthEntry[];
  units: SampleUnitInfo[];
  close(): Promise<void>;
  requestLog: { method: string; url: string }[];
  site: SiteModel; // the content model behind the pages
  setSiteDay(day: string): void; // the day the portal's own home and the unit's own site show (default asOf)
}

export const DEFAULT_SEED = 20231215;
export const DEFAULT_AS_OF = '2023-12-15';

/** Builds the content model only (no server): what the portal would serve for these options. */
export function buildSampleSite(opts: SamplePortalOptions = {}): SiteModel {
  const specs = unitSpecs(opts.configPath ?? DEFAULT_CONFIG_PATH, opts.extraUnits ?? 0);
  return buildSite(specs, { seed: opts.seed ?? DEFAULT_SEED, asOf: opts.asOf ?? DEFAULT_AS_OF, pagesPerColumn: opts.pagesPerColumn ?? 2 });
}

export async function startSamplePortal(opts: SamplePortalOptions = {}): Promise<SamplePortal> {
  const site = buildSampleSite(opts);
  const requestLog: { method: string; url: string }[] = [];
  const sites = portalSites(site.asOf);
  const server = await startServer(site, { latencyMs: opts.latencyMs ?? 0, log: requestLog, portalSites: sites });
  return {
    origin: server.origin,
    groundTruth: computeGroundTruth(site),
    units: site.units.map((u) => ({ id: u.id, name: u.name, class: u.cls, style: u.style, encoding: u.encoding })),
    close: server.close,
    requestLog,
    site,
    setSiteDay: sites.setDay,
  };
}

export function writeGroundTruth(portal: SamplePortal, file: string): void {
  writeGroundTruthFile(portal.groundTruth, file);
}

/**
 * Validated county config for a running portal (all its units, including the benchmark's extra units),
 * with the given politeness; maxListPages follows pagesPerColumn.
 */
export function benchConfigFor(
  portal: SamplePortal,
  politeness: { concurrencyPerHost: number; delayMs: number } = { concurrencyPerHost: 8, delayMs: 0 },
  configPath?: string,
): CountyConfig {
  const extraUnits = portal.units.filter((u) => u.id.startsWith('bench-')).length;
  const yaml = sampleConfigYaml(portal.origin, { configPath, extraUnits });
  const cfg = parseCountyConfig(yaml, configPath ?? DEFAULT_CONFIG_PATH);
  return { ...cfg, politeness };
}

/**
 * bench:province: one server per loopback host (each a county portal of the sample's shape), all on the same port;
 * latencyMs per host. Each county gets its own seed, so no two serve the same pages (snapshots do not deduplicate
 * across counties more than they would on real portals).
 */
export async function startSampleHosts(
  hosts: { host: string; latencyMs: number }[],
  opts: SamplePortalOptions = {},
): Promise<{ origins: string[]; close(): Promise<void> }> {
  const servers: { origin: string; close(): Promise<void> }[] = [];
  for (const [k, h] of hosts.entries()) {
    const site = buildSampleSite({ ...opts, seed: (opts.seed ?? DEFAULT_SEED) + k });
    const port = servers.length ? Number(new URL(servers[0].origin).port) : 0;
    servers.push(await startServer(site, { latencyMs: h.latencyMs, log: [], host: h.host, port }));
  }
  return { origins: servers.map((s) => s.origin), close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}
