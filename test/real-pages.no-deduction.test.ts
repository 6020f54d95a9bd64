// Real pages that meet a rule in their own words or layout get no deduction. Each scenario serves pages of
// ../shared/real-pages (read from there at test time, never copied; skipped with a message when absent) or
// real-modelled fixtures (test/fixtures/real-modelled, each naming the real page it is modelled on) as one unit's
// portal on a loopback server, runs the unit through crawler → store → checks with the as-of date pinned to the
// page's own dates, and asserts the check is silent. A twin (the same unit judged later, or the page with the
// content removed) gets the deduction, so each assertion can fail.
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../config/index.ts';
import { inspectFirstUnit } from './helpers/one-unit-run.ts';
import { runChecks } from '../checks/index.ts';
import type { Finding } from '../model/index.ts';
import type { UnitObservations } from '../store/index.ts';
import { makeCtx } from './fixtures/checks/build.ts';
import { sharedPath } from './helpers/shared-material.ts';

const pagesDir = sharedPath('real-pages/pages');
const real = (name: string) => readFileSync(join(pagesDir!, name), 'utf8');
const fixture = (name: string) => readFileSync(new URL(`./fixtures/real-modelled/pages/${name}`, import.meta.url), 'utf8');

let server: Server;
let origin = '';
let routes: Record<string, string | null> = {}; // null: 404 even with a fallback
let fallback: string | undefined; // served for any path not in routes; 404 when unset
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[req.url ?? '/'];
    const body = route === null ? undefined : (route ?? fallback);
    res.statusCode = body === undefined ? 404 : 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(body ?? '<html><head><meta charset="utf-8"><title>404</title></head><body>页面不存在</body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A unit's 信息公开 page: a left nav with its 指南 (which discovery knows) and the columns under test. */
const home = (nav: [string, string][]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>信息公开</title></head><body><div class="left-nav"><ul><li><a href="/u/zfxxgkzn/">政府信息公开指南</a></li>${nav
    .map(([label, path]) => `<li><a href="${path}">${label}</a></li>`)
    .join('')}</ul></div></body></html>`;

interface Inspected {
  obs: UnitObservations;
  /** The findings of the unit judged on `asOf` (the crawl is the same; only the checks' date moves). */
  findingsOn: (asOf: string) => Finding[];
}

/**
 * Runs one unit whose portal is `pages` (path → html; `/u/` is its home) for assessment year `year`; with
 * `opts.checkLinks` the links of the pages read are checked, and every other path answers `opts.fallback`.
 */
async function inspect(
  pages: Record<string, string | null>,
  year: number,
  asOf: string,
  opts: { checkLinks?: boolean; fallback?: string } = {},
): Promise<Inspected> {
  routes = pages;
  fallback = opts.fallback;
  const config = parseCountyConfig(
    `
county: 试点县
year: ${year}
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, checkLinks: ${opts.checkLinks ?? false}, attachments: { enabled: false }, browser: { screenshots: false } }
units:
  - id: shidian
    name: 试点乡政府
    class: A
    home: ${origin}/u/
`,
    'test.yaml',
  );
  const obs = await inspectFirstUnit(config, asOf, dirs);
  return { obs, findingsOn: (at) => runChecks(makeCtx(config, at), [obs]) };
}

/** The deductions of one check, optionally on one column, as [checkId, column, confidence]. */
function deductions(findings: Finding[], checkId: string, column?: string): [string, string | null, string][] {
  return findings
    .filter((f) => f.checkId === checkId && f.kind === 'deduction' && (column === undefined || f.column === column))
    .map((f) => [f.checkId, f.column ?? null, f.confidence]);
}

const status = (obs: UnitObservations, key: string) => obs.columns.find((c) => c.columnKey === key)?.status;

// 邯郸 近期信息公开 (TRS WCM): 名称|索引号|发布机构|发布日期 table, createPageHTML-style countPage=56 pager script;
// its detail page has a metadata table whose 文号 row says 无. Links are absolute to hdzfxxgk.hd.gov.cn: that host
// is the unit's, so it is served here (only the host is replaced).
describe.skipIf(pagesDir === null)('邯郸 近期信息公开 as a unit’s 政策文件 column', () => {
  const handan = (html: string) => html.replaceAll('http://hdzfxxgk.hd.gov.cn', origin);
  const DETAIL = '/gszbm/auto23716/202008/t20200805_1353179.html';
  const portal = (detail: string) => ({
    '/u/': home([['政策文件', '/zfwj/jinqixxgk/']]),
    '/zfwj/jinqixxgk/': handan(real('hb-handan-xxgk-list.jsp')),
    [DETAIL]: handan(detail),
  });
  let unit: Inspected;
  beforeAll(async () => {
    unit = await inspect(portal(real('hb-handan-xxgk-details.jsp')), 2020, '2020-09-30');
  }, 60_000);

  it('reads the table row with its date and the 56-page pager: not stale, not blank', () => {
    const col = unit.obs.columns.find((c) => c.columnKey === 'policies')!;
    expect([col.status, col.items.map((i) => i.date), col.totalPagesSeen]).toEqual(['ok', ['2020-08-05'], 56]);
    const found = unit.findingsOn('2020-09-30');
    expect(deductions(found, 'column.stale', 'policies')).toEqual([]);
    expect(deductions(found, 'column.blank', 'policies')).toEqual([]);
    // 政策文件 is a six-month column: ten months on, the same list is late
    expect(deductions(unit.findingsOn('2021-06-30'), 'column.stale', 'policies')).toEqual([['column.stale', 'policies', 'high']]);
  });

  it('文号：无 in the metadata table is no document number: no attribute.missing, no interpretation.missing', async () => {
    const d = unit.obs.details.find((x) => x.columnKey === 'policies')!;
    expect([d.fields.文号, d.publishedAt]).toEqual(['无', '2020-08-02']);
    const found = unit.findingsOn('2020-09-30');
    expect(deductions(found, 'attribute.missing')).toEqual([]);
    expect(deductions(found, 'interpretation.missing')).toEqual([]);
    // twin: the same page with a 政府办 文号 and still no 公开属性 is a 公文 without its attribute, and without its 解读
    const numbered = real('hb-handan-xxgk-details.jsp').replace('<strong>文号</strong>：无', '<strong>文号</strong>：邯政办发〔2020〕35号');
    const twin = (await inspect(portal(numbered), 2020, '2020-09-30')).findingsOn('2020-09-30');
    expect(deductions(twin, 'attribute.missing')).toEqual([['attribute.missing', 'policies', 'high']]);
    expect(deductions(twin, 'interpretation.missing')).toEqual([['interpretation.missing', 'policies', 'high']]);
  }, 60_000);
});

// 恩格贝 信息公开年报 (TRS WCM, browser-serialised): the 年报 column is the page itself (its left nav links ./ as
// 信息公开年报), a mixed list of annual reports and news with a WCM pager.
describe.skipIf(pagesDir === null)('恩格贝 信息公开年报 as a unit’s 信息公开 page', () => {
  it('finds the 年报 column on the page itself and reads its ten rows: no column.missing, no column.blank', async () => {
    const page = real('nm-ordos-engebei-xxgknb-list.html');
    const unit = await inspect({ '/u/': page }, 2020, '2020-10-31');
    const col = unit.obs.columns.find((c) => c.columnKey === 'annualReport')!;
    expect([col.status, col.items.length, col.items[0].date]).toEqual(['ok', 10, '2020-09-03']);
    const found = unit.findingsOn('2020-10-31');
    expect(deductions(found, 'column.missing', 'annualReport')).toEqual([]);
    expect(deductions(found, 'column.blank', 'annualReport')).toEqual([]);
    // twin: no 年报 column on the page (nav item and breadcrumb renamed). The rows titled …政府信息公开工作年度报告
    // stay: each is an article (a title beside its date, a tYYYYMMDD_n address), not the column, so the gap is found.
    const none = page.replaceAll('信息公开年报', '信息公开资料');
    const twin = await inspect({ '/u/': none }, 2020, '2020-10-31');
    expect(deductions(twin.findingsOn('2020-10-31'), 'column.missing', 'annualReport')).toEqual([
      ['column.missing', 'annualReport', 'high'],
    ]);
  }, 60_000);

  it('as a 工作动态 column its newest news row counts: no deptinfo.stale within 30 days', async () => {
    const unit = await inspect(
      { '/u/': home([['工作动态', '/u/gzdt/']]), '/u/gzdt/': real('nm-ordos-engebei-xxgknb-list.html') },
      2020,
      '2020-09-30',
    );
    expect(status(unit.obs, 'deptInfo')).toBe('ok');
    expect(deductions(unit.findingsOn('2020-09-30'), 'deptinfo.stale')).toEqual([]);
    expect(deductions(unit.findingsOn('2020-11-30'), 'deptinfo.stale')).toEqual([['deptinfo.stale', 'deptInfo', 'high']]);
  }, 60_000);
});

// Navigation columns of no fixed key, judged by the kind their name gives them (config/columns.yaml columnKinds).
describe.skipIf(pagesDir === null)('list pagers and single pages of real layouts as navigation columns', () => {
  let unit: Inspected;
  beforeAll(async () => {
    unit = await inspect(
      {
        '/u/': home([
          ['政府文件', '/zfwj/jqxxgk/'],
          ['通知公告', '/xxgk/tzgg/list.jsp?lm=12'],
          ['统计公报', '/zwgk/stjgb/xlist.shtml'],
          ['人事信息', '/xxgk/rsxx/'],
        ]),
        '/zfwj/jqxxgk/': fixture('trs-wcm-script-pager-list.html'),
        '/xxgk/tzgg/list.jsp?lm=12': fixture('jsp-pager-pageno-list.html'),
        '/zwgk/stjgb/xlist.shtml': fixture('jyh-page-div-xlist.shtml'),
        '/xxgk/rsxx/': fixture('near-miss-single-page-pager.html'),
      },
      2024,
      '2024-12-31',
    );
  }, 60_000);

  it('reads each list in its own layout and kind', () => {
    const seen = (key: string) => {
      const c = unit.obs.columns.find((x) => x.columnKey === key)!;
      return [c.status, c.nav?.kind ?? null, c.items[0]?.date ?? null, c.totalPagesSeen];
    };
    expect(seen('policies')).toEqual(['ok', null, '2024-12-26', 23]);
    expect(seen('nav:通知公告')).toEqual(['ok', '通知公告', '2024-12-27', 29]);
    expect(seen('nav:统计公报')).toEqual(['ok', '人事规划', '2024-12-20', 10]);
    expect(seen('nav:人事信息')).toEqual(['ok', '人事规划', '2024-11-08', 1]);
  });

  it('gives no column.stale or column.blank on the day of the pages; later, each list is late by its kind', () => {
    const found = unit.findingsOn('2024-12-31');
    expect(deductions(found, 'column.stale')).toEqual([]);
    expect(deductions(found, 'column.blank')).toEqual([]);
    const stale = (asOf: string) =>
      deductions(unit.findingsOn(asOf), 'column.stale')
        .map(([, col]) => col)
        .sort();
    // six months for 通知公告 and 政策文件, a year for 人事 and 统计
    expect(stale('2025-07-31')).toEqual(['nav:通知公告', 'policies']);
    expect(stale('2025-12-31')).toEqual(['nav:人事信息', 'nav:统计公报', 'nav:通知公告', 'policies']);
  });
});

// A navigation column that links straight to an article (开普云 统计公报 pages of 宜春 and 万载): the article is the
// column's one item, dated by the date its metadata block shows, so the column can be late; a 关联稿件 row beside the
// article is neither an item nor its date. Before, such a column was one page that could never be stale.
describe.skipIf(pagesDir === null)('navigation columns that link straight to an article', () => {
  let unit: Inspected;
  // 发文日期 removed: the page keeps only <meta name="PubDate" content="2023-05-16 12:34:05">
  const metaOnly = real('jx-yichun-2022-tjgb.html').replace(/<dd class="addWidth scrq">[\s\S]*?<\/dd>/, '');
  beforeAll(async () => {
    unit = await inspect(
      {
        '/u/': home([
          ['统计数据', '/u/tjsj/'],
          ['统计公报', '/u/tjgb/'],
          ['统计信息', '/u/tjxx/'],
          ['机构简介', '/u/jgjj/'],
        ]),
        '/u/tjsj/': real('jx-yichun-2022-tjgb.html'),
        '/u/tjgb/': real('jx-wanzai-2022-tjgb.html'),
        '/u/tjxx/': metaOnly,
        '/u/jgjj/': real('jx-yichun-jiangxi-2022-tjgb.html'),
      },
      2024,
      '2024-03-31',
    );
  }, 60_000);

  const item = (key: string) => {
    const c = unit.obs.columns.find((x) => x.columnKey === key)!;
    return [c.status, c.nav?.kind ?? null, c.items.map((i) => [i.date, i.dateSource])];
  };

  it('observes each as one dated item: 发文日期, 生成日期 (not the 关联稿件 row of 2023-07-12), else the <meta> date', () => {
    expect(item('nav:统计数据')).toEqual(['ok', '人事规划', [['2023-04-18', 'detail']]]);
    expect(item('nav:统计公报')).toEqual(['ok', '人事规划', [['2023-05-11', 'detail']]]);
    expect(item('nav:统计信息')).toEqual(['ok', '人事规划', [['2023-05-16', 'meta']]]);
    expect(item('nav:机构简介')).toEqual(['ok', '静态', [['2023-03-31', 'detail']]]);
  });

  it('is late by its kind from the article’s date: high from the page’s metadata, low from <meta> only', () => {
    const stale = (asOf: string) => deductions(unit.findingsOn(asOf), 'column.stale').sort();
    expect(stale('2024-03-31')).toEqual([]);
    // a year after 2023-05-11 but not after the 关联稿件 row's 2023-07-12
    expect(stale('2024-06-15')).toEqual([
      ['column.stale', 'nav:统计信息', 'low'],
      ['column.stale', 'nav:统计公报', 'high'],
      ['column.stale', 'nav:统计数据', 'high'],
    ]);
    const low = unit.findingsOn('2024-06-15').find((f) => f.checkId === 'column.stale' && f.column === 'nav:统计信息')!;
    expect(low.confidenceReason).toContain('<meta> 标签');
    expect(low.detail).toContain('栏目直接链接到一篇文章');
    // a static column (机构简介) is never late, however old its page
    expect(stale('2026-12-31').map(([, col]) => col)).not.toContain('nav:机构简介');
  });
});

// 万载县2022年统计公报 (开普云 ucap, 江西集约化): its metadata block labels the attribute 公开方式：主动公开 in
// <dd><label><font>… rows. The real page has no 文号; the test adds a 文号 row in the same markup, so that the page is a
// 公文 attribute.missing must judge.
describe.skipIf(pagesDir === null)('万载 统计公报 metadata block with a 文号 row added', () => {
  const withNumber = (html: string) =>
    html.replace(
      /(<dd class="addWidth scrq">)/,
      '<dd class="addWidth wh"><label><font>文　　号：</font></label><div class="display-block">万统字〔2023〕5号</div></dd>$1',
    );
  const portal = (detail: string) => ({
    '/u/': home([['政策文件', '/u/zcwj/']]),
    '/u/zcwj/': `<!doctype html><html><head><meta charset="utf-8"></head><body><ul class="list"><li><a href="/u/zcwj/202305/tjgb.shtml">万载县2022年国民经济和社会发展统计公报</a><span>2023-05-11</span></li></ul></body></html>`,
    '/u/zcwj/202305/tjgb.shtml': detail,
  });

  it('reads 公开方式：主动公开 as the attribute: no attribute.missing; without the row it is deducted', async () => {
    const page = withNumber(real('jx-wanzai-2022-tjgb.html'));
    const unit = await inspect(portal(page), 2023, '2023-12-31');
    const d = unit.obs.details.find((x) => x.columnKey === 'policies')!;
    expect([d.publishedAt, d.fields.公开方式]).toEqual(['2023-05-11', '主动公开']);
    expect(deductions(unit.findingsOn('2023-12-31'), 'attribute.missing')).toEqual([]);
    const removed = page.replace(/<dd class="addWidth gkfs">[\s\S]*?<\/dd>/, '');
    const twin = await inspect(portal(removed), 2023, '2023-12-31');
    expect(deductions(twin.findingsOn('2023-12-31'), 'attribute.missing')).toEqual([['attribute.missing', 'policies', 'high']]);
  }, 60_000);
});

// The same 邯郸 list with its links checked: the pager's script-written page links, 更多>> ./, '#' menu anchors and
// the links to other hosts (hd.gov.cn, gov.cn) are no broken links of the unit's site.
describe.skipIf(pagesDir === null)('邯郸 近期信息公开 with its links checked', () => {
  const ok =
    '<!doctype html><html><head><meta charset="utf-8"><title>信息</title></head><body><p>正文内容，此件公开发布。</p></body></html>';
  const portal = () => ({
    '/u/': home([['政策文件', '/zfwj/jinqixxgk/']]),
    '/zfwj/jinqixxgk/': real('hb-handan-xxgk-list.jsp').replaceAll('http://hdzfxxgk.hd.gov.cn', origin),
  });

  it('gives no link.broken while every page of the unit’s host answers; a missing 尾页 is deducted', async () => {
    const unit = await inspect(portal(), 2020, '2020-09-30', { checkLinks: true, fallback: ok });
    expect(unit.obs.links.filter((l) => l.outcome === 'ok').length).toBeGreaterThan(5);
    expect(deductions(unit.findingsOn('2020-09-30'), 'link.broken')).toEqual([]);
    const last = '/zfwj/jinqixxgk/index_55.html';
    const twin = await inspect({ ...portal(), [last]: null }, 2020, '2020-09-30', { checkLinks: true, fallback: ok });
    const broken = twin.findingsOn('2020-09-30').filter((f) => f.checkId === 'link.broken');
    expect(broken.map((f) => [f.kind, f.evidence[0].excerpt.includes(`${origin}${last}`)])).toEqual([['deduction', true]]);
  }, 60_000);
});

// A 财政预决算 hub of 预算公开 / 决算公开 sub-columns with no rows of its own (test/fixtures/real-modelled/budget,
// modelled on 城口县蓼子乡 and 丰都县 township hubs). Before the hub was read as one, it was a blank column with
// neither 预算 nor 决算: three wrong deductions at high confidence.
describe('财政预决算 hub of 预算公开 and 决算公开 sub-columns', () => {
  const budget = (name: string) => readFileSync(new URL(`./fixtures/real-modelled/budget/${name}`, import.meta.url), 'utf8');
  const portal = (finalAccounts: string) => ({
    '/u/': home([['财政预决算', '/u/fdzdgknr/ysjs/']]),
    '/u/fdzdgknr/ysjs/': budget('ysjs-hub.html'),
    '/u/fdzdgknr/ysjs/ysgk/': budget('ysgk-list.html'),
    '/u/fdzdgknr/ysjs/jsgk/': finalAccounts,
  });

  it('reads both sub-columns: no budget.missing, no column.blank; an empty 决算公开 is deducted', async () => {
    const unit = await inspect(portal(budget('jsgk-list.html')), 2024, '2024-12-31');
    expect(['budget', 'budget:预算', 'budget:决算'].map((k) => status(unit.obs, k))).toEqual(['blank', 'ok', 'ok']);
    const found = unit.findingsOn('2024-12-31');
    expect(deductions(found, 'budget.missing')).toEqual([]);
    expect(deductions(found, 'column.blank')).toEqual([]);
    const empty = budget('jsgk-list.html').replace(/<ul>[\s\S]*<\/ul>/, '<p>暂无信息</p>');
    const twin = (await inspect(portal(empty), 2024, '2024-12-31')).findingsOn('2024-12-31');
    expect(twin.filter((f) => f.checkId === 'budget.missing' && f.kind === 'deduction').map((f) => f.title)).toEqual(['未公开2023年决算']);
  }, 60_000);
});
