import { createHash } from 'node:crypto';
import type { CountyConfig, UnitConfig } from '../config/index.ts';
import { assessmentWindow } from '../config/index.ts';
import type { Store, FeedPost, RunKind, RunRecord } from '../store/index.ts';
import type { CrawlStats } from '../model/index.ts';
import {
  startRun,
  resumeRun,
  findResumableRun,
  latestCompleteRun,
  finishRun,
  finishStep,
  faultedUnits,
  doneUnits,
  saveUnitObservations,
  importedPosts,
  pruneBlobs,
  recentWorkingLinks,
  openContentPages,
  prunePageAnalyses,
  retainedHashes,
  previousUnitDurations,
  previouslyRenderedPages,
  previouslyRetryingUnits,
  claimMaintenance,
} from '../store/index.ts';
import { createFetcher, type Fetcher, type FetchOptions } from './fetch.ts';
import { createScopeGuard, type ScopeGuard } from './scope.ts';
import { createRenderer, type Renderer } from './browser.ts';
import { PageSource, type PageRequest } from './page-source.ts';
import { PageAnalyser } from './page-analyser.ts';
import { createAttachmentExtractor } from './attachment-pool.ts';
import { createAttachmentReader } from './attachments-crawl.ts';
import { extractorVersion } from './extractor-version.ts';
import { createAnalysisPool, defaultAnalysisThreads } from './analysis-pool.ts';
import { crawlUnit } from './unit-crawl.ts';
import { crawlFeeds } from './feeds-crawl.ts';
import type { RunShared, RunTally, UnitCrawlContext } from './unit-context.ts';
import { createUnitScheduler, interleaveByHost, unitHost } from './unit-scheduler.ts';
import { loadColumnSynonyms, KEY_FIELDS_HUB } from './discover.ts';

/**
 * Column keys every unit is observed for (top-level columns and each 重点领域 of config/columns.yaml); a key not
 * found is stored as a 'missing' observation. Sub-columns of a found hub (重大项目 categories …) are not: their
 * parent's list can hold their rows.
 */
export function observedColumnKeys(): string[] {
  return loadColumnSynonyms()
    .columns.filter((c) => !c.parent || c.parent === KEY_FIELDS_HUB)
    .map((c) => c.key);
}

export interface ProgressSink {
  start(totalUnits: number, alreadyDone: number): void;
  unitDone(unitId: string, ok: boolean): void;
  stop(): void;
}

export interface InspectionOptions {
  store: Store;
  config: CountyConfig;
  configPath: string;
  asOf: string;
  resume?: boolean;
  /** 'selfcheck': a unit's own check or a re-check (service); 'newmedia': feeds only (weekly cadence check). Default 'inspection'. */
  kind?: RunKind;
  /** Units crawled at once per host (default twice the host's connections). */
  unitConcurrency?: number;
  progress?: ProgressSink;
  /**
   * true (default): the run is complete once crawled. false: only the crawl step is recorded and the run stays open
   * for its checks, findings and reports (inspection/pipeline.ts), so a crash in any of them leaves it resumable.
   */
  finish?: boolean;
}

export interface InspectionResult {
  run: RunRecord;
  status: 'complete' | 'failed' | 'interrupted';
  stats: CrawlStats;
  unitErrors: { unitId: string; message: string }[];
  unrendered: string[];
}

