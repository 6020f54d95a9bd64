// Attachment extraction off the main thread: one worker thread, one file at a time, so that the time cap is per
// file. A file that runs past the cap ends the worker (the next file gets a new one); a worker that cannot start
// leaves extraction to the main thread.
import { Worker } from 'node:worker_threads';
import { extractAttachment, type AttachmentFormat, type AttachmentText, type ExtractLimits } from './attachment-extract.ts';

// compiled (dist/*.js): the worker's compiled module itself; from the sources: a boot file that registers tsx first
const WORKER_ENTRY = import.meta.url.endsWith('.js')
  ? new URL('./attachment-worker.js', import.meta.url)
  : new URL('./attachment-worker-boot.mjs', import.meta.url);

export interface AttachmentExtractor {
  /** Rejects with a Chinese message naming the reason (unreadable, timeout). */
  extract(bytes: Uint8Array, format: AttachmentFormat, limits: ExtractLimits): Promise<AttachmentText>;
  close(): Promise<void>;
}

interface Job {
  bytes: Uint8Array;
  format: AttachmentFormat;
  limits: ExtractLimits;
  resolve: (t: AttachmentText) => void;
  reject: (e: Error) => void;
}

export function createAttachmentExtractor(opts: { timeoutMs: number; inline?: boolean }): AttachmentExtractor {
  const queue: Job[] = [];
  let worker: Worker | null = null;
  let ready = false;
  let broken = opts.inline ?? false;
  let current: { job: Job; id: number; timer: NodeJS.Timeout } | null = null;
  let nextId = 1;
  let closed = false;

  const runInline = (job: Job): void => {
    const timer = setTimeout(() => job.reject(new Error(`附件读取超时（超过 ${opts.timeoutMs / 1000} 秒）`)), opts.timeoutMs);
    extractAttachment(job.bytes, job.format, job.limits)
      .then(job.resolve, job.reject)
      .finally(() => clearTimeout(timer));
  };

  const stopWorker = (): void => {
    const w = worker;
    worker = null;
    ready = false;
    if (w) void w.terminate().catch(() => undefined);
  };

  const pump = (): void => {
    if (current || closed) return;
    if (broken) {
      for (const job of queue.splice(0)) runInline(job);
      return;
    }
    if (!worker) start();
    if (!ready) return;
    const job = queue.shift();
    if (!job) return;
    const id = nextId++;
    const timer = setTimeout(() => {
      current = null;
      stopWorker();
      job.reject(new Error(`附件读取超时（超过 ${opts.timeoutMs / 1000} 秒），已跳过`));
      pump();
    }, opts.timeoutMs);
    current = { job, id, timer };
    const copy = job.bytes.slice(); // transferred: the caller keeps its buffer
    worker!.postMessage({ id, bytes: copy, format: job.format, limits: job.limits }, [copy.buffer]);
  };

  const start = (): void => {
    const w = new Worker(WORKER_ENTRY);
    w.unref();
    worker = w;
    w.on('message', (m: { ready: true } | { id: number; result?: AttachmentText; error?: string }) => {
      if (w !== worker) return;
      if ('ready' in m) {
        ready = true;
        return pump();
      }
      if (!current || current.id !== m.id) return;
      const { job, timer } = current;
      clearTimeout(timer);
      current = null;
      if (m.error !== undefined) job.reject(new Error(m.error));
      else job.resolve(m.result!);
      pump();
    });
    const fail = (): void => {
      if (w !== worker) return;
      const job = current?.job;
      if (current) clearTimeout(current.timer);
      current = null;
      stopWorker();
      if (!ready && !job) broken = true; // never started: the main thread reads from now on
      if (job) job.reject(new Error('附件读取时工作线程异常退出'));
      pump();
    };
    w.on('error', fail);
    w.on('exit', () => {
      if (!closed) fail();
    });
  };

  return {
    extract(bytes, format, limits) {
      if (closed) return Promise.reject(new Error('附件读取已关闭'));
      return new Promise<AttachmentText>((resolve, reject) => {
        queue.push({ bytes, format, limits, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      if (current) clearTimeout(current.timer);
      for (const job of queue.splice(0)) job.reject(new Error('附件读取已关闭'));
      current?.job.reject(new Error('附件读取已关闭'));
      current = null;
      const w = worker;
      worker = null;
      if (w) await w.terminate().catch(() => undefined);
    },
  };
}
