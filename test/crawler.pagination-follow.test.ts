// The crawler follows the pages pagination recognition finds, on a list whose pager is the TRS WCM countPage script
// as the server sends it (no pager links; ../shared/real-pages hb-handan-xxgk-list's template), and never more than
// crawl.maxListPages of them.
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../config/index.ts';
import { inspectFirstUnit } from './helpers/one-unit-run.ts';

const PAGES = 5;
const dates = ['2023-12-14', '2023-11-20', '2023-10-09', '2023-08-30', '2023-06-01'];
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const pager = (current: number) => `<div class="page"><script language="javascript">
var currentPage=${current};
var nextPage=currentPage+1
var countPage=${PAGES}
var endPage=countPage-1
document.write("<a href=\\"index.html\\" target=\\"_self\\" >首页</a>&nbsp;&nbsp;");
if(countPage>1&&currentPage!=(countPage-1))
  document.write("<a href=\\"index"+"_"+nextPage+"."+"html\\" target=\\"_self\\">下一页</a>&nbsp;&nbsp;");
document.write("<a  href=\\"index_"+endPage+".html\\" target=\\"_self\\">尾页</a>");
</script></div>`;
const listPage = (i: number) =>
  page(
    '工作动态',
    `<table><tr><th>名称</th><th>发布日期</th></tr>
<tr><td><a href="/u/gzdt/t${i}.html">第${i + 1}页的工作动态条目，关于开展专项检查的通知</a></td><td>${dates[i]}</td></tr></table>${pager(i)}`,
  );

let server: Server;
let origin: string;
const requested: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    requested.push(url);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (url === '/u/') return void res.end(page('试点乡', '<div class="nav"><a href="/u/gzdt/index.html">工作动态</a></div>'));
    const m = /^\/u\/gzdt\/index(?:_(\d+))?\.html$/.exec(url);
    if (m) return void res.end(listPage(m[1] ? Number(m[1]) : 0));
    res.end(page('信息', '<div class="TRS_Editor"><p>正文内容，此件公开发布。</p></div>'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function crawl(maxListPages: number) {
  requested.length = 0;
  const config = parseCountyConfig(
    `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, maxListPages: ${maxListPages}, browser: { screenshots: false } }
units:
  - id: shidian
    name: 试点乡政府
    class: A
    home: ${origin}/u/
`,
    'test.yaml',
  );
  const col = (await inspectFirstUnit(config, '2023-12-15', dirs)).columns.find((c) => c.columnKey === 'deptInfo')!;
  return { col, lists: requested.filter((u) => u.startsWith('/u/gzdt/index')) };
}

describe('following a script-built pager', () => {
  it('reads every page the script announces while the rows stay in the window', async () => {
    const { col, lists } = await crawl(10);
    expect(col.totalPagesSeen).toBe(PAGES);
    expect(col.pagesRead).toBe(PAGES);
    expect(col.items.map((i) => i.date)).toEqual(dates);
    expect(new Set(lists)).toEqual(
      new Set(['/u/gzdt/index.html', '/u/gzdt/index_1.html', '/u/gzdt/index_2.html', '/u/gzdt/index_3.html', '/u/gzdt/index_4.html']),
    );
  }, 60_000);

  it('stops at crawl.maxListPages', async () => {
    const { col, lists } = await crawl(3);
    expect(col.pagesRead).toBe(3);
    expect(col.items).toHaveLength(3);
    expect(lists).not.toContain('/u/gzdt/index_3.html');
    expect(lists).not.toContain('/u/gzdt/index_4.html');
  }, 60_000);
});
