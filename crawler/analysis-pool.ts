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

interface Job { resolve: (v: { analysis: PageAnalysis; json: string }) => void; reject: (e: Error) => void; req: AnalysisRequest }

interface Slot { worker: Worker; jobs: Map<number, Job> }

function inline(html: string, url: string, parts: AnalysisPart[]): { analysis: PageAnalysis; json: string } {
  const analysis = analysePage(html, url, parts);
  return { analysis, json: JSON.stringify(analysis) };
}

export function createAnalysisPool(threads: number): AnalysisPool {
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  // a worker that fails (cannot start, crashes) is dropped and its jobs are done inline: slower, never lost
  const drop = (slot: Slot, why: Error): void => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    for (const job of slot.jobs.values()) {
      try {
        job.resolve(inline(job.req.html, job.req.url, job.req.parts));
      } catch (err) {
        job.reject(err instanceof Error ? err : why);
      }
    }
    slot.jobs.clear();
    void slot.worker.terminate().catch(() => undefined);
  };

  // started on the first page that needs parsing: a re-run of an unchanged site may need none
  let started = false;
  let startedThreads = 0;
  let requests = 0;
  const start = (): void => {
    started = true;
    startedThreads = threads;
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
      });
      worker.on('error', (err) => drop(slot, err));
      worker.on('exit', (code) => {
        if (!closed) drop(slot, new Error(`analysis worker exited with code ${code}`));
      });
      slots.push(slot);
    }
  };

  return {
    threads: () => startedThreads,
    async analyse(html, url, parts) {
      // a worker costs a module load: the first few pages (a re-run may need no more) are parsed here
      if (!started && !closed && ++requests > INLINE_FIRST) start();
      // the least busy worker; the main thread only when none is left
      const slot = slots.reduce<Slot | null>((best, s) => (!best || s.jobs.size < best.jobs.size ? s : best), null);
      if (!slot) return inline(html, url, parts);
      const req: AnalysisRequest = { id: nextId++, html, url, parts };
      return new Promise((resolve, reject) => {
        slot.jobs.set(req.id, { resolve, reject, req });
        slot.worker.postMessage(req);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
      slots.length = 0;
    },
  };
}
