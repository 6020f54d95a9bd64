// Runs page analyses on worker threads (parsing is most of a crawl's CPU time), or inline when there are none.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analysePage, type AnalysisPart, type PageAnalysis } from './page-analysis.ts';
import type { AnalysisReply, AnalysisRequest } from './analysis-worker.ts';

export interface AnalysisPool {
  /** The analysis as JSON text (what the cache stores) and parsed. */
  analyse(html: string, url: string, parts: AnalysisPart[]): Promise<{ analysis: PageAnalysis; json: string }>;
  /** Worker threads started (0: inline, or none because no page needed parsing). */
  threads(): number;
  close(): Promise<void>;
}

/** Threads when the config does not say: one core stays with the main thread (fetching, SQLite, snapshots). */
export function defaultAnalysisThreads(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

const INLINE_FIRST = 8;
/** Jobs handed to a worker at once; the rest wait here, where a page that leads to more pages can go first. */
const IN_FLIGHT_PER_WORKER = 6;

type Result = { analysis: PageAnalysis; json: string };
interface Job { resolve: (v: Result) => void; reject: (e: Error) => void; req: AnalysisRequest }
interface Slot { worker: Worker; jobs: Map<number, Job> }

function inline(html: string, url: string, parts: AnalysisPart[]): Result {
  const analysis = analysePage(html, url, parts);
  return { analysis, json: JSON.stringify(analysis) };
}

/** Home, hub and list pages lead to further requests; an article page (detail only) does not. */
function leadsToMorePages(parts: AnalysisPart[]): boolean {
  return parts.some((p) => p === 'list' || p === 'columns' || p.startsWith('sub:'));
}

export function createAnalysisPool(threads: number): AnalysisPool {
  const slots: Slot[] = [];
  const waiting = { first: [] as Job[], later: [] as Job[] };
  let nextId = 1;
  let closed = false;

  const runInline = (job: Job): void => {
    try {
      job.resolve(inline(job.req.html, job.req.url, job.req.parts));
    } catch (err) {
      job.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const pump = (): void => {
    for (;;) {
      const slot = slots.reduce<Slot | null>((best, s) => (s.jobs.size < IN_FLIGHT_PER_WORKER && (!best || s.jobs.size < best.jobs.size) ? s : best), null);
      if (!slot) {
        // no worker left at all (they failed): the main thread does the waiting jobs
        if (slots.length === 0) for (const job of [...waiting.first.splice(0), ...waiting.later.splice(0)]) runInline(job);
        return;
      }
      const job = waiting.first.shift() ?? waiting.later.shift();
      if (!job) return;
      slot.jobs.set(job.req.id, job);
      slot.worker.postMessage(job.req);
    }
  };

  // a worker that fails (cannot start, crashes) is dropped and its jobs are done inline: slower, never lost
  const drop = (slot: Slot): void => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    for (const job of slot.jobs.values()) runInline(job);
    slot.jobs.clear();
    void slot.worker.terminate().catch(() => undefined);
    pump();
  };

  // started once a few pages needed parsing: a re-run of an unchanged site may need none, and a worker costs a module load
  let started = false;
  let requests = 0;
  const start = (): void => {
    started = true;
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(new URL('./analysis-worker-boot.mjs', import.meta.url));
      worker.unref();
      const slot: Slot = { worker, jobs: new Map() };
      worker.on('message', (m: AnalysisReply | { ready: true }) => {
        if (!('id' in m)) return;
        const job = slot.jobs.get(m.id);
        if (!job) return;
        slot.jobs.delete(m.id);
        if ('error' in m) job.reject(new Error(`页面解析失败 / page analysis failed: ${job.req.url}: ${m.error}`));
        else job.resolve({ analysis: JSON.parse(m.json) as PageAnalysis, json: m.json });
        pump();
      });
      worker.on('error', () => drop(slot));
      worker.on('exit', () => {
        if (!closed) drop(slot);
      });
      slots.push(slot);
    }
  };

  return {
    threads: () => (started ? threads : 0),
    async analyse(html, url, parts) {
      if (!started && !closed && ++requests > INLINE_FIRST) start();
      if (slots.length === 0) return inline(html, url, parts);
      return new Promise<Result>((resolve, reject) => {
        const job: Job = { resolve, reject, req: { id: nextId++, html, url, parts } };
        (leadsToMorePages(parts) ? waiting.first : waiting.later).push(job);
        pump();
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
      slots.length = 0;
      for (const job of [...waiting.first.splice(0), ...waiting.later.splice(0)]) runInline(job);
    },
  };
}
