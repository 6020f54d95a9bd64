import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

interface BlobWrite {
  file: string;
  tmp: string;
  bytes: Buffer;
  compress: boolean;
}

/**
 * Gzips and writes blobs without holding up the calling thread: the compression runs on libuv's thread pool and
 * the file writes are asynchronous. A crawl stores thousands of page bodies; compressing and writing them
 * synchronously on the main thread took about a tenth of its time there, delaying the responses waiting to be read.
 * This used to be a worker thread of its own; its V8 heap kept ~15 MB more at a cold crawl's peak (process-tree
 * RSS, README 内存与规模) for no gain in speed, since the work itself already ran off the JavaScript thread.
 */
export class BlobWriter {
  private readonly knownDirs = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();

  write(w: BlobWrite): Promise<void> {
    const p = this.writeFile(w);
    const tracked = p.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    return p;
  }

  /** Resolves once every write started before it has finished (or failed: its caller has the error). */
  async close(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async writeFile({ file, tmp, bytes, compress }: BlobWrite): Promise<void> {
    try {
      if (existsSync(file)) return;
      const dir = dirname(file);
      if (!this.knownDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.knownDirs.add(dir);
      }
      // write-then-rename: a crash never leaves a truncated blob under its final name
      await writeFile(tmp, compress ? await gzipAsync(bytes, { level: 6 }) : bytes);
      await rename(tmp, file);
    } catch (err) {
      throw new Error(`快照写入失败 / blob write failed: ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
