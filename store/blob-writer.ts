import { Worker } from 'node:worker_threads';
import { writeBlobFile } from './blob-file.mjs';

interface BlobWrite {
  file: string;
  tmp: string;
  bytes: Buffer;
  compress: boolean;
}

interface Pending {
  resolve: () => void;
  reject: (e: Error) => void;
  write: BlobWrite;
}

/** What the writer thread receives: the bodies of one batch packed into one transferred buffer. */
interface BlobBatch {
  items: { id: number; file: string; tmp: string; compress: boolean; offset: number; length: number }[];
  bytes: ArrayBuffer;
}
/** What it answers, once per batch: the ids written (or already there) and the ids that failed. */
interface BlobBatchReply {
  done: number[];
  failed: { id: number; error: string }[];
}

/**
 * One worker thread that gzips and writes blobs. A crawl stores thousands of page bodies; compressing and writing
 * them on the main thread took about a tenth of its time there, delaying the responses waiting to be read.
 * The writes of one turn of the event loop go as one message: a message per body cost the main thread more than the
 * copy of the bytes (each wakes the writer thread; two cores here are shared with the portal being crawled).
 * A writer thread that cannot start or dies hands its writes back to the calling thread: slower, never lost.
 */
export class BlobWriter {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private batch: number[] = [];

  /** `thread`: the worker script (tests pass one that fails). */
  constructor(private readonly thread: URL = new URL('./blob-writer-thread.mjs', import.meta.url)) {}

  write(w: BlobWrite): Promise<void> {
    const worker = this.ensureWorker();
    if (!worker) return new Promise((resolve) => resolve(writeBlobFile(w)));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject, write: w });
      this.batch.push(id);
      if (this.batch.length === 1) setImmediate(() => this.post());
    });
  }

  private post(): void {
    const ids = this.batch;
    this.batch = [];
    // a thread that failed meanwhile has already handed these writes back (they are no longer pending)
    const writes = ids.flatMap((id) => {
      const p = this.pending.get(id);
      return p ? [{ id, w: p.write }] : [];
    });
    if (!this.worker || writes.length === 0) return;
    // copied, not shared: the caller keeps reading its buffer (and a small Buffer is a slice of Node's shared pool)
    const packed = new Uint8Array(writes.reduce((n, { w }) => n + w.bytes.length, 0));
    let offset = 0;
    const items = writes.map(({ id, w }) => {
      packed.set(w.bytes, offset);
      const item = { id, file: w.file, tmp: w.tmp, compress: w.compress, offset, length: w.bytes.length };
      offset += w.bytes.length;
      return item;
    });
    const message: BlobBatch = { items, bytes: packed.buffer };
    this.worker.postMessage(message, [packed.buffer]);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failed = true; // writes after close happen on the calling thread
    if (worker) await worker.terminate().catch(() => undefined);
    this.takeBack();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = new Worker(this.thread);
      worker.unref();
      worker.on('message', (m: BlobBatchReply) => {
        for (const id of m.done) this.settle(id)?.resolve();
        for (const { id, error } of m.failed) {
          const p = this.settle(id);
          p?.reject(new Error(`快照写入失败 / blob write failed: ${p.write.file}: ${error}`));
        }
      });
      const fail = () => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.failed = true;
        this.takeBack();
      };
      worker.on('error', (err) => {
        process.emitWarning(`快照写入线程出错，改由主线程写入 / blob writer thread failed: ${err.message}`);
        fail();
      });
      worker.on('exit', fail);
      this.worker = worker;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  /** Writes still owed by a writer thread that is gone are done here. */
  private takeBack(): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      try {
        writeBlobFile(p.write);
        p.resolve();
      } catch (err) {
        p.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}