export function configHash(config: CountyConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

/** Crawls every unit of the county into the store. A crash leaves finished units recorded; `resume` completes the rest. */
export async function runInspection(opts: InspectionOptions): Promise<InspectionResult> {
  const { store, config } = opts;
  const kind = opts.kind ?? 'inspection';
  const run = openRun(opts, kind);
  const started = Date.now();
  const services = createRunServices(store, config, run.id, kind);
  const done = doneUnits(store, run.id);
  const pending = pendingUnits(store, config, done, kind);
  if (kind !== 'newmedia' && needsBrowser(store, kind, pending, services.analyser)) void services.renderer();
  opts.progress?.start(config.units.length, done.size);
  const crawl: UnitCrawlRun = {
    opts,
    services,
    shared: runShared(store, config, run, services, started),
    tally: { unrendered: [], linkStats: { checked: 0, reusedFromPages: 0, reusedFromEarlierRuns: 0, overCap: 0 } },
    knownKeys: observedColumnKeys(),
    unitErrors: [],
    homeFailures: 0,
    abandoned: [],
  };
  // per host, twice the host's connections: while a unit waits for its own next page, another keeps the host queue full
  const units = createUnitScheduler({ perHost: opts.unitConcurrency ?? Math.max(2, 2 * config.politeness.concurrencyPerHost) });
  try {
    await Promise.all(
      interleaveByHost(pending, (u) => unitHost(u.home)).map((unit) => units.add(unitHost(unit.home), () => crawlOneUnit(crawl, unit))),
    );
  } finally {
    opts.progress?.stop();
    await Promise.all(crawl.abandoned);
    await services.close();
  }
  const stats = runStats(crawl, run.id, started);
  return finishInspection(opts, run, stats, crawl);
}

/** A new run, or the unfinished one `resume` continues. */
function openRun(opts: InspectionOptions, kind: RunKind): RunRecord {
  const { store, config } = opts;
  if (opts.resume) {
    const resumable = findResumableRun(store, kind);
    if (!resumable) throw new Error('没有可继续的未完成检查任务 / no unfinished run to resume');
    return resumeRun(store, resumable.id);
  }
  return startRun(store, { kind, county: config.county, configPath: opts.configPath, configHash: configHash(config), asOf: opts.asOf });
}

interface RunServices {
  scope: ScopeGuard;
  fetcher: Fetcher;
  source: PageSource;
  pool: ReturnType<typeof createAnalysisPool>;
  analyser: PageAnalyser;
  attachments: ReturnType<typeof createAttachmentReader>;
  renderer: () => Promise<Renderer | null>;
  close(): Promise<void>;
}

/** The fetcher, page source, parse workers, attachment reader and (started when a page needs it) browser of one run. */
function createRunServices(store: Store, config: CountyConfig, runId: number, kind: RunKind): RunServices {
  const scope = createScopeGuard(config);
  const fetcher: Fetcher = createFetcher({
    crawl: config.crawl,
    politeness: config.politeness,
    scope,
    respectRobots: config.respectRobots,
    userAgent: config.crawl.userAgent,
  });
  const source = new PageSource(store, fetcher, runId, undefined, latestCompleteRun(store, kind)?.id ?? null);
  const pool = createAnalysisPool(kind === 'newmedia' ? 0 : (config.crawl.analysisThreads ?? defaultAnalysisThreads()), {
    timeLimitMs: config.crawl.analysisTimeLimitMs,
  });
  const analyser = new PageAnalyser(store, pool);
  analyser.onFault = (loaded, message) => source.markUnparsable(loaded.page, message);
  const attachmentExtractor = createAttachmentExtractor({ timeoutMs: config.crawl.attachments.timeoutMs });
  const attachments = createAttachmentReader(store, attachmentExtractor, config.crawl.attachments, extractorVersion());
  const browser: { pending: Promise<Renderer | null> | null } = { pending: null };
  const renderer = () =>
    (browser.pending ??= createRenderer({ executablePath: config.crawl.browser.executablePath, scope }).catch(() => null));
  const close = async () => {
    const r = await browser.pending?.catch(() => null);
    await r?.close().catch(() => undefined);
    await fetcher.close();
    await pool.close();
    await attachmentExtractor.close();
    source.flush();
    analyser.flush();
  };
  return { scope, fetcher, source, pool, analyser, attachments, renderer, close };
}

/**
 * The units still to crawl: those that waited out retries last time first, then the slowest (new ones count as
 * slow), so that none is left running alone at the end.
 */
function pendingUnits(store: Store, config: CountyConfig, done: Set<string>, kind: RunKind): UnitConfig[] {
  const took = previousUnitDurations(store, kind);
  const retrying = previouslyRetryingUnits(store, kind);
  return config.units
    .filter((u) => !done.has(u.id))
    .map((u, i) => ({ u, i, r: retrying.has(u.id) ? 1 : 0, t: took.get(u.id) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => b.r - a.r || b.t - a.t || a.i - b.i)
    .map((x) => x.u);
}

/**
 * A unit that needed a browser last time will again, unless its rendering can be reused (self-contained page,
 * unchanged): the browser is started at once instead of in the middle of that unit.
 */
function needsBrowser(store: Store, kind: RunKind, pending: UnitConfig[], analyser: PageAnalyser): boolean {
  const pendingIds = new Set(pending.map((u) => u.id));
  return (
    pending.some((u) => u.render) ||
    previouslyRenderedPages(store, kind).some((p) => pendingIds.has(p.unitId) && !analyser.mayReuseRendering(p.url))
  );
}

function runShared(store: Store, config: CountyConfig, run: RunRecord, services: RunServices, started: number): RunShared {
  const linkSince = new Date(started - config.crawl.linkRecheckDays * 86_400_000).toISOString();
  return {
    runId: run.id,
    config,
    asOf: run.asOf,
    window: assessmentWindow(config, run.asOf),
    analyser: services.analyser,
    scope: services.scope,
    renderer: services.renderer,
    maxDetailTextChars: 20_000,
    recentWorkingLinks: config.crawl.linkRecheckDays > 0 ? recentWorkingLinks(store, linkSince) : new Map(),
    attachments: services.attachments,
    revisit: run.kind === 'newmedia' ? new Map() : openContentPages(store),
  };
}

/** What the units of one run share while they are crawled, and what they count. */
interface UnitCrawlRun {
  opts: InspectionOptions;
  services: RunServices;
  shared: RunShared;
  tally: RunTally;
  knownKeys: string[];
  unitErrors: { unitId: string; message: string }[];
  homeFailures: number;
  abandoned: Promise<unknown>[]; // crawls of units cut off by their budget, winding down
}

const NO_OBSERVATIONS = { columns: [], details: [], links: [], feeds: [] };

/**
 * One unit, recorded with its observations or, when it failed or ran past its budget, without them and with the
 * reason: one unit never fails the county's run.
 */
async function crawlOneUnit(crawl: UnitCrawlRun, unit: UnitConfig): Promise<void> {
  const { opts, services } = crawl;
  const { store, config } = opts;
  const runId = crawl.shared.runId;
  const unitStarted = Date.now();
  // past its budget a unit is cut off: its further page loads and link checks fail at once, the requests in
  // flight end by their own deadline, and the unit is recorded as incomplete while the others go on
  const cut = createUnitCut(services.source, services.fetcher);
  let budgetTimer: NodeJS.Timeout | undefined;
  const overBudget = new Promise<'over'>((res) => {
    budgetTimer = setTimeout(() => res('over'), config.crawl.unitBudgetMs);
  });
  try {
    const crawling = crawlUnitOrFeeds(crawl, unit, cut);
    const result = await Promise.race([crawling, overBudget]);
    if (result === 'over') {
      cut.stop();
      crawl.abandoned.push(crawling.catch(() => undefined));
      throw new UnitFault(
        `单位检查超过总时限 ${Math.round((config.crawl.unitBudgetMs / 60_000) * 10) / 10} 分钟，已中止，本次不计入结果：${unit.home}`,
      );
    }
    if (!result.homeOk) crawl.homeFailures++;
    services.source.flush(); // the unit's page rows are in before it is marked done
    const fault = 'fault' in result && typeof result.fault === 'string' ? result.fault : null;
    saveUnitObservations(store, runId, unit.id, fault ? NO_OBSERVATIONS : result, Date.now() - unitStarted, fault);
    services.analyser.flush();
    opts.progress?.unitDone(unit.id, result.homeOk);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    try {
      services.source.flush();
      const why = err instanceof UnitFault ? message : `单位检查出错，已中止，本次不计入结果：${message}`;
      saveUnitObservations(store, runId, unit.id, NO_OBSERVATIONS, Date.now() - unitStarted, why);
    } catch {
      crawl.unitErrors.push({ unitId: unit.id, message });
    }
    opts.progress?.unitDone(unit.id, false);
  } finally {
    clearTimeout(budgetTimer);
  }
}

/** The unit's crawl as the run's kind wants it: columns, details and links, or ('newmedia') its feeds only. */
function crawlUnitOrFeeds(crawl: UnitCrawlRun, unit: UnitConfig, cut: { source: PageSource; fetcher: Fetcher }) {
  const store = crawl.opts.store;
  const ctx: UnitCrawlContext = {
    run: crawl.shared,
    unit,
    tally: crawl.tally,
    io: {
      source: cut.source,
      fetcher: cut.fetcher,
      importedPosts: (account: string): FeedPost[] =>
        importedPosts(store, unit.id)
          .filter((p) => p.account === account)
          .map((p) => ({ title: p.title, url: p.url, publishedAt: p.publishedAt, pinned: false })),
    },
  };
  if (crawl.opts.kind === 'newmedia')
    return crawlFeeds(ctx).then((feeds) => ({ homeOk: true, columns: [], details: [], links: [], feeds }));
  return crawlUnit(ctx, crawl.knownKeys);
}

function runStats(crawl: UnitCrawlRun, runId: number, started: number): CrawlStats {
  const { store, config } = crawl.opts;
  const { source, analyser, pool, attachments, fetcher } = crawl.services;
  return {
    units: config.units.length,
    unitsDone: doneUnits(store, runId).size,
    unitsUnreachable: crawl.homeFailures,
    unitErrors: crawl.unitErrors,
    unitFaults: Object.fromEntries(faultedUnits(store, runId)),
    pageFaults: analyser.faults.slice(0, 200),
    pagesFetched: source.stats.fetched,
    bytes: source.stats.bytes,
    notModified: source.stats.notModified,
    reusedFromEarlierAttempt: source.stats.reusedFromRun,
    skippedFreshDetails: source.stats.skippedFresh,
    skippedFreshListPages: source.stats.skippedFreshLists,
    pagesParsed: analyser.stats.parsed,
    analysesReused: analyser.stats.reused,
    rendersReused: analyser.stats.rendersReused,
    analysisThreads: pool.threads(),
    links: crawl.tally.linkStats,
    attachments: attachments.stats,
    unrendered: crawl.tally.unrendered,
    fetch: fetcher.stats(),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/** Retention once a day, then the run complete (or, `finish: false`, at its checks step) or failed. */
function finishInspection(opts: InspectionOptions, run: RunRecord, stats: CrawlStats, crawl: UnitCrawlRun): InspectionResult {
  const { store, config } = opts;
  const { unitErrors } = crawl;
  const unrendered = crawl.tally.unrendered;
  const status = unitErrors.length > 0 ? 'failed' : 'complete';
  // retention walks every stored file: once a day is plenty (a quick re-run should not pay for it)
  if (status === 'complete' && claimMaintenance(store, 'prune', 86_400_000)) {
    const keep = retainedHashes(store, config.crawl.retentionDays);
    stats.blobsPruned = pruneBlobs(store, config.crawl.retentionDays, Date.now(), keep);
    stats.analysesPruned = prunePageAnalyses(store, extractorVersion(), keep);
  }
  if (opts.finish === false && status === 'complete') {
    const step = finishStep(store, run.id, 'crawl', stats);
    return { run: { ...run, step }, status, stats, unitErrors, unrendered };
  }
  finishRun(store, run.id, status, stats);
  return { run: { ...run, status }, status, stats, unitErrors, unrendered };
}

/** A unit's crawl stopped by the run: recorded as the unit's fault, not as a failure of the run. */
class UnitFault extends Error {}

/**
 * The page source and fetcher as one unit sees them: once stopped, its loads and link checks still waiting for their
 * host's queue are cancelled, those in flight aborted, and any further one fails at once.
 */
function createUnitCut(source: PageSource, fetcher: Fetcher): { source: PageSource; fetcher: Fetcher; stop: () => void } {
  const ac = new AbortController();
  const signal = ac.signal;
  const wrap = <T extends object>(target: T, methods: Record<string, (f: (...a: unknown[]) => unknown, args: unknown[]) => unknown>): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const f = (value as (...a: unknown[]) => unknown).bind(t);
        const around = typeof prop === 'string' ? methods[prop] : undefined;
        return around
          ? (...args: unknown[]) => (signal.aborted ? Promise.reject(new UnitFault('单位检查已因超时中止')) : around(f, args))
          : f;
      },
    });
  return {
    source: wrap(source, { load: (f, [req]) => f({ ...(req as PageRequest), signal }) }),
    fetcher: wrap(fetcher, {
      fetch: (f, [url, fo]) => f(url, { ...(fo as FetchOptions | undefined), signal }),
      checkLink: (f, [url]) => f(url, { signal }),
    }),
    stop: () => ac.abort(),
  };
}
