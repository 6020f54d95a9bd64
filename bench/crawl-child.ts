import { readFileSync, writeFileSync } from 'node:fs';
import { bareLoop, ours, crawlee, linkinator } from './crawl-modes.ts';

const [mode, inputFile] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputFile, 'utf8'));
// development aid (bench/profile-memory.ts): the main thread's memory when its RSS peaked, written at exit
const memTrace = process.env.ZWGK_BENCH_MEMTRACE;
if (memTrace) {
  let peak = { rss: 0 } as NodeJS.MemoryUsage;
  const series: string[] = [];
  const t0 = Date.now();
  const t = setInterval(() => {
    const m = process.memoryUsage();
    if (series.length < 1000 && (Date.now() - t0) % 2000 < 100)
      series.push(`${Math.round((Date.now() - t0) / 1000)}s ${Math.round(m.rss / 1048576)}/${Math.round(m.heapUsed / 1048576)}`);
    if (m.rss <= peak.rss) return;
    peak = m;
  }, 100);
  t.unref();
  process.on('exit', () => {
    const mb = (v: number) => Math.round(v / 1048576);
    writeFileSync(
      memTrace,
      `rss ${mb(peak.rss)} MB, heapUsed ${mb(peak.heapUsed)} / heapTotal ${mb(peak.heapTotal)} MB, external ${mb(peak.external)} MB (ArrayBuffers ${mb(peak.arrayBuffers)} MB)\n  rss/heapUsed: ${series.join(' ')}`,
    );
  });
}
const run = async () => {
  switch (mode) {
    case 'bare':
      return bareLoop(input.seeds, input.concurrency);
    case 'ours': {
      // as the zwgk command does (cli/main.ts)
      if (!process.env.ZWGK_BENCH_DEFAULT_HEAP) (await import('../cli/runtime.ts')).limitHeapGrowth();
      const snapDir = process.env.ZWGK_BENCH_HEAPSNAPSHOT;
      const snapshots = snapDir
        ? await (await import('./heap-snapshots.ts')).snapshotAtRss(snapDir, Number(process.env.ZWGK_BENCH_HEAPSNAPSHOT_MB))
        : null;
      const r = await ours(input.config, input.dbPath);
      snapshots?.();
      return r;
    }
    case 'crawlee':
      return crawlee(input.seeds, input.concurrency);
    case 'linkinator':
      return linkinator(input.seeds, input.concurrency);
    default:
      throw new Error(`unknown mode ${mode}`);
  }
};
run().then(
  (r) => {
    const cpu = process.cpuUsage();
    process.stdout.write(`\n${JSON.stringify({ ...r, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10 })}\n`);
    process.exit(0);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
