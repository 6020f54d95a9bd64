// npm run bench:crawl — crawl speed, re-run cost, memory and start-up against the sample portal cut to a county (issue 3, 22).
// Usage: npm run bench:crawl -- [--units 73] [--pages-per-column 3] [--latency 20] [--concurrency 16] [--rounds 5]
//   [--script-list] [--large-units 146] [--ours-only]
// Default: a county of about 6,900 requests, the size of the issue's (bench/county-portal.ts says why that takes 73 of
// the sample's units rather than 12); --units 101 is the earlier run.
//
// The machine's speed drifts between minutes, so the reference loop, our crawler and linkinator run in interleaved
// rounds (the order reverses each round) and the figures are the medians over rounds; crawlee runs once (it is slow).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModeResult } from './crawl-modes.ts';
import { sampleTree } from './tree-rss.ts';
import { ensureFreshBuild } from '../scripts/build-state.mjs';
import { formatStartup, measureStartup, type StartupResult } from './startup.ts';
import { startBenchCounty } from './county-portal.ts';
import { describeLauncher, launcherSettings } from './launcher.ts';

const here = fileURLToPath(import.meta.url);
const LAUNCHER = launcherSettings();

async function child(mode: string, payload: unknown): Promise<ModeResult & Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-in-'));
  const input = join(dir, 'input.json');
  writeFileSync(input, JSON.stringify(payload));
  const serverCpu = process.cpuUsage();
  return new Promise((resolvePromise, reject) => {
    // the compiled build, as `zwgk` runs (ZWGK_BENCH_TSX=1: the sources through tsx, for comparison)
    const entry = process.env.ZWGK_BENCH_TSX
      ? ['--import', 'tsx', fileURLToPath(new URL('./crawl-child.ts', import.meta.url))]
      : [fileURLToPath(new URL('../dist/bench/crawl-child.js', import.meta.url))];
    // ours as the zwgk command starts it (bin/zwgk.js's first line); the other crawlers as plain node
    const launch = mode === 'ours' ? LAUNCHER : { env: {}, nodeFlags: [] };
    const p = spawn(process.execPath, [...launch.nodeFlags, ...entry, mode, input], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, ...launch.env },
    });
    const treeMemory = sampleTree(p.pid!);
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`${mode} exited ${code}: ${out}`));
      else {
        const used = process.cpuUsage(serverCpu);
        resolvePromise({ ...JSON.parse(line), ...treeMemory(), serverCpuSeconds: Math.round((used.user + used.system) / 1e5) / 10 });
      }
    });
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const pps = (r: ModeResult) => r.pages / r.seconds;
const r2 = (v: number) => v.toFixed(2);
const fmt = (r: ModeResult) =>
  `${r.pages} 页，${r.seconds.toFixed(1)} 秒，${pps(r).toFixed(0)} 页/秒，${(r.bytes / 1048576 / r.seconds).toFixed(1)} MB/秒，` +
  `峰值内存：进程树 ${r.peakTreeRssMb ?? '?'} MB（PSS ${r.peakTreePssMb ?? '?'} MB，最多 ${r.maxProcesses ?? '?'} 个进程），主进程 ${r.peakRssMb} MB${r.liveHeapMb !== undefined ? `（全量回收后存活堆最大 ${r.liveHeapMb} MB）` : ''}，CPU ${r.cpuSeconds ?? '?'} 秒（门户 ${r.serverCpuSeconds ?? '?'} 秒）`;

