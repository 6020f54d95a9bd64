import { describe, it, expect } from 'vitest';
import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openStore,
  startRun,
  finishRun,
  recordPage,
  putHttpCache,
  pruneBlobs,
  putPageAnalysis,
  prunePageAnalyses,
  retainedHashes,
  getPageAnalysis,
  claimMaintenance,
  type PageObservation,
} from '../store/index.ts';

function page(runId: number, url: string, hash: string): PageObservation {
  return {
    runId,
    unitId: 'u',
    role: 'detail',
    columnKey: null,
    url,
    finalUrl: url,
    ok: true,
    status: 200,
    errorClass: null,
    errorPermanent: null,
    errorMessage: null,
    contentType: 'text/html',
    encoding: 'utf-8',
    contentHash: hash,
    bytes: 1,
    notModified: false,
    rendered: false,
    screenshot: null,
    attempts: 1,
    fetchedAt: new Date().toISOString(),
  };
}

describe('snapshot retention', () => {
  it('stores identical bodies once and prunes only old blobs nothing recent refers to', () => {
    const store = openStore({ dbPath: join(mkdtempSync(join(tmpdir(), 'zwgk-ret-')), 'z.db') });
    const oldBody = store.snapshots.put(Buffer.from('<p>旧页面</p>'));
    const newBody = store.snapshots.put(Buffer.from('<p>新页面</p>'));
    const cached = store.snapshots.put(Buffer.from('<p>缓存页面</p>'));
    expect(store.snapshots.put(Buffer.from('<p>新页面</p>'))).toBe(newBody); // content-addressed

    const oldRun = startRun(store, { kind: 'inspection', county: 't', configPath: 'c', configHash: 'h', asOf: '2022-06-01' });
    recordPage(store, page(oldRun.id, 'http://x/old', oldBody));
    finishRun(store, oldRun.id, 'complete', {});
    store.db.prepare('UPDATE runs SET started_at = ? WHERE id = ?').run(new Date(Date.now() - 500 * 86_400_000).toISOString(), oldRun.id);
    const newRun = startRun(store, { kind: 'inspection', county: 't', configPath: 'c', configHash: 'h', asOf: '2023-12-15' });
    recordPage(store, page(newRun.id, 'http://x/new', newBody));
    finishRun(store, newRun.id, 'complete', {});
    putHttpCache(store, {
      url: 'http://x/cached',
      etag: '"1"',
      lastModified: null,
      contentHash: cached,
      contentType: 'text/html',
      status: 200,
      fetchedAt: '2022-01-01T00:00:00Z',
      validatedAt: '2022-01-01T00:00:00Z',
    });

    const longAgo = new Date(Date.now() - 450 * 86_400_000);
    for (const h of [oldBody, newBody, cached]) utimesSync(store.snapshots.pathOf(h), longAgo, longAgo);

    expect(pruneBlobs(store, 400)).toBe(1);
    expect(store.snapshots.get(oldBody)).toBeNull();
    expect(store.snapshots.get(newBody)?.toString()).toBe('<p>新页面</p>');
    expect(store.snapshots.get(cached)).not.toBeNull();

    // analyses of pruned content go with it, and so do those of another extractor version
    putPageAnalysis(store, 'http://x/old', oldBody, 'v1', { links: [] });
    putPageAnalysis(store, 'http://x/new', newBody, 'v1', { links: [] });
    putPageAnalysis(store, 'http://x/new', newBody, 'v0', { links: [] });
    expect(prunePageAnalyses(store, 'v1', retainedHashes(store, 400))).toBe(2);
    expect(getPageAnalysis(store, 'http://x/new', newBody, 'v1')).toEqual({ links: [] });
    store.close();
  });

  it('retention runs at most once a day', () => {
    const store = openStore({ dbPath: join(mkdtempSync(join(tmpdir(), 'zwgk-retention-')), 'z.db') });
    const t0 = Date.parse('2024-01-01T00:00:00Z');
    expect(claimMaintenance(store, 'prune', 86_400_000, t0)).toBe(true);
    expect(claimMaintenance(store, 'prune', 86_400_000, t0 + 3_600_000)).toBe(false);
    expect(claimMaintenance(store, 'prune', 86_400_000, t0 + 86_400_000)).toBe(true);
    store.close();
  });
});
