// npm run bench:province — a simulated province on this machine: one county portal of the sample's shape per
// loopback host (127.0.0.2, 127.0.0.3 …), per-host politeness as on real portals, a few slow and unreachable hosts,
// all inspected in one run of the compiled crawler (its own process). Prints pages, wall time, CPU share, peak
// memory, database and snapshot sizes, the projection for 5,000 units and what saturates first.
// Usage: npm run bench:province -- [--quick] [--hosts 100] [--units-per-host 4] [--delay 250] [--latency 50]
//        [--connections 2] [--slow 3] [--down 2]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureFreshBuild } from '../scripts/build-state.mjs';
import { sampleTree, type TreeMemory } from './tree-rss.ts';
import type { ModeResult } from './crawl-modes.ts';
import type { CrawlStats } from '../model/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SLOW_LATENCY_MS = 1500;
const PROVINCE_UNITS = 5000;

function dirBytes(path: string): number {
  let n = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

function runCrawler(config: unknown, dbPath: string): Promise<ModeResult & TreeMemory & { stats: CrawlStats }> {
  const input = join(mkdtempSync(join(tmpdir(), 'zwgk-province-in-')), 'input.json');
  writeFileSync(input, JSON.stringify({ config, dbPath }));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(ROOT, 'dist', 'bench', 'crawl-child.js'), 'ours', input], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: ROOT,
    });
    const tree = sampleTree(p.pid!, 200);
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => {
      const mem = tree();
      if (code !== 0) return reject(new Error(`crawler exited ${code}: ${out.slice(-2000)}`));
      resolve({ ...JSON.parse(out.trim().split('\n').pop() ?? '{}'), ...mem });
    });
  });
}

async function main(): Promise<void> {
  const settings = provinceSettings();
  const { hosts, perHost, slow, down, delayMs, latencyMs, connections } = settings;
  await ensureFreshBuild(ROOT);
  const { startSampleHosts, sampleConfigObject } = await import('../sample/index.ts');

  // county k is 127.0.0.(k+2); the last `down` hosts get no server (connection refused), the `slow` before them answer late
  const served = Array.from({ length: hosts - down }, (_, k) => ({
    host: addr(k),
    latencyMs: k >= hosts - down - slow ? SLOW_LATENCY_MS : latencyMs,
  }));
  const portal = await startSampleHosts(served);
  const port = new URL(portal.origins[0]).port;
  const work = mkdtempSync(join(tmpdir(), 'zwgk-province-'));
  try {
    const base = sampleConfigObject(`http://${addr(0)}:${port}`) as { units: Record<string, unknown>[] } & Record<string, unknown>;
    const units = provinceUnits(base.units, hosts, perHost, port);
    const config = { ...base, units, politeness: { concurrencyPerHost: connections, delayMs } };
    const cores = availableParallelism();
    console.log(
      `模拟省份：${hosts} 个县级门户主机（${addr(0)} … ${addr(hosts - 1)}，端口 ${port}），每县 ${perHost} 个单位，共 ${units.length} 个单位；` +
        `每主机 ${connections} 个连接、请求间隔 ${delayMs} ms、响应延迟 ${latencyMs} ms；慢速主机 ${slow} 个（${SLOW_LATENCY_MS} ms），不可达 ${down} 个；${cores} 核`,
    );
    const dbPath = join(work, 'province.db');
    const portalCpu = process.cpuUsage();
    const r = await runCrawler(config, dbPath);
    const used = process.cpuUsage(portalCpu);
    const portalCpuSeconds = (used.user + used.system) / 1e6;
    const dbBytes = readdirSync(work)
      .filter((f) => f.startsWith('province.db'))
      .reduce((n, f) => n + statSync(join(work, f)).size, 0);
    const blobBytes = dirBytes(join(work, 'blobs'));
    reportProvince(settings, r, { units: units.length, cores, port, portalCpuSeconds, dbBytes, blobBytes });
  } finally {
    await portal.close();
    rmSync(work, { recursive: true, force: true });
  }
}

