// Page bodies are compressed and written on a writer thread; whatever happens to that thread, no blob is lost.
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../store/index.ts';
import { BlobWriter } from '../store/blob-writer.ts';
import { threadNiceValues } from './helpers/thread-nice.ts';

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

describe('blob writes off the main thread', () => {
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
    // the writer thread yields the core to the main thread (Linux)
    const nice = threadNiceValues();
    if (nice) expect([...nice.values()]).toContain(10);
    await store.close();
  });

  it('fails only the write that cannot be made when writes go to the thread together', async () => {
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

  for (const [what, source] of [
    ['cannot start', 'throw new Error("boom")'],
    ['dies with writes in flight', 'import { parentPort } from "node:worker_threads"; parentPort.on("message", () => process.exit(3));'],
  ]) {
    it(`does the writes itself when the writer thread ${what}`, async () => {
      const dir = tempDir();
      const writer = new BlobWriter(new URL(`data:text/javascript,${encodeURIComponent(source)}`));
      const writes = bodies
        .slice(0, 5)
        .map((b, i) => ({ file: join(dir, `b${i}.gz`), tmp: join(dir, `b${i}.tmp`), bytes: b, compress: false }));
      await Promise.all(writes.map((w) => writer.write(w)));
      expect(readdirSync(dir).sort()).toEqual(writes.map((_, i) => `b${i}.gz`).sort());
      await writer.close();
    });
  }
});
