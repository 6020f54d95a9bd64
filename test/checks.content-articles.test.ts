// Issue 17: the content-safety checks read the articles every column published lately (here 工作动态, which no other
// check opens), their title and body, and the attachments linked from them; an article older than the reading
// window is not opened; a re-run does not ask for an article read recently. A real inspection of a loopback portal.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCounty, type InspectOutcome } from '../inspection/index.ts';
import type { Finding } from '../checks/index.ts';
import { articleCandidates, articleWindowStart } from '../crawler/article-texts.ts';
import { PLANTED_ATTACHMENTS } from '../sample/content/privacy.ts';
import { startServer } from './fixtures/fetch/test-server.ts';
import { oneUnitCounty } from './helpers/county-config.ts';
import { col, item } from './fixtures/checks/build.ts';

const ID = '11010519491231002X'; // the GB 11643 example number: valid region, date and check digit
const LIST_FILE = PLANTED_ATTACHMENTS.find((a) => a.file === 'jzmd-2023-11.xls')!;
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const NAV = '<div class="nav"><a href="/u/">首页</a><a href="/u/dt/">工作动态</a></div>';
const article = (title: string, date: string, body: string) =>
  page(
    title,
    `${NAV}<div class="article"><h1>${title}</h1><div class="info">发布日期：${date}</div><div class="content">${body}</div></div>`,
  );

const HTML: Record<string, string> = {
  '/u/': page('试点乡政府', `${NAV}<p>试点乡政府门户网站</p>`),
  '/u/dt/': page(
    '工作动态',
    `${NAV}<ul class="list">
      <li><a href="/u/dt/a1.html">全乡召开秋季防火工作会议</a><span>2023-11-10</span></li>
      <li><a href="/u/dt/a2.html">关于城乡低保救助情况的公示</a><span>2023-11-05</span></li>
      <li><a href="/u/dt/a3.html">乡政府开展夏季安全检查</a><span>2023-09-01</span></li>
    </ul>`,
  ),
  '/u/dt/a1.html': article(
    '全乡召开秋季防火工作会议',
    '2023-11-10',
    `<p>11月10日，全乡召开秋季防火工作会议，县长刘东升出席。会议对近期防火工作进行了布署，要求各村落实责任。</p>
     <table><tr><th>姓名</th><th>身份证号</th><th>职务</th></tr><tr><td>王小红</td><td>${ID}</td><td>护林员</td></tr></table>`,
  ),
  '/u/dt/a2.html': article(
    '关于城乡低保救助情况的公示',
    '2023-11-05',
    `<p>现将本月城乡低保救助情况公示如下，公示期为五个工作日。县长刘东升对救助工作作出批示。</p><p><a href="/u/dt/files/jzmd.xls">${LIST_FILE.title}</a></p>`,
  ),
  // older than the reading window: not opened, so its typo is not reported
  '/u/dt/a3.html': article('乡政府开展夏季安全检查', '2023-09-01', '<p>乡政府对夏季安全生产工作进行了布署。</p>'),
};

const hits = new Map<string, number>();
function portal() {
  return startServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const key = `${req.method} ${path}`; // the link check asks for list links too (HEAD first)
    hits.set(key, (hits.get(key) ?? 0) + 1);
    if (path === '/u/dt/files/jzmd.xls') {
      res.writeHead(200, { 'content-type': 'application/vnd.ms-excel' });
      res.end(readFileSync(new URL(`../sample/attachments/${LIST_FILE.file}`, import.meta.url)));
      return;
    }
    res.writeHead(HTML[path] ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(HTML[path] ?? page('404', '404'));
  });
}

let server: Awaited<ReturnType<typeof portal>>;
let dir: string;
let first: InspectOutcome;
let again: InspectOutcome;
let hitsAfterFirst: Map<string, number>;
const contentFindings = (o: InspectOutcome): Finding[] =>
  o.findings.filter((f) => f.checkId.startsWith('content.') || f.checkId === 'privacy.exposure');