// county k's host
const addr = (k: number) => `127.0.${Math.floor((k + 2) / 256)}.${(k + 2) % 256}`;

function provinceSettings() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      hosts: { type: 'string' },
      'units-per-host': { type: 'string' },
      delay: { type: 'string', default: '250' },
      latency: { type: 'string', default: '50' },
      connections: { type: 'string', default: '2' },
      slow: { type: 'string' },
      down: { type: 'string' },
    },
  });
  const num = (v: string | undefined, quick: number, full: number) => Number(v ?? (values.quick ? quick : full));
  const hosts = num(values.hosts, 10, 100);
  const perHost = num(values['units-per-host'], 2, 4);
  const slow = num(values.slow, 1, 3);
  const down = num(values.down, 1, 2);
  const [delayMs, latencyMs, connections] = [Number(values.delay), Number(values.latency), Number(values.connections)];
  if (hosts < 1 || hosts > 250 || perHost < 1 || slow + down >= hosts)
    throw new Error('参数不合理：--hosts 1–250，--units-per-host ≥1，慢速和不可达主机少于主机数');
  return { hosts, perHost, slow, down, delayMs, latencyMs, connections };
}

type ProvinceSettings = ReturnType<typeof provinceSettings>;

/**
 * County k crawls perHost of the sample's unit shapes, starting at k·perHost: over the province every shape
 * (CMS styles, GBK pages, a script-rendered column, broken links …) is present about equally often.
 */
function provinceUnits(sampleUnits: Record<string, unknown>[], hosts: number, perHost: number, port: string) {
  return Array.from({ length: hosts }, (_, k) => {
    const origin = `http://${addr(k)}:${port}`;
    const swap = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replaceAll(`http://${addr(0)}:${port}`, origin));
    return Array.from({ length: perHost }, (_, j) => sampleUnits[(k * perHost + j) % sampleUnits.length]).map((u) => ({
      ...(swap(u) as Record<string, unknown>),
      id: `c${String(k + 1).padStart(3, '0')}-${String(u.id)}`,
      name: `${k + 1}县${String(u.name)}`,
    }));
  }).flat();
}

interface ProvinceMeasures {
  units: number;
  cores: number;
  port: string;
  portalCpuSeconds: number;
  dbBytes: number;
  blobBytes: number;
}

type CrawlerResult = Awaited<ReturnType<typeof runCrawler>>;

