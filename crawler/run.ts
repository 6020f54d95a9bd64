import { createHash } from 'node:crypto';
import type { CountyConfig } from '../config/index.ts';
import { assessmentWindow } from '../config/index.ts';
import type { Store, FeedPost, RunKind, RunRecord } from '../store/index.ts';
import {
  startRun,
  resumeRun,
  findResumableRun,
  finishRun,
  finishStep,
  faultedUnits,
  doneUnits,
  saveUnitObservations,
  importedPosts,
  pruneBlobs,
  recentWorkingLinks,
  prunePageAnalyses,
  retainedHashes,
  previousUnitDurations,
  previouslyRenderedPages,
  previouslyRetryingUnits,
  claimMaintenance,
} from '../store/index.ts';
import { createFetcher, type Fetcher, type FetchOptions } from './fetch.ts';
import { createScopeGuard } from './scope.ts';
import { createRenderer, type Renderer } from './browser.ts';
import { PageSource, type PageRequest } from './page-source.ts';
import { PageAnalyser } from './page-analyser.ts';
import { createAttachmentExtractor } from './attachment-pool.ts';
import { createAttachmentReader } from './attachments-crawl.ts';
import { extractorVersion } from './extractor-version.ts';
import { createAnalysisPool, defaultAnalysisThreads } from './analysis-pool.ts';
import { crawlUnit } from './unit-crawl.ts';
import { crawlFeeds } from './feeds-crawl.ts';
import type { RunShared, RunTally } from './unit-context.ts';
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
  stats: Record<string, unknown>;
  unitErrors: { unitId: string; message: string }[];
  unrendered: string[];
}

