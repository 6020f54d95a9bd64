// The county the crawl benchmarks run against: the sample portal cut down (or scaled up) to a number of units.
// Up to the sample's 41 units: an even spread of them (towns and departments alike); beyond: all of them plus bench
// units. Without --script-list the sample's one unit whose list is built by script is left out (no Chromium).
// The county is 12 units at about 6,900 requests. Our crawler reads a column only as far back as the inspection
// window (and at most maxListPages), so deeper sample lists (pagesPerColumn) add requests for the other crawlers but
// not for ours: 12 of the sample's units make about 1,100–1,800 requests whatever the depth, about 95 a unit. The
// benchmark therefore takes the size in requests, 73 units (≈6,900), and 12 units stay available (--units 12).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CountyConfig } from '../config/index.ts';
import { benchConfigFor, readSampleConfig, type SamplePortal, startSamplePortal } from '../sample/index.ts';

interface BenchCountyOptions {
  units: number;
  pagesPerColumn: number;
  latencyMs: number;
  concurrency: number;
  /** Include the sample's unit whose list is built by script (its crawl starts Chromium). */
  scriptList: boolean;
}

interface BenchCounty {
  portal: SamplePortal;
  config: CountyConfig;
  seeds: string[];
  close(): Promise<void>;
}

/** The sample's unit whose 部门信息公开 rows are built by script (sample/content/plan.ts JS_RENDERED_DEPTINFO). */
const SCRIPT_LIST_UNIT = 'shangwu';

/** An even spread of the sample's units; with the script-built list or without it, as asked. */
function pickUnits<T extends { id: string }>(all: T[], n: number, scriptList: boolean): T[] {
  const isScript = (u: T) => u.id === SCRIPT_LIST_UNIT;
  const step = all.length / n;
  const picked = Array.from({ length: n }, (_, i) => all[Math.floor(i * step)]);
  if (scriptList === picked.some(isScript)) return picked;
  const others = picked.filter((u) => !isScript(u));
  const extra = scriptList ? all.find(isScript)! : all.find((u) => !isScript(u) && !picked.includes(u))!;
  return [...others.slice(0, n - 1), extra];
}

export async function startBenchCounty(opts: BenchCountyOptions): Promise<BenchCounty> {
  if (!Number.isInteger(opts.units) || opts.units < 1) throw new Error(`--units 应为正整数：${opts.units}`);
  const sample = readSampleConfig();
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-county-'));
  const own = opts.scriptList ? sample.units : sample.units.filter((u) => u.id !== SCRIPT_LIST_UNIT);
  const units = opts.units <= own.length ? pickUnits(sample.units, opts.units, opts.scriptList) : own;
  const extraUnits = opts.units - units.length;
  const configPath = join(dir, 'county.yaml');
  writeFileSync(configPath, stringify({ ...sample, units }));
  const portal = await startSamplePortal({ configPath, extraUnits, pagesPerColumn: opts.pagesPerColumn, latencyMs: opts.latencyMs });
  const config = benchConfigFor(portal, { concurrencyPerHost: opts.concurrency, delayMs: 0 }, configPath);
  return {
    portal,
    config,
    seeds: config.units.map((u) => u.home),
    close: async () => {
      await portal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