function reportProvince(s: ProvinceSettings, r: CrawlerResult, m: ProvinceMeasures): void {
  const crawlerCpu = r.cpuSeconds ?? 0;
  const cpuShare = (crawlerCpu + m.portalCpuSeconds) / (r.seconds * m.cores); // the simulated portals share the cores
  const paces = countyPaces(s, r, m.port);
  const mb = (b: number) => (b / 1048576).toFixed(1);
  const pagesPerUnit = r.pages / m.units;
  console.log(
    `抓取 ${r.pages} 个请求，用时 ${r.seconds.toFixed(1)} 秒（${(r.pages / r.seconds).toFixed(0)} 个/秒）；全部单位完成：正常主机的县 ${paces.done.normal} 秒${s.slow ? `，慢速主机的县 ${paces.done.slow} 秒` : ''}${s.down ? `，不可达主机的县 ${paces.done.down} 秒` : ''}`,
  );
  console.log(
    `CPU：检查工具 ${crawlerCpu.toFixed(1)} 秒（每请求 ${((crawlerCpu / r.pages) * 1000).toFixed(1)} ms），模拟门户 ${m.portalCpuSeconds.toFixed(1)} 秒，合计占 ${m.cores} 核的 ${(cpuShare * 100).toFixed(0)}%；` +
      `峰值内存：进程树 ${r.peakTreeRssMb} MB（PSS ${r.peakTreePssMb} MB，最多 ${r.maxProcesses} 个进程），主进程 ${r.peakRssMb} MB`,
  );
  console.log(
    `数据库 ${mb(m.dbBytes)} MB，快照 ${mb(m.blobBytes)} MB（写入 ${((m.dbBytes + m.blobBytes) / 1048576 / r.seconds).toFixed(2)} MB/秒）；每单位 ${pagesPerUnit.toFixed(0)} 个请求、数据库 ${(m.dbBytes / m.units / 1024).toFixed(0)} KB、快照 ${(m.blobBytes / m.units / 1024).toFixed(0)} KB`,
  );
  // what saturates first: the cores (crawler and simulated portals together), else the hosts' pace, else neither
  const politenessUse = 1 / paces.medianRatio;
  const firstLimit = cpuShare > 0.8 ? 'cpu' : politenessUse > 0.7 ? 'politeness' : 'scheduling';
  const limitText = {
    cpu: 'CPU（两个核已基本用满）',
    politeness: '礼貌间隔（各主机按自己的节奏请求，CPU 有余）',
    scheduling: '调度与存储（CPU 和礼貌间隔都未用满：单位或请求没有排满各主机）',
  }[firstLimit];
  console.log(
    `礼貌间隔下限（每主机每 ${paces.pace.toFixed(2)} 秒开始一个请求）：正常主机的县按各自的请求数，实际用时为下限的 ${paces.medianRatio.toFixed(2)} 倍（中位数，最多 ${paces.maxRatio.toFixed(2)} 倍）；` +
      `请求最多的县 ${paces.largest.requests} 个请求，下限 ${paces.largest.floor.toFixed(0)} 秒、实际 ${paces.largest.done} 秒；${s.slow ? `慢速主机的县为下限的 ${paces.slowRatio.toFixed(2)} 倍；` : ''}最先饱和：${limitText}`,
  );
  const projected = printProjection(s, r, m, paces);
  console.log(
    `bench:province hosts=${s.hosts} units=${m.units} pages=${r.pages} seconds=${r.seconds.toFixed(1)} normal_hosts_s=${paces.done.normal} slow_hosts_s=${paces.done.slow} cpu_share=${cpuShare.toFixed(2)} ` +
      `crawler_ms_per_request=${((crawlerCpu / r.pages) * 1000).toFixed(1)} pace_ratio_median=${paces.medianRatio.toFixed(2)} peak_tree_rss_mb=${r.peakTreeRssMb} peak_tree_pss_mb=${r.peakTreePssMb} ` +
      `db_mb=${mb(m.dbBytes)} blobs_mb=${mb(m.blobBytes)} projected_5000_units_h=${(projected / 3600).toFixed(2)} first_limit=${firstLimit}`,
  );
}

/**
 * Each county against its own politeness floor: the requests its host was sent (the fetcher counts per host) times the
 * host's pace, next to when its last unit was done. Counties crawl different mixes of the sample's units, so the
 * run's average requests per county would understate the largest county's floor.
 */
function countyPaces(s: ProvinceSettings, r: CrawlerResult, port: string) {
  const { hosts, slow, down, delayMs, latencyMs, connections } = s;
  // a host starts a request every delayMs, or as its connections free up when it answers slower than that
  const paceOf = (latency: number) => Math.max(delayMs, latency / connections) / 1000;
  const kindOf = (k: number) => (k >= hosts - down ? 'down' : k >= hosts - down - slow ? 'slow' : 'normal');
  const doneOf = new Map<number, number>(); // unit ids start with the county: c001-…
  for (const [id, t] of Object.entries(r.unitDoneSeconds ?? {})) {
    const k = Number(id.slice(1, 4)) - 1;
    doneOf.set(k, Math.max(doneOf.get(k) ?? 0, t));
  }
  const done = { normal: 0, slow: 0, down: 0 };
  const ratios: Record<'normal' | 'slow', number[]> = { normal: [], slow: [] };
  let largest = { requests: 0, floor: 0, done: 0 };
  for (const [k, t] of doneOf) {
    const kind = kindOf(k);
    done[kind] = Math.max(done[kind], t);
    if (kind === 'down') continue;
    const requests = r.stats.fetch.hosts[`${addr(k)}:${port}`]?.requests ?? 0;
    const floor = requests * paceOf(kind === 'slow' ? SLOW_LATENCY_MS : latencyMs);
    if (floor > 0) ratios[kind].push(t / floor);
    if (kind === 'normal' && requests > largest.requests) largest = { requests, floor, done: t };
  }
  const sorted = ratios.normal.sort((a, b) => a - b);
  return {
    pace: paceOf(latencyMs),
    slowPace: paceOf(SLOW_LATENCY_MS),
    done,
    largest,
    medianRatio: sorted[Math.floor(sorted.length / 2)] ?? 0,
    maxRatio: sorted.at(-1) ?? 0,
    slowRatio: Math.max(0, ...ratios.slow),
  };
}

