// A page that failed retriably (5xx) after all its retries in the previous run is retried only
// `crawl.retriesAfterRepeatFailure` times when it fails again: the last run already waited out its backoff.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspection } from '../crawler/index.ts';
import { listRunPages, openStore, type Store } from '../store/index.ts';
import { startServer, type TestServer } from './fixtures/fetch/test-server.ts';
import { oneUnitCounty } from './helpers/county-config.ts';

const hits = new Map<string, number>();
const state = { zcwjDown: true };
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

let server: TestServer;
let dir: string;
let store: Store;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const url = req.url ?? '/';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (url === '/u/')
      return void res.end(page('试点乡', '<div class="nav"><a href="/u/gzdt/">工作动态</a><a href="/u/zcwj/">政策文件</a></div>'));
    if (url === '/u/zcwj/' && state.zcwjDown) return void res.writeHead(503).end('维护中');
    res.end(page('工作动态', '<ul><li><a href="/u/a/1.html">关于开展安全生产检查的通知</a><span>2023-12-01</span></li></ul>'));
  });
  dir = mkdtempSync(join(tmpdir(), 'zwgk-repeat-failure-'));
  store = openStore({ dbPath: join(dir, 'z.db') });
});

afterAll(async () => {
  store?.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function inspect() {
  const config = oneUnitCounty(server.origin);
  config.crawl.retries = 2;
  hits.clear();
  const r = await runInspection({ store, config, configPath: 'test.yaml', asOf: '2023-12-15' });
  const zcwj = listRunPages(store, r.run.id).find((p) => p.url === `${server.origin}/u/zcwj/`);
  return { zcwj, requests: hits.get('/u/zcwj/') ?? 0 };
}

describe('retries for a failure that persists from the previous run', () => {
  it('the first run retries a 503 fully; the next run, seeing it failed before, retries it once', async () => {
    const first = await inspect();
    expect(first.zcwj).toMatchObject({ ok: false, status: 503, errorPermanent: false, attempts: 3 });
    expect(first.requests).toBe(3);

    const second = await inspect();
    expect(second.zcwj).toMatchObject({ ok: false, status: 503, errorPermanent: false, attempts: 2 });
    expect(second.requests).toBe(2);
  }, 30_000);

  it('once the page answers again it is fetched normally, and a later failure gets every retry again', async () => {
    state.zcwjDown = false;
    const recovered = await inspect();
    expect(recovered.zcwj).toMatchObject({ ok: true, attempts: 1 });

    state.zcwjDown = true;
    const again = await inspect();
    expect(again.zcwj).toMatchObject({ ok: false, status: 503, attempts: 3 });
  }, 30_000);
});
