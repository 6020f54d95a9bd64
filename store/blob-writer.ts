import { Worker } from 'node:worker_threads';
import { mkdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BlobWrite { file: string; tmp: string; bytes: Buffer; compress: boolean }

/** Writes a blob on the calling thread (the fallback when the writer thread is not available). */
export function writeBlobHere(w: BlobWrite): void {
  if (existsSync(w.file)) return;
  mkdirSync(dirname(w.file), { recursive: true });
  writeFileSync(w.tmp, w.compress ? gzipSync(w.bytes, { level: 6 }) : w.bytes);
  renameSync(w.tmp, w.file);
}

interface Pending { resolve: () => void; reject: (e: Error) => void; write: BlobWrite }

/**
 * One worker thread that gzips and writes blobs. A crawl stores thousands of page bodies; compressing and writing
 * them on the main thread took about a tenth of its time there, delaying the responses waiting to be read.
 * A writer thread that cannot start or dies hands its writes back to the calling thread: slower, never lost.
 */
export class BlobWriter {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** `thread`: the worker script (tests pass one that fails). */
  constructor(private readonly thread: URL = new URL('./blob-writer-thread.mjs', import.meta.url)) {}

  write(w: BlobWrite): Promise<void> {
    const worker = this.ensureWorker();
    if (!worker) return new Promise((resolve) => resolve(writeBlobHere(w)));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject, write: w });
      worker.postMessage({ id, ...w });
    });
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
      worker.on('message', (m: { id: number; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error) p.reject(new Error(`快照写入失败 / blob write failed: ${p.write.file}: ${m.error}`));
        else p.resolve();
      });
      const fail = () => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.failed = true;
        this.takeBack();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.worker = worker;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  /** Writes still owed by a writer thread that is gone are done here. */
  private takeBack(): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      try {
        writeBlobHere(p.write);
        p.resolve();
      } catch (err) {
        p.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}