beforeAll(async () => {
  server = await portal();
  dir = mkdtempSync(join(tmpdir(), 'zwgk-articles-'));
  // 刘东升 was 县长 until 2023-11-08: an article of 11-05 naming him so is right, one of 11-10 is not
  const config = oneUnitCounty(
    server.origin,
    [],
    [
      'leaders:',
      '  - { name: 刘东升, title: 县长, from: 2016-09-01, until: 2023-11-08 }',
      '  - { name: 刘东升, title: 县人大常委会主任, from: 2023-11-09 }',
    ],
  );
  const run = () =>
    inspectCounty({ config, configPath: 'test.yaml', asOf: '2023-11-15', dbPath: join(dir, 'z.db'), outDir: join(dir, 'out') });
  first = await run();
  hitsAfterFirst = new Map(hits);
  again = await run();
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('articles of a column no other check opens', () => {
  it('finds a typo in a 工作动态 article body, at that article', () => {
    expect(first.status).toBe('complete');
    const typos = contentFindings(first).filter((f) => f.checkId === 'content.typo' && f.subject.includes('布署→部署'));
    const inArticle = typos.filter((f) => f.evidence[0].url === `${server.origin}/u/dt/a1.html`);
    expect(inArticle).toHaveLength(1);
    expect(inArticle[0].column).toBe('deptInfo');
    expect(inArticle[0].evidence[0].place).toContain('页面“全乡召开秋季防火工作会议”');
    expect(inArticle[0].evidence[0].excerpt).toContain('【布署】');
  });

  it('finds an ID number in an article table, masked, at that article', () => {
    const leaks = contentFindings(first).filter((f) => f.checkId === 'privacy.exposure');
    const onPage = leaks.filter((f) => f.evidence[0].url === `${server.origin}/u/dt/a1.html`);
    expect(onPage).toHaveLength(1);
    expect(onPage[0].confidence).toBe('high');
    expect(JSON.stringify(onPage[0])).not.toContain(ID);
  });

  it('reads the attachment linked from an article', () => {
    const leaks = contentFindings(first).filter((f) => f.checkId === 'privacy.exposure');
    const inFile = leaks.filter((f) => f.evidence[0].url === `${server.origin}/u/dt/files/jzmd.xls`);
    expect(inFile).toHaveLength(1);
    expect(inFile[0].column).toBe('deptInfo');
    expect(JSON.stringify(inFile[0])).not.toContain(LIST_FILE.rows[0][3]);
    // the typo planted in the file's note is found there too
    const typos = contentFindings(first).filter((f) => f.checkId === 'content.typo');
    expect(typos.some((f) => f.evidence[0].url === `${server.origin}/u/dt/files/jzmd.xls`)).toBe(true);
  });

  it("judges a leader's title by the article's own date", () => {
    const titles = contentFindings(first).filter((f) => f.checkId === 'content.expression');
    expect(titles.map((f) => f.evidence[0].url)).toEqual([`${server.origin}/u/dt/a1.html`]);
    expect(titles[0].subject).toContain('县长刘东升');
  });

  it('does not open an article older than the reading window', () => {
    expect(hitsAfterFirst.get('GET /u/dt/a3.html') ?? 0).toBe(0);
    expect(hitsAfterFirst.get('GET /u/dt/a1.html')).toBe(1);
    expect(contentFindings(first).some((f) => f.evidence[0].url.endsWith('/a3.html'))).toBe(false);
  });

  it('does not ask again for an article read recently, and finds the same', () => {
    expect(hits.get('GET /u/dt/a1.html')).toBe(1);
    expect(hits.get('GET /u/dt/a2.html')).toBe(1);
    const keys = (o: InspectOutcome) =>
      contentFindings(o)
        .map((f) => `${f.checkId} ${f.evidence[0].url}`)
        .sort();
    expect(keys(again)).toEqual(keys(first));
  });
});

const column = (key: string, rows: [string, string | null][]) =>
  col(
    'u',
    key,
    rows.map(([url, date]) => item(url, date, { url: `http://x.gov.cn/${url}` })),
  );

describe('articleCandidates', () => {
  const opts = { since: '2023-10-16', until: '2023-11-15', read: new Set(['http://x.gov.cn/dt/read.html']), inScope: () => true };

  it('takes dated rows in the window, newest first, from any observed column, each once, no files', () => {
    const cols = [
      column('nav:通知公告', [
        ['tz/old.html', '2023-10-15'],
        ['tz/b.html', '2023-11-01'],
        ['tz/c.html', '2023-11-12'],
        ['tz/undated.html', null],
        ['tz/late.html', '2023-11-20'],
        ['tz/list.xls', '2023-11-02'],
      ]),
      column('deptInfo', [
        ['dt/read.html', '2023-11-03'],
        ['tz/b.html', '2023-11-01'],
        ['dt/a.html', '2023-10-16'],
      ]),
    ];
    const got = articleCandidates(cols, opts, { maxPerColumn: 20, maxPerUnit: 80 });
    expect(got.map((c) => `${c.columnKey} ${c.row.url.slice(16)}`)).toEqual([
      'nav:通知公告 tz/c.html',
      'deptInfo dt/a.html',
      'nav:通知公告 tz/b.html',
    ]);
  });

  it('caps per column and shares the unit cap out column by column', () => {
    const busy = column(
      'busy',
      Array.from({ length: 30 }, (_, i): [string, string] => [`b/${i}.html`, `2023-11-${String(1 + (i % 14)).padStart(2, '0')}`]),
    );
    const quiet = column('quiet', [
      ['q/1.html', '2023-11-02'],
      ['q/2.html', '2023-11-01'],
    ]);
    expect(articleCandidates([busy], opts, { maxPerColumn: 5, maxPerUnit: 80 })).toHaveLength(5);
    const shared = articleCandidates([busy, quiet], opts, { maxPerColumn: 20, maxPerUnit: 4 });
    expect(shared.map((c) => c.columnKey)).toEqual(['busy', 'quiet', 'busy', 'quiet']);
    expect(articleCandidates([busy], opts, { maxPerColumn: 0, maxPerUnit: 80 })).toEqual([]);
  });

  it('reads the last `days` days of the window, not before its start', () => {
    expect(articleWindowStart({ start: '2023-01-01', end: '2023-11-15' }, 31)).toBe('2023-10-16');
    expect(articleWindowStart({ start: '2023-11-01', end: '2023-11-15' }, 31)).toBe('2023-11-01');
  });
});
