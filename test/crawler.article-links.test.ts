// Every page the crawl reads is part of the site's availability (issue 14, class 4): the links inside the articles
// opened for content safety in columns whose details no other check reads (工作动态, a nav:通知公告 column) are
// checked too, once per run however many pages carry them, not again on a re-run while recently verified, never off
// the configured hosts, and at most crawl.contentArticles.maxLinkChecksPerUnit of them per unit.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../config/index.ts';
import { runInspection } from '../crawler/index.ts';
import { loadUnitObservations, openStore } from '../store/index.ts';
import { runChecks } from '../checks/index.ts';
import { makeCtx } from './fixtures/checks/build.ts';

const AS_OF = '2023-12-15';
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const list = (rows: [string, string, string][]) =>
  `<ul class="list">${rows.map(([href, t, d]) => `<li><a href="${href}">${t}</a><span>${d}</span></li>`).join('')}</ul>`;
const article = (title: string, body: string) =>
  page(
    title,
    `<div class="article"><h1>${title}</h1><div class="info">发布时间：2023-12-10</div><div class="TRS_Editor">${body}</div></div>`,
  );

const NAV = `<table class="gl_left">
<tr><td><a href="/u/xxgkzn/">信息公开指南</a></td></tr>
<tr><td><a href="/u/gzdt/">工作动态</a></td></tr>
<tr><td><a href="/u/tzgg/">通知公告</a></td></tr>
</table>`;

let server: Server;
let offHost: Server;
let origin: string;
let offOrigin: string;
const requested: string[] = [];
const offRequested: string[] = [];
const dirs: string[] = [];

function pages(): Record<string, string> {
  return {
    '/u/': page('示范镇信息公开', NAV),
    '/u/xxgkzn/': page('指南', '<div class="TRS_Editor"><p>本机关政府信息公开指南，办公时间：周一至周五。</p></div>'),
    '/u/gzdt/': page('工作动态', list([['/u/gzdt/202312/t1.html', '示范镇召开冬季安全生产工作会议', '2023-12-10']])),
    '/u/tzgg/': page('通知公告', list([['/u/tzgg/202312/t2.html', '关于开展冬季森林防火宣传的通知', '2023-12-11']])),
    '/u/gzdt/202312/t1.html': article(
      '示范镇召开冬季安全生产工作会议',
      `<p>会议部署了冬季安全生产工作，具体见<a href="/u/files/dead.html">活动方案</a>和<a href="/u/files/shared.html">工作台账</a>。` +
        `转载自<a href="${offOrigin}/news/1.html">市政府网</a>。</p>`,
    ),
    '/u/tzgg/202312/t2.html': article(
      '关于开展冬季森林防火宣传的通知',
      '<p>请各村按<a href="/u/files/shared.html">工作台账</a>开展宣传，并按<a href="/u/files/form.html">报名表</a>报送。</p>',
    ),
    '/u/files/shared.html': page('工作台账', '<p>台账</p>'),
    '/u/files/form.html': page('报名表', '<p>报名表</p>'),
  };
}

