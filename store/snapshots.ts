import { createHash } from 'node:crypto';
import { mkdirSync, existsSync, readFileSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BlobWriter } from './blob-writer.ts';
import { writeBlobFile } from './blob-file.mjs';

/**
 * Content-addressed blobs on disk (page bodies gzip-compressed, screenshots as PNG), so twelve monthly runs
 * of an unchanged site store each body once and the database only holds hashes.
 */
export class BlobStore {
  /** Hashes known to be on disk (written or seen by this process); prune forgets the ones it deletes. */
  private readonly known = new Set<string>();
  private readonly writing = new Map<string, Promise<string>>();
  private readonly writer = new BlobWriter();
  private tmpSeq = 0;

  constructor(
    readonly dir: string,
    private readonly ext: string,
    private readonly compress: boolean,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  static hash(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`invalid blob id: ${hash}`);
    return join(this.dir, hash.slice(0, 2), `${hash}${this.ext}`);
  }

  put(bytes: Buffer): string {
    const hash = BlobStore.hash(bytes);
    const file = this.pathOf(hash);
    writeBlobFile({ file, tmp: `${file}.${process.pid}.${this.tmpSeq++}.tmp`, bytes, compress: this.compress });
    this.known.add(hash);
    return hash;
  }

  /**
   * Same as put, with the compression on libuv's thread pool and the file writes asynchronous: a crawl writes
   * thousands of blobs and writing them synchronously on the main thread kept it busy for seconds. Resolves once
   * the blob is on disk.
   */
  async putAsync(bytes: Buffer): Promise<string> {
    const hash = BlobStore.hash(bytes);
    if (this.known.has(hash)) return hash;
    const pending = this.writing.get(hash);
    if (pending) return pending;
    const file = this.pathOf(hash);
    const write = this.writer
      .write({ file, tmp: `${file}.${process.pid}.${this.tmpSeq++}.tmp`, bytes, compress: this.compress })
      .then(() => {
        this.known.add(hash);
        return hash;
      })
      .finally(() => this.writing.delete(hash));
    this.writing.set(hash, write);
    return write;
  }

  /** Waits for the writes still in flight. */
  close(): Promise<void> {
    return this.writer.close();
  }

  has(hash: string): boolean {
    if (this.known.has(hash)) return true;
    const there = existsSync(this.pathOf(hash));
    if (there) this.known.add(hash);
    return there;
  }

  get(hash: string): Buffer | null {
    const file = this.pathOf(hash);
    if (!existsSync(file)) return null;
    const raw = readFileSync(file);
    if (!this.compress) return raw;
    try {
      return gunzipSync(raw);
    } catch {
      // unreadable (damaged on disk): as good as missing, and the next put writes it again
      this.known.delete(hash);
      unlinkSync(file);
      return null;
    }
  }

  /** Deletes blobs older than maxAgeDays that `keep` does not name (retention setting). */
  prune(maxAgeDays: number, keep: Set<string>, now = Date.now()): number {
    let removed = 0;
    if (!existsSync(this.dir)) return 0;
    for (const sub of readdirSync(this.dir)) {
      const subdir = join(this.dir, sub);
      if (!statSync(subdir).isDirectory()) continue;
      for (const name of readdirSync(subdir)) {
        const hash = name.slice(0, 64);
        const file = join(subdir, name);
        if (keep.has(hash)) continue;
        if (now - statSync(file).mtimeMs > maxAgeDays * 86_400_000) {
          unlinkSync(file);
          this.known.delete(hash);
          removed++;
        }
      }
    }
    return removed;
  }
}
