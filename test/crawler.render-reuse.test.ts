// A re-run reuses a browser rendering only while the page, and every script file it ran, are unchanged, and only
// when the rendering asked for no data (XHR, fetch): a list fed by an API is rendered again every run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountyConfig } from '../config/index.ts';
import { oneUnitCounty } from './helpers/county-config.ts';
import { runInspection } from '../crawler/index.ts';
import { loadUnitObservations, openStore, type Store } from '../store/index.ts';

const hasChromium = existsSync('/usr/bin/chromium');
const state = { suffix: '' };
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const builder = (source: string) => `<ul class="list" id="rows"></ul><script src="/js/common.js"></script>
<script>${source}.then(function (rows) { rows.forEach(function (r) { var li = document.createElement('li');
li.innerHTML = '<a href="' + r.u + '">' + decorate(r.t) + '</a><span>' + r.d + '</span>'; document.getElementById('rows').appendChild(li); }); });</script>`;
const ROWS = [
  { t: '关于开展安全生产检查的通知', u: '/u/a/1.html', d: '2023-12-01' },
  { t: '第四季度工作安排', u: '/u/a/2.html', d: '2023-11-20' },
];

let server: Server;
let dir: string;
let store: Store;
let config: CountyConfig;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (url === '/u/')
      return void res.end(page('试点乡', '<div class="nav"><a href="/u/gzdt/">工作动态</a><a href="/u/zcwj/">政策文件</a></div>'));
    if (url === '/js/common.js') {
      res.setHeader('content-type', 'application/javascript');
      return void res.end(`function decorate(t) { return t + ${JSON.stringify(state.suffix)}; }`);
    }
    if (url === '/api/rows.json') {
      res.setHeader('content-type', 'application/json');
      return void res.end(JSON.stringify(ROWS));
    }
    // rows from the page itself, and rows from an API
    if (url === '/u/gzdt/') return void res.end(page('工作动态', builder(`Promise.resolve(${JSON.stringify(ROWS)})`)));
    if (url === '/u/zcwj/')
      return void res.end(page('政策文件', builder(`fetch('/api/rows.json').then(function (r) { return r.json(); })`)));
    res.end(page('信息', '<div class="TRS_Editor"><p>正文内容，此件公开发布。</p></div>'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = oneUnitCounty(origin);
  dir = mkdtempSync(join(tmpdir(), 'zwgk-render-reuse-'));
  store = openStore({ dbPath: join(dir, 'z.db') });
});

afterAll(async () => {
  store?.close();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const run = () => runInspection({ store, config, configPath: 'test.yaml', asOf: '2023-12-15' });
const titles = (runId: number, key: string) =>
  loadUnitObservations(store, runId, ['shidian'])[0]
    .columns.find((c) => c.columnKey === key)!
    .items.map((i) => i.title);

describe.runIf(hasChromium)('re-using browser renderings', () => {
  it('renders both script-built lists on the first run', async () => {
    const r = await run();
    expect(r.status).toBe('complete');
    expect(r.stats.rendersReused).toBe(0);
    expect(titles(r.run.id, 'deptInfo')).toEqual(ROWS.map((x) => x.t));
    expect(titles(r.run.id, 'policies')).toEqual(ROWS.map((x) => x.t));
  }, 120_000);

  it('reuses the rendering of the unchanged self-contained page, and renders the API-fed one again', async () => {
    const r = await run();
    expect(r.stats.rendersReused).toBe(1);
    expect(titles(r.run.id, 'deptInfo')).toEqual(ROWS.map((x) => x.t));
    expect(titles(r.run.id, 'policies')).toEqual(ROWS.map((x) => x.t));
  }, 120_000);

  it('renders again when a script the page runs has changed', async () => {
    state.suffix = '（更新）';
    const r = await run();
    expect(r.stats.rendersReused).toBe(0);
    expect(titles(r.run.id, 'deptInfo')).toEqual(ROWS.map((x) => `${x.t}（更新）`));
    // and the new rendering is the one kept for the next run
    const again = await run();
    expect(again.stats.rendersReused).toBe(1);
    expect(titles(again.run.id, 'deptInfo')).toEqual(ROWS.map((x) => `${x.t}（更新）`));
  }, 120_000);
});
