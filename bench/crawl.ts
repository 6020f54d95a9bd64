// npm run bench:crawl — crawl speed, re-run cost and memory against a scaled-up sample portal (issue 3).
// Usage: npm run bench:crawl -- [--units 60] [--pages-per-column 3] [--latency 20] [--concurrency 16]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModeResult } from './crawl-modes.ts';

const here = fileURLToPath(import.meta.url);

async function child(mode: string, payload: unknown): Promise<ModeResult & Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-in-'));
  const input = join(dir, 'input.json');
  writeFileSync(input, JSON.stringify(payload));
  const serverCpu = process.cpuUsage();
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crawl-child.ts', import.meta.url)), mode, input], {
      stdio: ['ignore', 'pipe', 'inherit'], cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`${mode} exited ${code}: ${out}`));
      else {
        const used = process.cpuUsage(serverCpu);
        resolvePromise({ ...JSON.parse(line), serverCpuSeconds: Math.round((used.user + used.system) / 1e5) / 10 });
      }
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    units: { type: 'string', default: '60' }, 'pages-per-column': { type: 'string', default: '3' },
    latency: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '16' },
    // development: skip the comparison crawlers (crawlee, linkinator) and the memory check
    'ours-only': { type: 'boolean', default: false },
    // memory check: a second cold crawl of a portal with this many extra units
    'rss-units': { type: 'string', default: '160' },
  } });
  const concurrency = Number(values.concurrency);
  const cleanup: string[] = [];
  const { startSamplePortal, benchConfigFor } = await import('../sample/index.ts');
  // the same crawl on a larger portal, for peak memory against page count
  const bigger = async (extraUnits: number): Promise<ModeResult> => {
    const p = await startSamplePortal({ extraUnits, pagesPerColumn: Number(values['pages-per-column']), latencyMs: Number(values.latency) });
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
    cleanup.push(dir);
    try {
      return await child('ours', { config: benchConfigFor(p, { concurrencyPerHost: concurrency, delayMs: 0 }), dbPath: join(dir, 'bench.db') });
    } finally {
      await p.close();
    }
  };
  const portal = await startSamplePortal({ extraUnits: Number(values.units), pagesPerColumn: Number(values['pages-per-column']), latencyMs: Number(values.latency) });
  try {
    const config = benchConfigFor(portal, { concurrencyPerHost: concurrency, delayMs: 0 });
    const seeds = config.units.map((u) => u.home);
    const dbDir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
    cleanup.push(dbDir);
    const dbPath = join(dbDir, 'bench.db');
    const fmt = (r: ModeResult) => `${r.pages} 页，${r.seconds.toFixed(1)} 秒，${(r.pages / r.seconds).toFixed(0)} 页/秒，${(r.bytes / 1048576 / r.seconds).toFixed(1)} MB/秒，峰值内存 ${r.peakRssMb} MB，CPU ${r.cpuSeconds ?? '?'} 秒（门户 ${r.serverCpuSeconds ?? "?"} 秒）`;
    console.log(`示例门户 ${portal.origin}：${config.units.length} 个单位，每栏 ${values['pages-per-column']} 页，每次响应加 ${values.latency} ms，并发 ${concurrency}`);
    const bare = await child('bare', { seeds, concurrency });
    console.log(`  参照（undici + p-queue + cheerio，只抓取解析不存储）：${fmt(bare)}`);
    const cold = await child('ours', { config, dbPath });
    console.log(`  本工具首次抓取（全部存储）：${fmt(cold)}`);
    const rerun = await child('ours', { config, dbPath });
    console.log(`  本工具再次抓取（条件请求）：${fmt(rerun)}；近期已验证未重抓：详情页 ${rerun.stats?.skippedFreshDetails ?? 0}、未变列表的后续页 ${rerun.stats?.skippedFreshListPages ?? 0}，304 ${rerun.stats?.notModified ?? 0}，解析 ${rerun.stats?.pagesParsed ?? 0} 页（复用解析结果 ${rerun.stats?.analysesReused ?? 0}）`);
    if (values['ours-only']) {
      console.log(`bench:crawl pages_per_s=${(cold.pages / cold.seconds).toFixed(1)} of_baseline=${(cold.pages / cold.seconds / (bare.pages / bare.seconds)).toFixed(2)} rerun_fraction=${(rerun.seconds / cold.seconds).toFixed(2)} peak_rss_mb=${cold.peakRssMb}`);
      return;
    }
    const cr = await child('crawlee', { seeds, concurrency });
    console.log(`  crawlee CheerioCrawler 3.x：${fmt(cr)}`);
    const lk = await child('linkinator', { seeds, concurrency });
    console.log(`  linkinator 7.x：${fmt(lk)}（${lk.note ?? ''}）`);
    const big = await bigger(Number(values['rss-units']));
    console.log(`  内存是否随页数增长：${cold.pages} 页 → 峰值 ${cold.peakRssMb} MB；${big.pages} 页 → 峰值 ${big.peakRssMb} MB` +
      `（页数 ×${(big.pages / cold.pages).toFixed(1)}，峰值内存 ×${(big.peakRssMb / cold.peakRssMb).toFixed(2)}）`);
    const pps = (r: ModeResult) => r.pages / r.seconds;
    const r2 = (v: number) => v.toFixed(2);
    console.log(`bench:crawl pages_per_s=${pps(cold).toFixed(1)} of_baseline=${r2(pps(cold) / pps(bare))} vs_crawlee=${r2(pps(cold) / pps(cr))} vs_linkinator=${r2(pps(cold) / pps(lk))} rerun_fraction=${r2(rerun.seconds / cold.seconds)} peak_rss_mb=${cold.peakRssMb}`);
  } finally {
    await portal.close();
    for (const d of cleanup) rmSync(d, { recursive: true, force: true });
  }
}

if (process.argv[1] === here) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
