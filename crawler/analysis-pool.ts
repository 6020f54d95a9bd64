// Runs page analyses and feed parsing on worker threads (parsing is most of a crawl's CPU time), or inline when
// there are none.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalysisPart, PageAnalysis } from './page-analysis.ts';
import type { FeedParseResult } from './feeds.ts';
import { runTask, type AnalysisReply, type AnalysisRequest, type AnalysisTask } from './analysis-task.ts';

export interface AnalysisPool {
  /** The analysis as JSON text (what the cache stores) and parsed. */
  analyse(html: string, url: string, parts: AnalysisPart[]): Promise<{ analysis: PageAnalysis; json: string }>;
  /** A feed's posts, as JSON text and parsed. */
  parseFeed(text: string, contentType: string | null): Promise<{ feed: FeedParseResult; json: string }>;
  /** Worker threads started (0: inline, or none because no page needed parsing). */
  threads(): number;
  /** Resolves once a started worker is ready for pages (or none is left); until then pages are parsed inline. */
  workersReady(): Promise<void>;
  close(): Promise<void>;
}

/** Threads when the config does not say: one core stays with the main thread (fetching, SQLite, snapshots). */
export function defaultAnalysisThreads(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

// compiled (dist/*.js): the worker's compiled module itself; from the sources: a boot file that registers tsx first
const WORKER_ENTRY = import.meta.url.endsWith('.js')
  ? new URL('./analysis-worker.js', import.meta.url)
  : new URL('./analysis-worker-boot.mjs', import.meta.url);

const INLINE_FIRST = 8;
/** Pages above this size (characters) wait for a worker instead of being parsed on this thread. */
const INLINE_MAX_CHARS = 1_000_000;
/** Jobs handed to a worker at once; the rest wait here, where a page that leads to more pages can go first. */
const IN_FLIGHT_PER_WORKER = 6;

/** A page whose analysis ran past the time limit; its worker was stopped and replaced. */
export class AnalysisTimeLimitError extends Error {
  constructor(
    readonly url: string | null,
    readonly limitMs: number,
  ) {
    super(`页面解析超过时限 ${Math.round(limitMs / 100) / 10} 秒，已中止${url ? `：${url}` : ''}`);
    this.name = 'AnalysisTimeLimitError';
  }
}

interface AnalysisPoolOptions {
  /** A job on a worker running longer than this is failed and its worker replaced (inline parsing cannot be stopped). */
  timeLimitMs?: number;
}

type Result = { value: unknown; json: string };
interface Job {
  resolve: (v: Result) => void;
  reject: (e: Error) => void;
  req: AnalysisRequest;
  timer?: NodeJS.Timeout;
}
interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  ready: boolean;
}

function inline(task: AnalysisTask): Result {
  const value = runTask(task);
  return { value, json: JSON.stringify(value) };
}

/** Home, hub and list pages lead to further requests; an article page (detail only) or a feed does not. */
function leadsToMorePages(task: AnalysisTask): boolean {
  return task.kind === 'page' && task.parts.some((p) => p === 'list' || p === 'columns' || p.startsWith('sub:'));
}

export function createAnalysisPool(threads: number, opts: AnalysisPoolOptions = {}): AnalysisPool {
  const pool = new WorkerPool(threads, opts.timeLimitMs);
  return {
    threads: () => (pool.started ? threads : 0),
    workersReady: () => pool.workersReady(),
    async analyse(html, url, parts) {
      const { value, json } = await pool.run({ kind: 'page', html, url, parts });
      return { analysis: value as PageAnalysis, json };
    },
    async parseFeed(text, contentType) {
      const { value, json } = await pool.run({ kind: 'feed', text, contentType });
      return { feed: value as FeedParseResult, json };
    },
    close: () => pool.close(),
  };
}