beforeAll(async () => {
  offHost = createServer((req, res) => {
    offRequested.push(`${req.method} ${req.url}`);
    res.end('ok');
  });
  await new Promise<void>((r) => offHost.listen(0, '127.0.0.2', r));
  offOrigin = `http://127.0.0.2:${(offHost.address() as AddressInfo).port}`;
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    requested.push(`${req.method} ${url}`);
    const body = pages()[url];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : (body ?? page('404', '页面不存在')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => offHost.close(r))]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function county(maxLinkChecksPerUnit = 200) {
  return parseCountyConfig(
    `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, maxNavColumns: 5, attachments: { enabled: false }, contentArticles: { maxLinkChecksPerUnit: ${maxLinkChecksPerUnit} }, browser: { screenshots: false } }
units:
  - id: sfz
    name: 示范镇人民政府
    class: A
    home: ${origin}/u/
`,
    'test.yaml',
  );
}

/** `runs` inspections one after the other in one store; the unit's observations and the run's stats of each. */
async function inspect(runs: number, maxLinkChecksPerUnit?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-article-links-'));
  dirs.push(dir);
  const config = county(maxLinkChecksPerUnit);
  const store = openStore({ dbPath: join(dir, 'z.db') });
  const out = [];
  try {
    for (let i = 0; i < runs; i++) {
      requested.length = 0;
      offRequested.length = 0;
      const r = await runInspection({ store, config, configPath: 'test.yaml', asOf: AS_OF });
      out.push({
        obs: loadUnitObservations(store, r.run.id, ['sfz'])[0],
        stats: r.stats,
        requested: [...requested],
        off: [...offRequested],
      });
    }
  } finally {
    store.close();
  }
  return { config, runs: out };
}

describe('links inside the content articles of every column', () => {
  it('a broken link in an article of a column no other check opens is found, with its page and link text', async () => {
    const { config, runs } = await inspect(1);
    const [{ obs }] = runs;
    const articleUrl = `${origin}/u/gzdt/202312/t1.html`;
    const dead = obs.links.find((l) => l.target === `${origin}/u/files/dead.html`);
    expect(dead).toMatchObject({ pageUrl: articleUrl, text: '活动方案', inScope: true, outcome: 'broken', status: 404 });
    const findings = runChecks(makeCtx(config, AS_OF), [obs]).filter((f) => f.checkId === 'link.broken');
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ subject: articleUrl, column: 'deptInfo', confidence: 'high', occurrences: 1 });
    expect(f.evidence[0].url).toBe(articleUrl);
    expect(f.evidence[0].excerpt).toContain(`“活动方案” → ${origin}/u/files/dead.html`);
    expect(f.detail).toContain(`栏目“工作动态”的页面 ${articleUrl}`);
  }, 60_000);

  it('a link on two pages is asked once; an off-host link is recorded unchecked and never fetched', async () => {
    const { runs } = await inspect(1);
    const [{ obs, requested: asked, off }] = runs;
    expect(asked.filter((r) => r.endsWith('/u/files/shared.html'))).toEqual(['HEAD /u/files/shared.html']);
    expect(asked.filter((r) => r.endsWith('/u/files/form.html'))).toEqual(['HEAD /u/files/form.html']);
    expect(obs.links.filter((l) => l.target === `${origin}/u/files/shared.html`)).toHaveLength(1);
    expect(obs.links.find((l) => l.target === `${origin}/u/files/form.html`)).toMatchObject({
      pageUrl: `${origin}/u/tzgg/202312/t2.html`,
      outcome: 'ok',
    });
    expect(off).toEqual([]);
    expect(obs.links.find((l) => l.target.startsWith(offOrigin))).toMatchObject({ inScope: false, outcome: 'skipped', checkedAt: null });
  }, 60_000);

  it('a re-run does not ask a recently verified link again; a broken one is asked again', async () => {
    const { runs } = await inspect(2);
    const [, again] = runs;
    expect(again.requested.filter((r) => r.includes('/u/files/shared.html') || r.includes('/u/files/form.html'))).toEqual([]);
    expect(again.requested).toContain('HEAD /u/files/dead.html');
    expect(again.obs.links.find((l) => l.target === `${origin}/u/files/shared.html`)).toMatchObject({ outcome: 'ok' });
    expect(again.obs.links.find((l) => l.target === `${origin}/u/files/dead.html`)).toMatchObject({ outcome: 'broken' });
    expect(again.stats.links.reusedFromEarlierRuns).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('asks at most maxLinkChecksPerUnit of the links only the articles carry; the rest are recorded unchecked', async () => {
    const { runs } = await inspect(1, 1);
    const [{ obs, stats, requested: asked }] = runs;
    const files = obs.links.filter((l) => l.target.includes('/u/files/'));
    expect(files.map((l) => l.outcome).sort()).toEqual(['broken', 'skipped', 'skipped']);
    expect(files.find((l) => l.outcome === 'skipped')).toMatchObject({ inScope: true, checkedAt: null });
    expect(asked.filter((r) => r.includes('/u/files/'))).toHaveLength(1);
    expect(stats.links.overCap).toBe(2);
  }, 60_000);
});