export function configHash(config: CountyConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

/** Crawls every unit of the county into the store. A crash leaves finished units recorded; `resume` completes the rest. */
export async function runInspection(opts: InspectionOptions): Promise<InspectionResult> {
  const { store, config, asOf } = opts;
  let run: RunRecord;
  if (opts.resume) {
    const resumable = findResumableRun(store, opts.kind ?? 'inspection');
    if (!resumable) throw new Error('没有可继续的未完成检查任务 / no unfinished run to resume');
    run = resumeRun(store, resumable.id);
  } else {
    run = startRun(store, {
      kind: opts.kind ?? 'inspection',
      county: config.county,
      configPath: opts.configPath,
      configHash: configHash(config),
      asOf,
    });
  }
  const runAsOf = run.asOf;
  const started = Date.now();
  const scope = createScopeGuard(config);
  const fetcher: Fetcher = createFetcher({
    crawl: config.crawl,
    politeness: config.politeness,
    scope,
    respectRobots: config.respectRobots,
    userAgent: config.crawl.userAgent,
  });
  const source = new PageSource(store, fetcher, run.id);
  const pool = createAnalysisPool(opts.kind === 'newmedia' ? 0 : (config.crawl.analysisThreads ?? defaultAnalysisThreads()), {
    timeLimitMs: config.crawl.analysisTimeLimitMs,
  });
  const analyser = new PageAnalyser(store, pool);
  analyser.onFault = (loaded, message) => source.markUnparsable(loaded.page, message);
  const attachmentExtractor = createAttachmentExtractor({ timeoutMs: config.crawl.attachments.timeoutMs });
  const attachments = createAttachmentReader(store, attachmentExtractor, config.crawl.attachments, extractorVersion());
  // the browser is started only when a page needs it
  const browser: { pending: Promise<Renderer | null> | null } = { pending: null };
  const renderer = () =>
    (browser.pending ??= createRenderer({ executablePath: config.crawl.browser.executablePath, scope }).catch(() => null));
  const window = assessmentWindow(config, runAsOf);
  const done = doneUnits(store, run.id);
  // units that waited out retries last time first, then the slowest (new ones count as slow), so that none is
  // left running alone at the end
  const kind = opts.kind ?? 'inspection';
  const took = previousUnitDurations(store, kind);
  const retrying = previouslyRetryingUnits(store, kind);
  const pending = config.units
    .filter((u) => !done.has(u.id))
    .map((u, i) => ({ u, i, r: retrying.has(u.id) ? 1 : 0, t: took.get(u.id) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => b.r - a.r || b.t - a.t || a.i - b.i)
    .map((x) => x.u);
  // a unit that needed a browser last time will again, unless its rendering can be reused (self-contained page,
  // unchanged): start the browser now instead of in the middle of that unit
  const pendingIds = new Set(pending.map((u) => u.id));
  const needsBrowser = () =>
    pending.some((u) => u.render) ||
    previouslyRenderedPages(store, kind).some((p) => pendingIds.has(p.unitId) && !analyser.mayReuseRendering(p.url));
  if (kind !== 'newmedia' && needsBrowser()) {
    void renderer();
  }
  const unitErrors: { unitId: string; message: string }[] = [];
  const unrendered: string[] = [];
  let homeFailures = 0;
  opts.progress?.start(config.units.length, done.size);

  const knownKeys = observedColumnKeys();
  const linkSince = new Date(started - config.crawl.linkRecheckDays * 86_400_000).toISOString();
  const workingLinks = config.crawl.linkRecheckDays > 0 ? recentWorkingLinks(store, linkSince) : new Map();
  const linkStats = { checked: 0, reusedFromPages: 0, reusedFromEarlierRuns: 0 };
  const shared: RunShared = {
    runId: run.id,
    config,
    asOf: runAsOf,
    window,
    analyser,
    scope,
    renderer,
    maxDetailTextChars: 20_000,
    recentWorkingLinks: workingLinks,
    attachments,
  };
  const tally: RunTally = { unrendered, linkStats };
  const abandoned: Promise<unknown>[] = []; // crawls of units cut off by their budget, winding down
  // per host, twice the host's connections: while a unit waits for its own next page, another keeps the host queue full
  const units = createUnitScheduler({ perHost: opts.unitConcurrency ?? Math.max(2, 2 * config.politeness.concurrencyPerHost) });
  try {
    await Promise.all(
      interleaveByHost(pending, (u) => unitHost(u.home)).map((unit) =>
        units.add(unitHost(unit.home), async () => {
          const unitStarted = Date.now();
          // past its budget a unit is cut off: its further page loads and link checks fail at once, the requests in
          // flight end by their own deadline, and the unit is recorded as incomplete while the others go on
          const cut = createUnitCut(source, fetcher);
          let budgetTimer: NodeJS.Timeout | undefined;
          const overBudget = new Promise<'over'>((res) => {
            budgetTimer = setTimeout(() => res('over'), config.crawl.unitBudgetMs);
          });
          try {
            const crawl =
              opts.kind === 'newmedia'
                ? async (ctx: Parameters<typeof crawlFeeds>[0]) => ({
                    homeOk: true,
                    columns: [],
                    details: [],
                    links: [],
                    feeds: await crawlFeeds(ctx),
                  })
                : (ctx: Parameters<typeof crawlUnit>[0]) => crawlUnit(ctx, knownKeys);
            const crawling = crawl({
              run: shared,
              unit,
              tally,
              io: {
                source: cut.source,
                fetcher: cut.fetcher,
                importedPosts: (account: string): FeedPost[] =>
                  importedPosts(store, unit.id)
                    .filter((p) => p.account === account)
                    .map((p) => ({ title: p.title, url: p.url, publishedAt: p.publishedAt, pinned: false })),
              },
            });
            const result = await Promise.race([crawling, overBudget]);
            if (result === 'over') {
              cut.stop();
              abandoned.push(crawling.catch(() => undefined));
              throw new UnitFault(
                `单位检查超过总时限 ${Math.round((config.crawl.unitBudgetMs / 60_000) * 10) / 10} 分钟，已中止，本次不计入结果：${unit.home}`,
              );
            }
            if (!result.homeOk) homeFailures++;
            source.flush(); // the unit's page rows are in before it is marked done
            const fault = 'fault' in result && typeof result.fault === 'string' ? result.fault : null;
            saveUnitObservations(
              store,
              run.id,
              unit.id,
              fault ? { columns: [], details: [], links: [], feeds: [] } : result,
              Date.now() - unitStarted,
              fault,
            );
            analyser.flush();
            opts.progress?.unitDone(unit.id, result.homeOk);
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            // the unit is done, without observations, with the reason: one unit never fails the county's run
            try {
              source.flush();
              saveUnitObservations(
                store,
                run.id,
                unit.id,
                { columns: [], details: [], links: [], feeds: [] },
                Date.now() - unitStarted,
                err instanceof UnitFault ? message : `单位检查出错，已中止，本次不计入结果：${message}`,
              );
            } catch {
              unitErrors.push({ unitId: unit.id, message });
            }
            opts.progress?.unitDone(unit.id, false);
          } finally {
            clearTimeout(budgetTimer);
          }
        }),
      ),
    );
  } finally {
    opts.progress?.stop();
    await Promise.all(abandoned);
    const r = await browser.pending?.catch(() => null);
    await r?.close().catch(() => undefined);
    await fetcher.close();
    await pool.close();
    await attachmentExtractor.close();
    source.flush();
    analyser.flush();
  }

  const fetchStats = fetcher.stats();
  const stats: Record<string, unknown> = {
    units: config.units.length,
    unitsDone: doneUnits(store, run.id).size,
    unitsUnreachable: homeFailures,
    unitErrors,
    unitFaults: Object.fromEntries(faultedUnits(store, run.id)),
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
    links: linkStats,
    attachments: attachments.stats,
    unrendered,
    fetch: fetchStats,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
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
