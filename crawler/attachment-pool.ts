// Attachment extraction off the main thread: one worker thread, one file at a time, so that the time cap is per
// file. A file that runs past the cap ends the worker (the next file gets a new one); a worker that cannot start
// leaves extraction to the main thread. A worker without a file for a while is stopped (it holds ~100 MB, pdf.js
// alone ~60) and started again for the next file.
import { Worker } from 'node:worker_threads';
import { extractAttachment, type AttachmentFormat, type AttachmentText, type ExtractLimits } from './attachment-extract.ts';

// compiled (dist/*.js): the worker's compiled module itself; from the sources: a boot file that registers tsx first
const WORKER_ENTRY = import.meta.url.endsWith('.js')
  ? new URL('./attachment-worker.js', import.meta.url)
  : new URL('./attachment-worker-boot.mjs', import.meta.url);

/** The worker stops after this long without a file. */
const ATTACHMENT_WORKER_IDLE_MS = 15_000;

export interface AttachmentExtractor {
  /** Rejects with a Chinese message naming the reason (unreadable, timeout). */
  extract(bytes: Uint8Array, format: AttachmentFormat, limits: ExtractLimits): Promise<AttachmentText>;
  /** Worker threads started so far (a stopped idle worker and a replaced one count again). */
  workersStarted(): number;
  /** Whether a worker thread is running now. */
  workerRunning(): boolean;
  close(): Promise<void>;
}

interface AttachmentExtractorOptions {
  timeoutMs: number;
  /** Extract on the main thread (no worker). */
  inline?: boolean;
  /** Stop the worker after this long without a file (default ATTACHMENT_WORKER_IDLE_MS; 0: never). */
  idleStopMs?: number;
}

interface Job {
  bytes: Uint8Array;
  format: AttachmentFormat;
  limits: ExtractLimits;
  resolve: (t: AttachmentText) => void;
  reject: (e: Error) => void;
}

type WorkerMessage = { ready: true } | { id: number; result?: AttachmentText; error?: string };

function runInline(job: Job, timeoutMs: number): void {
  const timer = setTimeout(() => job.reject(new Error(`附件读取超时（超过 ${timeoutMs / 1000} 秒）`)), timeoutMs);
  extractAttachment(job.bytes, job.format, job.limits)
    .then(job.resolve, job.reject)
    .finally(() => clearTimeout(timer));
}

class ExtractorState {
  readonly queue: Job[] = [];
  worker: Worker | null = null;
  ready = false;
  broken: boolean;
  current: { job: Job; id: number; timer: NodeJS.Timeout } | null = null;
  nextId = 1;
  closed = false;
  started = 0;
  idleTimer: NodeJS.Timeout | null = null;

  constructor(readonly opts: AttachmentExtractorOptions) {
    this.broken = opts.inline ?? false;
  }

  stopWorker(): void {
    const w = this.worker;
    this.worker = null;
    this.ready = false;
    if (w) void w.terminate().catch(() => undefined);
  }

  clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Nothing to do and a worker running: stop it after the idle time. */
  armIdle(): void {
    const idleMs = this.opts.idleStopMs ?? ATTACHMENT_WORKER_IDLE_MS;
    if (this.closed || !this.worker || this.current || this.queue.length > 0 || idleMs <= 0) return;
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.current && this.queue.length === 0) this.stopWorker();
    }, idleMs);
    this.idleTimer.unref();
  }

  pump(): void {
    if (this.current || this.closed) return;
    if (this.broken) {
      for (const job of this.queue.splice(0)) runInline(job, this.opts.timeoutMs);
      return;
    }
    if (this.queue.length === 0) return this.armIdle();
    this.clearIdle();
    if (!this.worker) this.start();
    if (!this.ready) return;
    this.send(this.queue.shift()!);
  }

  private send(job: Job): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.current = null;
      this.stopWorker();
      job.reject(new Error(`附件读取超时（超过 ${this.opts.timeoutMs / 1000} 秒），已跳过`));
      this.pump();
    }, this.opts.timeoutMs);
    this.current = { job, id, timer };
    const copy = job.bytes.slice(); // transferred: the caller keeps its buffer
    this.worker!.postMessage({ id, bytes: copy, format: job.format, limits: job.limits }, [copy.buffer]);
  }

  private start(): void {
    const w = new Worker(WORKER_ENTRY);
    this.started++;
    w.unref();
    this.worker = w;
    w.on('message', (m: WorkerMessage) => {
      if (w === this.worker) this.received(m);
    });
    const fail = (): void => {
      if (w === this.worker) this.failed();
    };
    w.on('error', fail);
    w.on('exit', () => {
      if (!this.closed) fail();
    });
  }

  private received(m: WorkerMessage): void {
    if ('ready' in m) {
      this.ready = true;
      return this.pump();
    }
    if (!this.current || this.current.id !== m.id) return;
    const { job, timer } = this.current;
    clearTimeout(timer);
    this.current = null;
    if (m.error !== undefined) job.reject(new Error(m.error));
    else job.resolve(m.result!);
    this.pump();
  }

  private failed(): void {
    const job = this.current?.job;
    if (this.current) clearTimeout(this.current.timer);
    this.current = null;
    const neverStarted = !this.ready && !job;
    this.stopWorker();
    if (neverStarted) this.broken = true; // never started: the main thread reads from now on
    if (job) job.reject(new Error('附件读取时工作线程异常退出'));
    this.pump();
  }
}

export function createAttachmentExtractor(opts: AttachmentExtractorOptions): AttachmentExtractor {
  const s = new ExtractorState(opts);
  return {
    extract(bytes, format, limits) {
      if (s.closed) return Promise.reject(new Error('附件读取已关闭'));
      return new Promise<AttachmentText>((resolve, reject) => {
        s.queue.push({ bytes, format, limits, resolve, reject });
        s.pump();
      });
    },
    workersStarted: () => s.started,
    workerRunning: () => s.worker !== null,
    async close() {
      s.closed = true;
      s.clearIdle();
      if (s.current) clearTimeout(s.current.timer);
      for (const job of s.queue.splice(0)) job.reject(new Error('附件读取已关闭'));
      s.current?.job.reject(new Error('附件读取已关闭'));
      s.current = null;
      const w = s.worker;
      s.worker = null;
      if (w) await w.terminate().catch(() => undefined);
    },
  };
}
