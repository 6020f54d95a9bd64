// Units of the sample portal: the 41 units of config/sample.yaml plus, for the crawl benchmark, extra units.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Encoding, Style } from './model.ts';
import { BENCH_STYLES, ENCODINGS, JS_RENDERED_DEPTINFO, KEY_FIELD_OWNERS, STYLES, UNREACHABLE } from './content/plan.ts';
import { BENCH_NAMES, unitNames } from './content/names.ts';

export const PLACEHOLDER_ORIGIN = 'http://sample-portal.invalid';
export const DEFAULT_CONFIG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../config/sample.yaml');

export interface SampleUnitSpec {
  id: string;
  name: string;
  cls: 'A' | 'B';
  style: Style;
  encoding: Encoding;
  charsetIn: 'header' | 'meta';
  unreachable: boolean;
  jsRenderedDeptInfo: boolean;
  account: string;
  keyFields: string[];
  bench: boolean;
}

interface YamlUnit {
  id: string;
  name: string;
  class: 'A' | 'B';
  keyFields?: string[];
  newMedia?: { account: string }[];
}

export function readSampleConfig(configPath = DEFAULT_CONFIG_PATH): Record<string, unknown> & { units: YamlUnit[] } {
  return parse(readFileSync(configPath, 'utf8')) as Record<string, unknown> & { units: YamlUnit[] };
}

export function unitSpecs(configPath = DEFAULT_CONFIG_PATH, extraUnits = 0): SampleUnitSpec[] {
  const cfg = readSampleConfig(configPath);
  const specs: SampleUnitSpec[] = cfg.units.map((u, i) => ({
    id: u.id,
    name: u.name,
    cls: u.class,
    style: STYLES[u.id] ?? BENCH_STYLES[i % BENCH_STYLES.length],
    encoding: ENCODINGS[u.id]?.encoding ?? 'utf-8',
    charsetIn: ENCODINGS[u.id]?.charsetIn ?? 'header',
    unreachable: UNREACHABLE.has(u.id),
    jsRenderedDeptInfo: JS_RENDERED_DEPTINFO.has(u.id),
    account: u.newMedia?.[0]?.account ?? `${u.name}发布`,
    keyFields: [...(KEY_FIELD_OWNERS[u.id] ?? []), ...(u.keyFields ?? [])],
    bench: false,
  }));
  for (let i = 1; i <= extraUnits; i++) {
    const base = BENCH_NAMES[(i - 1) % BENCH_NAMES.length];
    const round = Math.floor((i - 1) / BENCH_NAMES.length);
    const name = round === 0 ? base : `${base}${round + 1}`;
    const id = `bench-${String(i).padStart(3, '0')}`;
    specs.push({
      id,
      name,
      cls: 'B',
      style: BENCH_STYLES[i % BENCH_STYLES.length],
      encoding: 'utf-8',
      charsetIn: 'header',
      unreachable: false,
      jsRenderedDeptInfo: false,
      account: `${unitNames(name, 'B').short.replace(/^县/, '临猗')}发布`,
      keyFields: [],
      bench: true,
    });
  }
  return specs;
}

/**
 * County config (YAML text) pointing at a running sample portal, including the benchmark's extra units.
 * `crawl` settings may be merged in (e.g. maxListPages for pagesPerColumn).
 */
export function sampleConfigYaml(
  origin: string,
  opts: { configPath?: string; extraUnits?: number; crawl?: Record<string, unknown> } = {},
): string {
  const cfg = readSampleConfig(opts.configPath);
  const specs = unitSpecs(opts.configPath, opts.extraUnits ?? 0);
  const units = specs.map((s) => {
    const own = cfg.units.find((u) => u.id === s.id) as Record<string, unknown> | undefined;
    const unit: Record<string, unknown> = own
      ? { ...own }
      : {
          id: s.id,
          name: s.name,
          class: s.cls,
          newMedia: [{ platform: 'wechat', account: s.account, feed: `${PLACEHOLDER_ORIGIN}/feeds/${s.id}.xml` }],
        };
    unit.home = `${origin}/zwgk/${s.id}/`;
    if (Array.isArray(unit.newMedia)) {
      unit.newMedia = (unit.newMedia as Record<string, unknown>[]).map((m) => ({ ...m, feed: `${origin}/feeds/${s.id}.xml` }));
    }
    return unit;
  });
  const out: Record<string, unknown> = { ...cfg, units };
  if (opts.crawl) out.crawl = { ...((cfg.crawl as Record<string, unknown>) ?? {}), ...opts.crawl };
  return stringify(out).replaceAll(PLACEHOLDER_ORIGIN, origin); // site: homes and any other placeholder address
}

/** Same as sampleConfigYaml, as a plain object. */
export function sampleConfigObject(
  origin: string,
  opts: { configPath?: string; extraUnits?: number; crawl?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return parse(sampleConfigYaml(origin, opts)) as Record<string, unknown>;
}
