// Development aid: where a cold crawl's memory goes. Runs the compiled crawler (as bench:crawl does) on the scaled-up
// sample portal and prints the process tree's peak RSS split by kind of process (the crawler's node process, with
// its worker threads, and Chromium's processes), and the main thread's heap, external and ArrayBuffer memory at the
// moment its RSS peaked. `--variant` switches one thing off (or one setting on) to see its share:
//   base: as bin/zwgk.js starts node (its first line); plain: node without those settings; inline (no analysis
//   thread), no-browser, no-attachments, arena2 (MALLOC_ARENA_MAX=2 in the crawler's environment), semi2/semi4/semi8
//   (V8 --max-semi-space-size in MB for the main thread), default-heap (no heap-growth limit).
// Usage: npx tsx bench/profile-memory.ts [--units 73] [--script-list] [--variant base|…, several with commas]
//          [--snapshot [--snapshot-mb 250]]
//   --snapshot: heap snapshots of the main thread and of every worker thread at one moment, when the process's RSS
//   first reaches --snapshot-mb (bench/heap-snapshots.ts; files in a temp folder, path printed), then a summary of
//   each: heap sizes per thread, top constructors by retained size, the objects that retain most. Taking them
//   costs memory and time, so the peak of such a run is not a measurement.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureFreshBuild } from '../scripts/build-state.mjs';
import { sampleTreeByKind } from './tree-rss.ts';
import { summarizeHeapSnapshot } from './heap-summary.ts';
import { startBenchCounty } from './county-portal.ts';
import { launcherSettings } from './launcher.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '73' },
      'script-list': { type: 'boolean', default: false },
      variant: { type: 'string', default: 'base' },
      snapshot: { type: 'boolean', default: false },
      'snapshot-mb': { type: 'string', default: '250' },
    },
  });
  await ensureFreshBuild(ROOT);
  const county = await startBenchCounty({
    units: Number(values.units),
    pagesPerColumn: 3,
    latencyMs: 20,
    concurrency: 16,
    scriptList: values['script-list']!,
  });
  try {
    const variants = new Set(values.variant!.split(','));
    const config = county.config as unknown as Record<string, any>;
    if (variants.has('inline')) config.crawl = { ...config.crawl, analysisThreads: 0 };
    if (variants.has('no-browser')) {
      config.units = config.units.map((u: Record<string, unknown>) => ({ ...u, render: false }));
      config.crawl = { ...config.crawl, browser: { ...config.crawl.browser, executablePath: '/nonexistent/chromium' } };
    }
    if (variants.has('no-attachments')) config.crawl = { ...config.crawl, attachments: { ...config.crawl.attachments, enabled: false } };
    const work = mkdtempSync(join(tmpdir(), 'zwgk-mem-'));
    const input = join(work, 'input.json');
    writeFileSync(input, JSON.stringify({ config, dbPath: join(work, 'bench.db') }));
    const trace = join(work, 'trace.json');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ZWGK_BENCH_MEMTRACE: trace,
      ...(values.snapshot ? { ZWGK_BENCH_HEAPSNAPSHOT: work, ZWGK_BENCH_HEAPSNAPSHOT_MB: values['snapshot-mb'] } : {}),
    };
    // as bin/zwgk.js starts node, unless `plain` (then arena2 / semiN add one setting each)
    const launch = variants.has('plain') ? { env: {}, nodeFlags: [] } : launcherSettings();
    Object.assign(env, launch.env);
    if (variants.has('arena2')) env.MALLOC_ARENA_MAX = '2';
    if (variants.has('default-heap')) env.ZWGK_BENCH_DEFAULT_HEAP = '1';
    const semi = [...variants].map((v) => /^semi(\d+)$/.exec(v)?.[1]).find(Boolean);
    const nodeFlags = semi ? [`--max-semi-space-size=${semi}`] : launch.nodeFlags;
    const p = spawn(process.execPath, [...nodeFlags, join(ROOT, 'dist', 'bench', 'crawl-child.js'), 'ours', input], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: ROOT,
      env,
    });
    const stop = sampleTreeByKind(p.pid!);
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((res) => p.on('exit', res));
    const mem = stop();
    if (code !== 0) throw new Error(`crawler exited ${code}`);
    const r = JSON.parse(out.trim().split('\n').pop()!);
    console.log(`${values.variant}: ${r.pages} 请求，${r.seconds} 秒，CPU ${r.cpuSeconds} 秒，分析线程 ${r.stats?.analysisThreads}`);
    console.log(
      `  进程树峰值 RSS ${mem.peakTreeRssMb} MB（PSS ${mem.peakTreePssMb} MB）；各类进程各自的峰值：${Object.entries(mem.peakByKindMb)
        .map(([k, v]) => `${k} ${v} MB`)
        .join('，')}`,
    );
    console.log(`  主进程 RSS 峰值时：${readFileSync(trace, 'utf8')}`);
    if (values.snapshot) printSnapshots(work);
  } finally {
    await county.close();
  }
}
interface TakenSnapshot {
  thread: string;
  file: string;
  rssMb?: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
  mallocedMb: number;
}

function printSnapshots(dir: string): void {
  const { atMb, taken } = JSON.parse(readFileSync(join(dir, 'threads.json'), 'utf8')) as { atMb: number; taken: TakenSnapshot[] };
  if (taken.length === 0) return console.log(`  进程 RSS 没有达到 ${atMb} MB，没有堆快照（用 --snapshot-mb 设小一些）`);
  console.log(`  堆快照（进程 RSS ${taken.find((t) => t.thread === 'main')?.rssMb ?? '?'} MB 时，${dir}）：`);
  for (const t of taken) {
    const s = summarizeHeapSnapshot(t.file, 12);
    console.log(
      `  ${t.thread}：heapTotal ${t.heapTotalMb} MB，heapUsed ${t.heapUsedMb} MB，external ${t.externalMb} MB，malloc ${t.mallocedMb} MB；快照里可达 ${s.totalMb} MB，${s.nodes} 个对象`,
    );
    console.log(
      `    按构造函数（保留大小 / 自身大小 MB，个数）：${s.byClass.map((c) => `${c.name} ${c.retainedMb}/${c.selfMb} ×${c.count}`).join('；')}`,
    );
    for (const b of s.biggest.slice(0, 8)) console.log(`    ${b.retainedMb} MB  ${b.what}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