/**
 * 5,000 units over max(hosts, 100) counties at this run's requests per unit (the portals are elsewhere then): the
 * larger of the crawler's CPU and one county's politeness pace, the pace stretched by the ratio measured here.
 */
function printProjection(s: ProvinceSettings, r: CrawlerResult, m: ProvinceMeasures, paces: ReturnType<typeof countyPaces>): number {
  const counties = Math.max(s.hosts, 100);
  const unitsPerCounty = PROVINCE_UNITS / counties;
  const pagesPerUnit = r.pages / m.units;
  const requests = pagesPerUnit * PROVINCE_UNITS;
  const msPerRequest = ((r.cpuSeconds ?? 0) / r.pages) * 1000;
  const cpuBound = (msPerRequest / 1000) * (requests / m.cores);
  const politeFloor = unitsPerCounty * pagesPerUnit * paces.pace;
  const politeBound = politeFloor * Math.max(1, paces.medianRatio);
  const slowBound = unitsPerCounty * pagesPerUnit * paces.slowPace * Math.max(1, paces.slowRatio);
  const projected = Math.max(cpuBound, politeBound);
  // every county at its floor at once: the request rate the one machine must carry
  const fullRate = counties / paces.pace;
  const mb = (b: number) => (b / 1048576).toFixed(0);
  console.log(
    `推算 ${PROVINCE_UNITS} 个单位（${counties} 个县、每县 ${unitsPerCounty.toFixed(0)} 个单位，每单位 ${pagesPerUnit.toFixed(1)} 个请求，共约 ${Math.round(requests)} 个）：` +
      `CPU ${msPerRequest.toFixed(2)} ms × ${Math.round(requests)} ÷ ${m.cores} 核 = ${(cpuBound / 60).toFixed(1)} 分钟；` +
      `每县礼貌节奏 ${unitsPerCounty.toFixed(0)} × ${pagesPerUnit.toFixed(1)} × ${paces.pace.toFixed(2)} 秒 = ${(politeFloor / 60).toFixed(1)} 分钟，按本次实测倍数 ${Math.max(1, paces.medianRatio).toFixed(2)} 约 ${(politeBound / 60).toFixed(1)} 分钟` +
      ` → 一台这样的机器约 ${(projected / 3600).toFixed(2)} 小时（慢速主机的县约 ${(slowBound / 3600).toFixed(1)} 小时）`,
  );
  console.log(
    `各县同时按礼貌节奏抓取时全省约 ${fullRate.toFixed(0)} 个请求/秒，按每请求 ${msPerRequest.toFixed(2)} ms 约占 ${m.cores} 核的 ${(((fullRate * msPerRequest) / 1000 / m.cores) * 100).toFixed(0)}%；` +
      `数据库约 ${mb((m.dbBytes / m.units) * PROVINCE_UNITS)} MB，快照约 ${mb((m.blobBytes / m.units) * PROVINCE_UNITS)} MB（首次抓取）`,
  );
  return projected;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