interface BenchOptions {
  units: number;
  pagesPerColumn: number;
  largeUnits: number;
  latencyMs: number;
  concurrency: number;
  rounds: number;
  scriptList: boolean;
  oursOnly: boolean;
  noArticleReads: boolean;
  startupRuns: number;
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '73' },
      'pages-per-column': { type: 'string', default: '3' },
      // memory against page count: a county with this many units (default twice as many)
      'large-units': { type: 'string' },
      latency: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '16' },
      rounds: { type: 'string', default: '5' },
      // include the sample's one script-built list (its crawl starts Chromium)
      'script-list': { type: 'boolean', default: false },
      // development: skip the comparison crawlers (crawlee, linkinator) and the larger size
      'ours-only': { type: 'boolean', default: false },
      // development: without the content-safety reading of every column's recent articles, to measure its cost
      'no-article-reads': { type: 'boolean', default: false },
      'startup-runs': { type: 'string', default: '9' },
    },
  });
  const positive = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} 应为正整数：${v}`);
    return n;
  };
  const units = positive('units', values.units);
  return {
    units,
    pagesPerColumn: positive('pages-per-column', values['pages-per-column']),
    largeUnits: positive('large-units', values['large-units'] ?? String(units * 2)),
    latencyMs: Number(values.latency),
    concurrency: positive('concurrency', values.concurrency),
    rounds: positive('rounds', values.rounds),
    scriptList: values['script-list']!,
    oursOnly: values['ours-only']!,
    noArticleReads: values['no-article-reads']!,
    startupRuns: positive('startup-runs', values['startup-runs']),
  };
}

const treeRss = (r: ModeResult) => r.peakTreeRssMb ?? r.peakRssMb;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

async function main(): Promise<void> {
  const o = readOptions();
  const cleanup: string[] = [];
  if (!process.env.ZWGK_BENCH_TSX) await ensureFreshBuild(fileURLToPath(new URL('..', import.meta.url)));
  console.log(`机器负载（1/5/15 分钟）开始时 ${load()}`);
  const startup = await measureStartup(o.startupRuns);
  console.log(formatStartup(startup));
  const freshDb = () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
    cleanup.push(dir);
    return join(dir, 'bench.db');
  };
  const county = await startBenchCounty(o);
  try {
    const { config, seeds } = county;
    if (o.noArticleReads) config.crawl.contentArticles.enabled = false;
    console.log(
      `示例门户 ${county.portal.origin}：${config.units.length} 个单位${o.scriptList ? '（含一个脚本生成的列表）' : ''}，每栏 ${o.pagesPerColumn} 页，每次响应加 ${o.latencyMs} ms，并发 ${o.concurrency}，交替运行 ${o.rounds} 轮；本工具按 bin/zwgk.js 的方式启动（${describeLauncher(LAUNCHER)}）`,
    );
    const rounds = await alternatingRounds(o, { seeds, concurrency: o.concurrency, config, freshDb });
    await report(o, rounds, startup, seeds, freshDb);
  } finally {
    await county.close();
    for (const d of cleanup) rmSync(d, { recursive: true, force: true });
  }
}

async function report(
  o: BenchOptions,
  { bares, colds, reruns, links }: Rounds,
  startup: StartupResult,
  seeds: string[],
  freshDb: () => string,
) {
  const ofBaseline = bares.map((b, i) => pps(colds[i]) / pps(b));
  const rerunFraction = reruns.map((r, i) => r.seconds / colds[i].seconds);
  const coldPps = median(colds.map(pps));
  const coldRss = median(colds.map(treeRss));
  const bareRss = median(bares.map(treeRss));
  console.log(
    `中位数（${o.rounds} 轮）：首次抓取 ${median(colds.map((c) => c.pages))} 个请求，${coldPps.toFixed(0)} 页/秒，为参照的 ${r2(median(ofBaseline))}（各轮 ${ofBaseline.map(r2).join('、')}，目标 0.90 以上）；` +
      `再次抓取为首次的 ${r2(median(rerunFraction))}（各轮 ${rerunFraction.map(r2).join('、')}，目标约 0.25 以下）`,
  );
  let line = `bench:crawl pages_per_s=${coldPps.toFixed(1)} of_baseline=${r2(median(ofBaseline))} rerun_fraction=${r2(median(rerunFraction))} help_ratio=${r2(startup.helpRatio)} rubric_ratio=${r2(startup.rubricRatio)} peak_rss_mb=${coldRss} bare_rss_mb=${bareRss}`;
  const memory = [`本工具 ${coldRss} MB（各轮 ${colds.map(treeRss).join('、')}）`, `参照循环 ${bareRss} MB`];
  if (!o.oursOnly) {
    const lkRss = median(links.map(treeRss));
    const cr = await child('crawlee', { seeds, concurrency: o.concurrency });
    console.log(`crawlee CheerioCrawler 3.x（一次）：${fmt(cr)}`);
    memory.push(`linkinator ${lkRss} MB（本工具为其 ×${r2(coldRss / lkRss)}，目标 ×1.00 以内）`, `crawlee ${treeRss(cr)} MB（一次）`);
    const big = await largerCountyMemory(o, freshDb);
    const coldPages = median(colds.map((c) => c.pages));
    console.log(
      `内存是否随页数增长：${coldPages} 页 → 峰值 ${coldRss} MB（存活堆最大 ${median(colds.map((c) => c.liveHeapMb ?? 0))} MB）；` +
        `${big.pages} 页 → 峰值 ${big.peakRssMb} MB（存活堆最大 ${big.live} MB）（页数 ×${(big.pages / coldPages).toFixed(1)}，峰值内存 ×${r2(big.peakRssMb / coldRss)}）`,
    );
    line += ` linkinator_rss_mb=${lkRss} crawlee_rss_mb=${treeRss(cr)} rss_vs_linkinator=${r2(coldRss / lkRss)} vs_crawlee=${r2(coldPps / pps(cr))} vs_linkinator=${r2(coldPps / median(links.map(pps)))} rss_ratio_pages=${r2(big.peakRssMb / coldRss)} pages_ratio=${(big.pages / coldPages).toFixed(1)}`;
  }
  console.log(`峰值内存（进程树 RSS，各轮中位数）：${memory.join('；')}`);
  console.log(`机器负载（1/5/15 分钟）结束时 ${load()}`);
  console.log(line);
}

interface RoundsSetup {
  seeds: string[];
  concurrency: number;
  config: unknown;
  freshDb: () => string;
}

interface Rounds {
  bares: ModeResult[];
  colds: ModeResult[];
  reruns: ModeResult[];
  links: ModeResult[];
}

/**
 * The reference crawler, ours (cold, then a re-run on the same database) and linkinator take turns going first,
 * round by round (linkinator only when comparing).
 */
async function alternatingRounds(o: BenchOptions, { seeds, concurrency, config, freshDb }: RoundsSetup): Promise<Rounds> {
  const r: Rounds = { bares: [], colds: [], reruns: [], links: [] };
  for (let round = 1; round <= o.rounds; round++) {
    const dbPath = freshDb();
    const steps = [
      async () => r.bares.push(await child('bare', { seeds, concurrency })),
      async () => {
        r.colds.push(await child('ours', { config, dbPath }));
        r.reruns.push(await child('ours', { config, dbPath }));
      },
      ...(o.oursOnly ? [] : [async () => r.links.push(await child('linkinator', { seeds, concurrency }))]),
    ];
    for (const step of round % 2 ? steps : steps.reverse()) await step();
    const [bare, cold, rerun] = [r.bares.at(-1)!, r.colds.at(-1)!, r.reruns.at(-1)!];
    console.log(`第 ${round} 轮（负载 ${load()}）`);
    console.log(`  参照（undici + p-queue + cheerio，只抓取解析不存储）：${fmt(bare)}`);
    console.log(`  本工具首次抓取（全部存储）：${fmt(cold)}`);
    console.log(
      `  本工具再次抓取（条件请求）：${fmt(rerun)}；近期已验证未重抓：详情页 ${rerun.stats?.skippedFreshDetails ?? 0}、未变列表的后续页 ${rerun.stats?.skippedFreshListPages ?? 0}，304 ${rerun.stats?.notModified ?? 0}，解析 ${rerun.stats?.pagesParsed ?? 0} 页（复用解析结果 ${rerun.stats?.analysesReused ?? 0}）`,
    );
    if (!o.oursOnly) console.log(`  linkinator 7.x：${fmt(r.links.at(-1)!)}（${r.links.at(-1)!.note ?? ''}）`);
    console.log(`  本轮：首次抓取为参照的 ${r2(pps(cold) / pps(bare))}，再次抓取用时为首次的 ${r2(rerun.seconds / cold.seconds)}`);
  }
  return r;
}

/** Our cold crawl of a larger county: peak memory and live heap against the page count. */
async function largerCountyMemory(o: BenchOptions, freshDb: () => string) {
  const county = await startBenchCounty({ ...o, units: o.largeUnits });
  const bigs: ModeResult[] = [];
  try {
    // as many rounds as the main comparison, at most 2 (it is slow)
    for (let i = 0; i < Math.min(o.rounds, 2); i++) bigs.push(await child('ours', { config: county.config, dbPath: freshDb() }));
  } finally {
    await county.close();
  }
  return {
    pages: median(bigs.map((b) => b.pages)),
    peakRssMb: median(bigs.map(treeRss)),
    live: median(bigs.map((b) => b.liveHeapMb ?? 0)),
  };
}

if (process.argv[1] === here) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
