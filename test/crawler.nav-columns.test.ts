// A unit's other navigation columns are observed as nav:<label> columns, with their kind and the word that decided
// it stored on the observation, and the column checks judge them: a grouped left nav modelled on 恩格贝's 信息公开
// nav (../shared/real-pages nm-ordos-engebei-xxgknb-list: 人事信息, 政府采购, 信息公开制度 beside 指南 and 年报).
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../config/index.ts';
import { inspectFirstUnit } from './helpers/one-unit-run.ts';
import { runChecks } from '../checks/index.ts';
import { makeCtx } from './fixtures/checks/build.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const rows = (dir: string, list: [string, string][]) =>
  `<ul class="list">${list.map(([t, d], i) => `<li><a href="/u/${dir}/202301/t20230101_${i}.html">${t}</a><span>${d}</span></li>`).join('')}</ul>`;

const NAV = `<div class="header"><a href="/">首页</a><a href="/zjxq/">走进县区</a><a href="/tzgg/">通知公告</a></div>
<table class="gl_left">
<tr><td><a href="/u/xxgkzn/">信息公开指南</a></td></tr>
<tr><td><a href="/u/xxgkzd/">信息公开制度</a></td></tr>
<tr><td><a href="/u/xxgknb/">信息公开年报</a></td></tr>
<tr><td><a href="/u/rsxx/">人事信息</a></td></tr>
<tr><td><a href="/u/ghjh/">规划计划</a></td></tr>
<tr><td><a href="/u/zfcg/">政府采购</a></td></tr>
<tr><td><a href="/u/gsgg/">公示公告</a></td></tr>
<tr><td><a href="/u/gzjb/">工作简报</a></td></tr>
</table>`;

const PAGES: Record<string, string> = {
  '/u/': page('示范区信息公开', NAV),
  '/u/xxgkzn/': page('指南', '<div class="TRS_Editor"><p>本机关政府信息公开指南，办公时间：周一至周五。</p></div>'),
  '/u/xxgknb/': page('年报', rows('xxgknb', [['示范区2022年政府信息公开工作年度报告', '2023-01-20']])),
  '/u/xxgkzd/': page(
    '信息公开制度',
    '<div class="TRS_Editor"><p>为规范政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。本制度自印发之日起施行。</p></div>',
  ),
  '/u/rsxx/': page('人事信息', rows('rsxx', [['示范区2021年公开招聘工作人员拟聘用人员公示', '2021-11-20']])),
  '/u/ghjh/': page('规划计划', '<div class="list"><p>暂无信息</p></div>'),
  '/u/zfcg/': page('政府采购', rows('zfcg', [['示范区办公设备采购项目成交公告', '2019-05-06']])),
  '/u/gzjb/': page(
    '工作简报',
    `${rows('gzjb', [['第12期工作简报：全区冬季安全生产大检查', '2023-12-08']])}<div class="page"><a href="/u/gzjb/index_1.html">下一页</a> 共2页</div>`,
  ),
  '/u/gsgg/': page(
    '公示公告',
    '<ul class="sub"><li><a href="/u/gsgg/rsgs/">人事公示</a></li><li><a href="/u/gsgg/xmgs/">项目公示</a></li></ul>',
  ),
};

let server: Server;
let origin: string;
const requested: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    requested.push(url);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(PAGES[url] ?? page('信息', '<div class="TRS_Editor"><p>正文内容，此件公开发布。</p></div>'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function inspect(maxNavColumns: number) {
  requested.length = 0;
  const config = parseCountyConfig(
    `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, checkLinks: false, maxNavColumns: ${maxNavColumns}, browser: { screenshots: false } }
units:
  - id: egb
    name: 示范区管委会
    class: A
    home: ${origin}/u/
`,
    'test.yaml',
  );
  return { config, obs: await inspectFirstUnit(config, '2023-12-15', dirs), asOf: '2023-12-15' };
}

describe('navigation columns in an inspection', () => {
  it('observes every other column of the unit nav with its kind, and not the county header menu', async () => {
    const { obs } = await inspect(30);
    const nav = obs.columns.filter((c) => c.columnKey.startsWith('nav:'));
    expect(nav.map((c) => [c.columnKey, c.status, c.nav?.kind ?? null, c.nav?.word ?? null]).sort()).toEqual(
      [
        ['nav:信息公开制度', 'ok', '静态', '制度'],
        ['nav:人事信息', 'ok', '人事规划', '人事'],
        ['nav:规划计划', 'blank', '人事规划', '规划计划'],
        ['nav:政府采购', 'ok', null, null],
        ['nav:公示公告', 'blank', '通知公告', '公示公告'],
        ['nav:工作简报', 'ok', '动态', '简报'],
      ].sort(),
    );
    // judged by its first page: the next page is not read
    expect(nav.find((c) => c.columnKey === 'nav:工作简报')!.pagesRead).toBe(1);
    expect(requested).not.toContain('/u/gzjb/index_1.html');
    expect(nav.find((c) => c.columnKey === 'nav:公示公告')!.nav!.subColumns).toBe(2);
    expect(nav.find((c) => c.columnKey === 'nav:规划计划')!.placeholder).toBe('暂无信息');
    expect(requested).not.toContain('/zjxq/');
    // the 制度 page is kept as the column's text
    expect(obs.details.some((d) => d.columnKey === 'nav:信息公开制度' && d.text.includes('制定本制度'))).toBe(true);
  }, 60_000);

  it('the column checks judge them by kind: a late 人事 column, a blank 规划计划; no kind, no deduction', async () => {
    const { config, obs, asOf } = await inspect(30);
    const findings = runChecks(makeCtx(config, asOf), [obs]);
    const nav = findings.filter((f) => f.column?.startsWith('nav:'));
    expect(nav.map((f) => [f.checkId, f.column, f.confidence]).sort()).toEqual([
      ['column.blank', 'nav:规划计划', 'high'],
      ['column.stale', 'nav:人事信息', 'high'],
    ]);
    expect(nav.find((f) => f.checkId === 'column.stale')!.detail).toContain('按名称中的"人事"归为人事规划类');
  }, 60_000);

  it('reads at most crawl.maxNavColumns of them', async () => {
    const { obs } = await inspect(2);
    expect(
      obs.columns
        .filter((c) => c.columnKey.startsWith('nav:'))
        .map((c) => c.columnKey)
        .sort(),
    ).toEqual(['nav:人事信息', 'nav:信息公开制度'].sort());
    expect(requested).not.toContain('/u/zfcg/');
  }, 60_000);
});
