// Page bodies are compressed (libuv's thread pool) and written asynchronously; a failed write fails only itself, and
// close waits for the writes in flight.
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../store/index.ts';
import { BlobWriter } from '../store/blob-writer.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'zwgk-blobs-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const bodies = Array.from({ length: 40 }, (_, i) =>
  Buffer.from(`<html><body><p>第 ${i} 页：政务公开</p>${'内容'.repeat(i * 50)}</body></html>`),
);

describe('blob writes off the JavaScript thread', () => {
  it('stores every body once, readable, with no temporary files left', async () => {
    const store = new BlobStore(tempDir(), '.gz', true);
    const hashes = await Promise.all([...bodies, ...bodies].map((b) => store.putAsync(b)));
    expect(new Set(hashes).size).toBe(bodies.length);
    for (const [i, b] of bodies.entries()) expect(store.get(hashes[i])).toEqual(b);
    expect(hashes.slice(0, bodies.length)).toEqual(bodies.map((b) => BlobStore.hash(b)));
    const files = readdirSync(store.dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.gz') || f.endsWith('.tmp'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.length).toBe(bodies.length);
    await store.close();
  });

  it('fails only the write that cannot be made among writes made together', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-dir'), 'x');
    const writer = new BlobWriter();
    const good = bodies
      .slice(0, 3)
      .map((b, i) => ({ file: join(dir, 'ok', `b${i}.gz`), tmp: join(dir, 'ok', `b${i}.tmp`), bytes: b, compress: true }));
    const bad = { file: join(dir, 'not-a-dir', 'b.gz'), tmp: join(dir, 'not-a-dir', 'b.tmp'), bytes: bodies[3], compress: true };
    const outcomes = await Promise.allSettled([good[0], bad, good[1], good[2]].map((w) => writer.write(w)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toContain('not-a-dir');
    for (const [i, w] of good.entries()) expect(gunzipSync(readFileSync(w.file))).toEqual(bodies[i]);
    await writer.close();
  });

  it('close resolves only once every write in flight is on disk', async () => {
    const dir = tempDir();
    const writer = new BlobWriter();
    const writes = bodies
      .slice(0, 20)
      .map((b, i) => ({ file: join(dir, 'sub', `b${i}.gz`), tmp: join(dir, 'sub', `b${i}.tmp`), bytes: b, compress: true }));
    for (const w of writes) void writer.write(w);
    await writer.close();
    expect(readdirSync(join(dir, 'sub')).sort()).toEqual(writes.map((_, i) => `b${i}.gz`).sort());
    for (const [i, w] of writes.entries()) expect(gunzipSync(readFileSync(w.file))).toEqual(bodies[i]);
  });
});
