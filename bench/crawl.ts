// npm run bench:crawl — crawl speed, re-run cost and memory against a scaled-up sample portal (issue 3).
// Usage: npm run bench:crawl -- [--units 60] [--pages-per-column 3] [--latency 20] [--concurrency 16] [--rounds 5]
//
// The machine's speed drifts between minutes, so the reference loop and our crawler run in interleaved rounds
// (the order alternates each round) and the ratios are the medians of each round's ratio.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModeResult } from './crawl-modes.ts';
import { sampleTree } from './tree-rss.ts';
import { ensureFreshBuild } from '../scripts/build-state.mjs';
import { formatStartup, measureStartup } from './startup.ts';

const here = fileURLToPath(import.meta.url);

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
    const p = spawn(process.execPath, [...entry, mode, input], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: fileURLToPath(new URL('..', import.meta.url)),
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '60' },
      'pages-per-column': { type: 'string', default: '3' },
      latency: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '16' },
      rounds: { type: 'string', default: '5' },
      // development: skip the comparison crawlers (crawlee, linkinator) and the memory check
      'ours-only': { type: 'boolean', default: false },
      // development: without the content-safety reading of every column's recent articles, to measure its cost
      'no-article-reads': { type: 'boolean', default: false },
      // memory check: cold crawls of a portal with this many extra units
      'rss-units': { type: 'string', default: '160' },
      'startup-runs': { type: 'string', default: '9' },
    },
  });
  const concurrency = Number(values.concurrency);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds 应为正整数：${values.rounds}`);
  const cleanup: string[] = [];
  if (!process.env.ZWGK_BENCH_TSX) await ensureFreshBuild(fileURLToPath(new URL('..', import.meta.url)));
  const startup = await measureStartup(Number(values['startup-runs']));
  console.log(formatStartup(startup));
  const { startSamplePortal, benchConfigFor } = await import('../sample/index.ts');
  const portalOptions = (extraUnits: number) => ({
    extraUnits,
    pagesPerColumn: Number(values['pages-per-column']),
    latencyMs: Number(values.latency),
  });
  const freshDb = () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
    cleanup.push(dir);
    return join(dir, 'bench.db');
  };
  const portal = await startSamplePortal(portalOptions(Number(values.units)));
  try {
    const config = benchConfigFor(portal, { concurrencyPerHost: concurrency, delayMs: 0 });
    if (values['no-article-reads']) config.crawl.contentArticles.enabled = false;
    const seeds = config.units.map((u) => u.home);
    console.log(
      `示例门户 ${portal.origin}：${config.units.length} 个单位，每栏 ${values['pages-per-column']} 页，每次响应加 ${values.latency} ms，并发 ${concurrency}，交替运行 ${rounds} 轮`,
    );
    const { bares, colds, reruns } = await alternatingRounds(rounds, { seeds, concurrency, config, freshDb });
    const ofBaseline = bares.map((b, i) => pps(colds[i]) / pps(b));
    const rerunFraction = reruns.map((r, i) => r.seconds / colds[i].seconds);
    const coldPps = median(colds.map(pps));
    const coldRss = median(colds.map((c) => c.peakTreeRssMb ?? c.peakRssMb));
    console.log(
      `中位数（${rounds} 轮）：首次抓取 ${coldPps.toFixed(0)} 页/秒，为参照的 ${r2(median(ofBaseline))}（各轮 ${ofBaseline.map(r2).join('、')}）；` +
        `再次抓取为首次的 ${r2(median(rerunFraction))}（各轮 ${rerunFraction.map(r2).join('、')}）；峰值内存（进程树 RSS）${coldRss} MB`,
    );
    const summary = `pages_per_s=${coldPps.toFixed(1)} of_baseline=${r2(median(ofBaseline))} help_ratio=${r2(startup.helpRatio)} rubric_ratio=${r2(startup.rubricRatio)}`;
    if (values['ours-only']) {
      console.log(`bench:crawl ${summary} rerun_fraction=${r2(median(rerunFraction))} peak_rss_mb=${coldRss}`);
      return;
    }
    const cr = await child('crawlee', { seeds, concurrency });
    console.log(`crawlee CheerioCrawler 3.x：${fmt(cr)}`);
    const lk = await child('linkinator', { seeds, concurrency });
    console.log(`linkinator 7.x：${fmt(lk)}（${lk.note ?? ''}）`);
    // memory against page count: the same cold crawl of a larger portal, as many rounds (at most 2: it is slow)
    const big = await largerPortalMemory(portalOptions(Number(values['rss-units'])), Math.min(rounds, 2), concurrency, freshDb);
    const coldPages = median(colds.map((c) => c.pages));
    console.log(
      `内存是否随页数增长：${coldPages} 页 → 峰值 ${coldRss} MB（存活堆最大 ${median(colds.map((c) => c.liveHeapMb ?? 0))} MB）；` +
        `${big.pages} 页 → 峰值 ${big.peakRssMb} MB（存活堆最大 ${big.live} MB）（页数 ×${(big.pages / coldPages).toFixed(1)}，峰值内存 ×${r2(big.peakRssMb / coldRss)}）`,
    );
    console.log(
      `bench:crawl ${summary} vs_crawlee=${r2(coldPps / pps(cr))} vs_linkinator=${r2(coldPps / pps(lk))} rerun_fraction=${r2(median(rerunFraction))} peak_rss_mb=${coldRss} linkinator_rss_mb=${lk.peakTreeRssMb ?? lk.peakRssMb} rss_ratio_pages=${r2(big.peakRssMb / coldRss)}`,
    );
  } finally {
    await portal.close();
    for (const d of cleanup) rmSync(d, { recursive: true, force: true });
  }
}

interface RoundsSetup {
  seeds: string[];
  concurrency: number;
  config: unknown;
  freshDb: () => string;
}

/** The reference crawler and ours (cold, then a re-run on the same database) take turns going first, round by round. */
async function alternatingRounds(rounds: number, { seeds, concurrency, config, freshDb }: RoundsSetup) {
  const bares: ModeResult[] = [];
  const colds: ModeResult[] = [];
  const reruns: ModeResult[] = [];
  for (let round = 1; round <= rounds; round++) {
    const dbPath = freshDb();
    const runBare = async () => bares.push(await child('bare', { seeds, concurrency }));
    const runOurs = async () => {
      colds.push(await child('ours', { config, dbPath }));
      reruns.push(await child('ours', { config, dbPath }));
    };
    if (round % 2) {
      await runBare();
      await runOurs();
    } else {
      await runOurs();
      await runBare();
    }
    const [bare, cold, rerun] = [bares.at(-1)!, colds.at(-1)!, reruns.at(-1)!];
    console.log(`第 ${round} 轮`);
    console.log(`  参照（undici + p-queue + cheerio，只抓取解析不存储）：${fmt(bare)}`);
    console.log(`  本工具首次抓取（全部存储）：${fmt(cold)}`);
    console.log(
      `  本工具再次抓取（条件请求）：${fmt(rerun)}；近期已验证未重抓：详情页 ${rerun.stats?.skippedFreshDetails ?? 0}、未变列表的后续页 ${rerun.stats?.skippedFreshListPages ?? 0}，304 ${rerun.stats?.notModified ?? 0}，解析 ${rerun.stats?.pagesParsed ?? 0} 页（复用解析结果 ${rerun.stats?.analysesReused ?? 0}）`,
    );
    console.log(`  本轮：首次抓取为参照的 ${r2(pps(cold) / pps(bare))}，再次抓取用时为首次的 ${r2(rerun.seconds / cold.seconds)}`);
  }
  return { bares, colds, reruns };
}

/** Our cold crawl of a larger portal: peak memory and live heap against the page count. */
async function largerPortalMemory(
  options: { extraUnits: number; pagesPerColumn: number; latencyMs: number },
  rounds: number,
  concurrency: number,
  freshDb: () => string,
) {
  const { startSamplePortal, benchConfigFor } = await import('../sample/index.ts');
  const bigPortal = await startSamplePortal(options);
  const bigs: ModeResult[] = [];
  try {
    const bigConfig = benchConfigFor(bigPortal, { concurrencyPerHost: concurrency, delayMs: 0 });
    for (let i = 0; i < rounds; i++) bigs.push(await child('ours', { config: bigConfig, dbPath: freshDb() }));
  } finally {
    await bigPortal.close();
  }
  return {
    pages: median(bigs.map((b) => b.pages)),
    peakRssMb: median(bigs.map((b) => b.peakTreeRssMb ?? b.peakRssMb)),
    live: median(bigs.map((b) => b.liveHeapMb ?? 0)),
  };
}

if (process.argv[1] === here) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
