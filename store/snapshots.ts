import { createHash } from 'node:crypto';
import { mkdirSync, existsSync, readFileSync, writeFileSync, renameSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';

/**
 * Content-addressed blobs on disk (page bodies gzip-compressed, screenshots as PNG), so twelve monthly runs
 * of an unchanged site store each body once and the database only holds hashes.
 */
export class BlobStore {
  constructor(readonly dir: string, private readonly ext: string, private readonly compress: boolean) {
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
    if (existsSync(file)) return hash;
    mkdirSync(join(this.dir, hash.slice(0, 2)), { recursive: true });
    // write-then-rename: a crash never leaves a truncated blob under its final name
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, this.compress ? gzipSync(bytes, { level: 6 }) : bytes);
    renameSync(tmp, file);
    return hash;
  }

  has(hash: string): boolean {
    return existsSync(this.pathOf(hash));
  }

  get(hash: string): Buffer | null {
    const file = this.pathOf(hash);
    if (!existsSync(file)) return null;
    const raw = readFileSync(file);
    return this.compress ? gunzipSync(raw) : raw;
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
          removed++;
        }
      }
    }
    return removed;
  }
}