function runInline(job: Job): void {
  try {
    job.resolve(inline(job.req));
  } catch (err) {
    job.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/** The worker threads, the jobs waiting for them (pages that lead to more pages first), and their failure handling. */
class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting = { first: [] as Job[], later: [] as Job[] };
  private nextId = 1;
  private closed = false;
  // started once a few pages needed parsing: a re-run of an unchanged site may need none, and a worker costs a module load
  started = false;
  private warned = false;
  private requests = 0;
  private readyWaiters: (() => void)[] = [];

  constructor(
    private readonly threads: number,
    private readonly timeLimitMs: number | undefined,
  ) {}

  async run(task: AnalysisTask): Promise<Result> {
    // a large page always goes to a worker, where the time limit can stop it (this thread cannot be interrupted)
    const large = this.threads > 0 && (task.kind === 'page' ? task.html.length : task.text.length) > INLINE_MAX_CHARS;
    if (!this.started && !this.closed && (++this.requests > INLINE_FIRST || large)) this.start();
    // until a worker has loaded its modules (about a second) this thread parses: at the start of a crawl every
    // unit waits for its home page's analysis, and waiting for the worker stalled all fetching meanwhile
    if (!this.slots.some((s) => s.ready) && !(large && this.slots.length > 0)) return inline(task);
    return new Promise<Result>((resolve, reject) => {
      const job: Job = { resolve, reject, req: { ...task, id: this.nextId++ } };
      (leadsToMorePages(task) ? this.waiting.first : this.waiting.later).push(job);
      this.pump();
    });
  }

  workersReady(): Promise<void> {
    return this.workersLoading() ? new Promise<void>((res) => this.readyWaiters.push(res)) : Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
    this.slots.length = 0;
    for (const job of this.takeWaiting()) runInline(job);
    this.settleReadyWaiters();
  }

  private takeWaiting(): Job[] {
    return [...this.waiting.first.splice(0), ...this.waiting.later.splice(0)];
  }

  private pump(): void {
    for (;;) {
      const slot = this.slots.reduce<Slot | null>(
        (best, s) => (s.ready && s.jobs.size < IN_FLIGHT_PER_WORKER && (!best || s.jobs.size < best.jobs.size) ? s : best),
        null,
      );
      if (!slot) {
        // no worker left at all (they failed): the main thread does the waiting jobs
        if (this.slots.length === 0) for (const job of this.takeWaiting()) runInline(job);
        return;
      }
      const job = this.waiting.first.shift() ?? this.waiting.later.shift();
      if (!job) return;
      slot.jobs.set(job.req.id, job);
      const limitMs = this.timeLimitMs;
      if (limitMs) {
        job.timer = setTimeout(() => this.overran(slot, job, limitMs), limitMs);
        job.timer.unref();
      }
      slot.worker.postMessage(job.req);
    }
  }

  // a job past the time limit fails alone: its worker is stopped, a new one started, the worker's other jobs wait again
  private overran(slot: Slot, job: Job, limitMs: number): void {
    if (!slot.jobs.has(job.req.id)) return;
    slot.jobs.delete(job.req.id);
    job.reject(new AnalysisTimeLimitError(job.req.kind === 'page' ? job.req.url : null, limitMs));
    this.remove(slot);
    for (const other of slot.jobs.values()) {
      clearTimeout(other.timer);
      this.waiting.first.unshift(other);
    }
    slot.jobs.clear();
    slot.worker.removeAllListeners('exit');
    void slot.worker.terminate().catch(() => undefined);
    if (!this.closed) this.spawn();
    this.pump();
  }

  // a worker that fails (cannot start, crashes) is dropped and its jobs are done inline: slower, never lost
  private drop(slot: Slot): void {
    this.remove(slot);
    for (const job of slot.jobs.values()) {
      clearTimeout(job.timer);
      runInline(job);
    }
    slot.jobs.clear();
    void slot.worker.terminate().catch(() => undefined);
    this.settleReadyWaiters();
    this.pump();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  // workers started and none has loaded yet (no workers at all, e.g. all failed, is not waiting)
  private workersLoading(): boolean {
    return this.slots.length > 0 && !this.slots.some((s) => s.ready);
  }

  private settleReadyWaiters(): void {
    if (this.workersLoading()) return;
    for (const w of this.readyWaiters) w();
    this.readyWaiters = [];
  }

  private start(): void {
    this.started = true;
    for (let i = 0; i < this.threads; i++) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(WORKER_ENTRY);
    worker.unref();
    const slot: Slot = { worker, jobs: new Map(), ready: false };
    worker.on('message', (m: AnalysisReply | { ready: true }) => this.onMessage(slot, m));
    worker.on('error', (err) => {
      // slower, not wrong, but a worker that cannot load is a broken install: say so once
      if (!this.warned) process.emitWarning(`页面解析线程出错，改由主线程解析 / analysis worker failed: ${err.message}`);
      this.warned = true;
      this.drop(slot);
    });
    worker.on('exit', () => {
      if (!this.closed) this.drop(slot);
    });
    this.slots.push(slot);
  }

  private onMessage(slot: Slot, m: AnalysisReply | { ready: true }): void {
    if (!('id' in m)) {
      slot.ready = true;
      this.settleReadyWaiters();
      return this.pump();
    }
    const job = slot.jobs.get(m.id);
    if (!job) return;
    slot.jobs.delete(m.id);
    clearTimeout(job.timer);
    if ('error' in m)
      job.reject(new Error(`页面解析失败 / page analysis failed: ${job.req.kind === 'page' ? job.req.url : 'feed'}: ${m.error}`));
    else job.resolve({ value: JSON.parse(m.json), json: m.json });
    this.pump();
  }
}
