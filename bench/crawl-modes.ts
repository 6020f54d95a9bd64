// The crawlers compared by bench:crawl, each run in its own child process so peak RSS is its own.
import { mkdtempSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request, setGlobalDispatcher } from 'undici';
import PQueue from 'p-queue';
import * as cheerio from 'cheerio';
import type { CountyConfig } from '../config/index.ts';
import type { CrawlStats } from '../model/index.ts';

export interface ModeResult {
  pages: number;
  bytes: number;
  seconds: number;
  peakRssMb: number;
  peakTreeRssMb?: number;
  peakTreePssMb?: number;
  maxProcesses?: number;
  liveHeapMb?: number;
  cpuSeconds?: number;
  serverCpuSeconds?: number;
  note?: string;
  stats?: CrawlStats;
  unitDoneSeconds?: Record<string, number>;
}

function rssSampler(): () => number {
  // memoryUsage.rss() reads only the RSS; the full memoryUsage() walks the heap and showed up in profiles
  let peak = process.memoryUsage.rss();
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  t.unref();
  return () => {
    clearInterval(t);
    return Math.round(Math.max(peak, process.memoryUsage.rss()) / 1048576);
  };
}

/**
 * The largest heap (main thread) left alive by a full collection during the crawl: what the crawl holds, without the
 * garbage that peak RSS also counts (and that varies with when the collector happened to run).
 */
function liveHeapSampler(): () => number | undefined {
  let max = 0;
  const obs = new PerformanceObserver((list) => {
    if (
      list
        .getEntries()
        .some((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
    ) {
      max = Math.max(max, process.memoryUsage().heapUsed);
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  return () => {
    obs.disconnect();
    return max > 0 ? Math.round(max / 1048576) : undefined; // undefined: no full collection happened
  };
}

const PAGE_LIKE = /\.(html?|shtml|jsp|aspx?|php|xml)$|\/$|\?/i;

/** The reference: undici + p-queue + cheerio, fetch and parse every in-scope page, store nothing. */
export async function bareLoop(seeds: string[], concurrency: number): Promise<ModeResult> {
  const peak = rssSampler();
  const started = Date.now();
  const origin = new URL(seeds[0]).origin;
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
  const queue = new PQueue({ concurrency });
  const seen = new Set<string>(seeds);
  let pages = 0;
  let bytes = 0;
  const visit = async (url: string): Promise<void> => {
    const res = await request(url, { dispatcher: agent }).catch(() => null);
    if (!res) return;
    const body = Buffer.from(await res.body.arrayBuffer());
    pages++;
    bytes += body.length;
    if (!String(res.headers['content-type'] ?? '').includes('html')) return;
    const $ = cheerio.load(body.toString('latin1'));
    $('a[href]').each((_, el) => {
      try {
        const u = new URL($(el).attr('href')!, url);
        u.hash = '';
        const href = u.href;
        if (u.origin === origin && !seen.has(href)) {
          seen.add(href);
          void queue.add(() => visit(href));
        }
      } catch {
        /* not a URL */
      }
    });
  };
  for (const s of seeds) void queue.add(() => visit(s));
  await queue.onIdle();
  await agent.close();
  return { pages, bytes, seconds: (Date.now() - started) / 1000, peakRssMb: peak() };
}

/** Our crawler: every page and observation stored (SQLite + snapshots). */
export async function ours(config: CountyConfig, dbPath: string): Promise<ModeResult & { stats: CrawlStats }> {
  const { openStore } = await import('../store/index.ts');
  const { runInspection } = await import('../crawler/index.ts');
  const { countyConfigSchema } = await import('../config/index.ts');
  config = countyConfigSchema.parse(config); // fills defaults the JSON hand-over may lack
  const peak = rssSampler();
  const live = liveHeapSampler();
  const started = Date.now();
  const store = openStore({ dbPath });
  const doneAt: number[] = [];
  const unitDoneSeconds: Record<string, number> = {};
  const progress = {
    start: () => undefined,
    stop: () => undefined,
    unitDone: (id: string) => {
      doneAt.push(Date.now() - started);
      unitDoneSeconds[id] = Math.round(doneAt.at(-1)! / 100) / 10;
    },
  };
  const result = await runInspection({ store, config, configPath: 'bench', asOf: '2023-12-15', progress });
  // development aid: when the units finished (a long tail shows as a gap between 90% and last)
  if (process.env.ZWGK_BENCH_TIMELINE)
    console.error(
      `units done at (ms): 10% ${doneAt[Math.floor(doneAt.length * 0.1)]} 50% ${doneAt[Math.floor(doneAt.length / 2)]} 90% ${doneAt[Math.floor(doneAt.length * 0.9)]} last ${doneAt.at(-1)}`,
      JSON.stringify(result.stats).slice(0, 600),
    );
  const seconds = (Date.now() - started) / 1000;
  const peakRssMb = peak();
  const liveHeapMb = live();
  store.close();
  const pages = result.stats.fetch.requests;
  return { pages, bytes: result.stats.bytes, seconds, peakRssMb, liveHeapMb, stats: result.stats, unitDoneSeconds };
}

export async function crawlee(seeds: string[], concurrency: number): Promise<ModeResult> {
  const { CheerioCrawler, Configuration, log, LogLevel } = await import('@crawlee/cheerio');
  // it logs every PDF it skips and every 503 with a stack trace: hundreds of lines that buried the results
  log.setLevel(LogLevel.OFF);
  const peak = rssSampler();
  const started = Date.now();
  const origin = new URL(seeds[0]).origin;
  let pages = 0;
  let bytes = 0;
  const config = new Configuration({
    persistStorage: false,
    storageClientOptions: { localDataDirectory: mkdtempSync(join(tmpdir(), 'crawlee-')) },
  });
  const crawler = new CheerioCrawler(
    {
      maxConcurrency: concurrency,
      minConcurrency: concurrency,
      maxRequestRetries: 0,
      maxRequestsPerCrawl: 1_000_000,
      additionalMimeTypes: [
        'application/xml',
        'text/xml',
        'application/rss+xml',
        'application/atom+xml',
        'application/json',
        'application/feed+json',
      ],
      requestHandler: async ({ body, enqueueLinks }) => {
        pages++;
        bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.length;
        await enqueueLinks({ strategy: 'same-origin', transformRequestFunction: (r) => (r.url.startsWith(origin) ? r : false) });
      },
      failedRequestHandler: () => undefined,
    },
    config,
  );
  await crawler.run(seeds);
  return { pages, bytes, seconds: (Date.now() - started) / 1000, peakRssMb: peak() };
}

export async function linkinator(seeds: string[], concurrency: number): Promise<ModeResult> {
  const { LinkChecker } = await import('linkinator');
  // linkinator 7 ignores its concurrency option: cap its connections through the global dispatcher instead
  setGlobalDispatcher(new Agent({ connections: concurrency }));
  const peak = rssSampler();
  const started = Date.now();
  const checker = new LinkChecker();
  const origin = new URL(seeds[0]).origin;
  // like the other crawlers, stay on the portal: off-site links fail at once here (no network) and would inflate its count
  const linksToSkip = [`^(?!${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`];
  const result = await checker.check({ path: seeds, recurse: true, concurrency, timeout: 30_000, linksToSkip });
  return {
    pages: result.links.filter((l) => l.state !== 'SKIPPED').length,
    bytes: 0,
    seconds: (Date.now() - started) / 1000,
    peakRssMb: peak(),
    note: `${result.links.filter((l) => l.state === 'BROKEN').length} broken`,
  };
}
