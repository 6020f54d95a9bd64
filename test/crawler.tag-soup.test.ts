// Old portal templates are tag soup: no <body>, unclosed cells and anchors, stray end tags, content after </html>.
// The extractors must read such pages as a browser shows them, whatever the HTML parser builds.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { extractListRows, extractDetail, extractLinks } from '../crawler/index.ts';
import { differsFromBrowserTree } from '../crawler/html-parse.ts';

const url = 'http://www.example.gov.cn/zwgk/tzgg/index.html';
const asOf = '2023-12-15';
const TITLES = ['关于开展2023年度安全生产大检查的通知', '关于印发乡村振兴实施方案的通知', '关于做好冬季森林防火工作的通知'];
const DATES = ['2023-12-01', '2023-11-20', '2023-11-02'];
const URLS = ['/zwgk/tzgg/202312/t20231201_1.html', '/zwgk/tzgg/202311/t20231120_2.html', '/zwgk/tzgg/202311/t20231102_3.html'];
const abs = (p: string) => new URL(p, url).href;
const ARTICLE = '各乡镇人民政府，县直各单位：现将《实施方案》印发给你们，请结合实际认真贯彻执行。'.repeat(6);

function expectTheThreeRows(html: string): void {
  const r = extractListRows(html, url, { asOf });
  expect(r.rows.map((x) => [x.title, x.url, x.date])).toEqual(TITLES.map((t, i) => [t, abs(URLS[i]), DATES[i]]));
}

describe('list pages written as tag soup', () => {
  it('reads rows of a page without <html>, <head> or <body>', () => {
    expectTheThreeRows(
      `<meta charset="utf-8"><title>通知公告</title><div class="list"><ul>${TITLES.map((t, i) => `<li><a href="${URLS[i]}">${t}</a><span>${DATES[i]}</span></li>`).join('')}</ul></div>`,
    );
  });

  it('reads a table whose <td> and <tr> are never closed and that has no <tbody>', () => {
    expectTheThreeRows(
      `<html><body><table width=100%>${TITLES.map((t, i) => `<tr><td><a href="${URLS[i]}">${t}</a><td>${DATES[i]}`).join('')}</table></body></html>`,
    );
  });

  it('reads rows whose <a> and <li> are never closed', () => {
    expectTheThreeRows(
      `<html><body><ul class="list">${TITLES.map((t, i) => `<li><span>${DATES[i]}</span><a href="${URLS[i]}">${t}`).join('')}</ul></body></html>`,
    );
  });

  it('reads upper-case markup, stray end tags and a misnested <font>', () => {
    expectTheThreeRows(
      `<HTML><BODY></DIV></SPAN><FONT COLOR=red><B>通知公告</FONT></B><UL>${TITLES.map((t, i) => `<LI><A HREF="${URLS[i]}"><FONT>${t}</A></FONT></TD>[${DATES[i]}]</LI></P>`).join('')}</UL></BODY></HTML>`,
    );
  });

  it('reads rows after a table with misplaced content (a link directly inside <table>)', () => {
    expectTheThreeRows(
      `<html><body><table><a href="/zwgk/">更多</a>${TITLES.map((t, i) => `<tr><td><a href="${URLS[i]}">${t}</a></td><td>${DATES[i]}</td></tr>`).join('')}</table></body></html>`,
    );
  });

  it('does not read markup inside comments, scripts or a <textarea> as rows', () => {
    const html = `<html><body><!--[if IE]><ul><li><a href="/old.html">旧版通知</a><span>2023-12-05</span></li></ul><![endif]-->
      <script>document.write("<ul><li><a href='/js.html'>脚本里的通知</a><span>2023-12-06</span></li></ul>"); var s = "</div>";</script>
      <textarea><ul><li><a href="/ta.html">文本框里的通知</a><span>2023-12-07</span></li></ul></textarea>
      <ul>${TITLES.map((t, i) => `<li><a href="${URLS[i]}">${t}</a><span>${DATES[i]}</span></li>`).join('')}</ul></body></html>`;
    expectTheThreeRows(html);
    expect(extractLinks(html, url).map((l) => l.url)).not.toEqual(expect.arrayContaining([abs('/old.html')]));
    expect(extractLinks(html, url).map((l) => l.url)).not.toEqual(expect.arrayContaining([abs('/js.html')]));
  });

  it('reads the "no content" placeholder of a page without <body>', () => {
    const r = extractListRows('<title>双公示</title><div class="list">暂无信息</div>', url, { asOf });
    expect(r.rows).toEqual([]);
    expect(r.placeholder).toBe('暂无信息');
  });

  it('reads the page count of a pager that stands after </html>', () => {
    const r = extractListRows(
      `<html><body><ul>${TITLES.map((t, i) => `<li><a href="${URLS[i]}">${t}</a><span>${DATES[i]}</span></li>`).join('')}</ul></body></html>
      <div class="page">共 4 页 <a href="index_1.html">下一页</a></div>`,
      url,
      { asOf },
    );
    expect(r.pagination.nextUrl).toBe(abs('index_1.html'));
    expect(r.pagination.totalPages).toBe(4);
  });
});

describe('article pages written as tag soup', () => {
  it('reads the text and date of an article without <body> and without a known body container', () => {
    const d = extractDetail(
      `<title>关于印发实施方案的通知</title><div class="x"><h3>关于印发实施方案的通知</h3><span>发布时间：2023-11-20</span><p>${ARTICLE}</div>`,
      url,
    );
    expect(d.text).toContain('现将《实施方案》印发给你们');
    expect(d.text).not.toMatch(/^关于印发实施方案的通知关于/); // the <title> is not body text
    expect(d.publishedAt).toBe('2023-11-20');
  });

  it('reads article text that stands after </body></html>, as a browser shows it', () => {
    const d = extractDetail(
      `<html><head><title>关于印发实施方案的通知</title></head><body><div class="header">首页 | 政务公开</div></body></html>
      <div class="x"><p>发布日期：2023-11-20</p><p>${ARTICLE}</p></div>`,
      url,
    );
    expect(d.text).toContain('现将《实施方案》印发给你们');
    expect(d.publishedAt).toBe('2023-11-20');
  });

  it('reads the 索引号/发布日期 table of a metadata block whose cells are never closed', () => {
    const d = extractDetail(
      `<html><body><table class="xxgk"><tr><td>索引号：<td>11130000-2023-00012<td>发布日期：<td>2023-11-20<tr><td>发文字号：<td>县政办〔2023〕5号</table>
      <div class="TRS_Editor"><p>${ARTICLE}</div></body></html>`,
      url,
    );
    expect(d.fields['索引号']).toBe('11130000-2023-00012');
    expect(d.fields['发文字号']).toBe('县政办〔2023〕5号');
    expect(d.publishedAt).toBe('2023-11-20');
  });
});

describe('pages nested deeper than a browser nests them', () => {
  // 20 000 unclosed elements (a broken template or a hostile page): every tree walk used to overflow the call stack,
  // which failed the page's whole unit. A browser stops nesting at 512 and so do we.
  const deep = (
    open: string,
  ) => `<html><body>${open.repeat(20_000)}<ul>${TITLES.map((t, i) => `<li><a href="${URLS[i]}">${t}</a><span>${DATES[i]}</span></li>`).join('')}</ul>
    <p>${ARTICLE}</p></body></html>`;

  it.each([['<div>'], ['<font><b>']])(
    'reads the links and the text below %s × 20 000',
    (open) => {
      const html = deep(open);
      expect(extractLinks(html, url).map((l) => l.url)).toEqual(expect.arrayContaining(URLS.map(abs)));
      expect(extractDetail(html, url).text).toContain('现将《实施方案》印发给你们');
      // flattened as a browser flattens them, the rows no longer sit in their <li>s; whatever is read is real
      const rows = extractListRows(html, url, { asOf }).rows;
      for (const r of rows) expect(URLS.map(abs)).toContain(r.url);
    },
    60_000,
  );
});

describe('which pages are parsed a second time, by the standard tree builder', () => {
  const fastTree = (html: string) => cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } }).root()[0];

  it('none of the CMS fixtures (well-formed pages keep the fast parse)', () => {
    const dir = new URL('./fixtures/extract/', import.meta.url);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.filter((f) => differsFromBrowserTree(fastTree(readFileSync(new URL(f, dir), 'utf8'))))).toEqual([]);
  });

  it.each([
    ['an <li> left open around a span and an unclosed <a>', '<ul><li><span>1</span><a href="/1">x<li><a href="/2">y</a></ul>'],
    ['a link inside a link', '<a href="/1">x<a href="/2">y</a></a>'],
    ['a <div> inside an open <p> that holds a <span>', '<p><span>x<div>y</div></span></p>'],
    ['a row inside an unclosed cell', '<table><tr><td><span>x<tr><td>y</table>'],
    ['a link standing directly in a table', '<table><a href="/1">更多</a><tr><td>y</td></tr></table>'],
    ['text standing directly in a table row', '<table><tr>文字<td>y</td></tr></table>'],
    ['a cell outside any table', '<div><td>y</td></div>'],
    ['a heading inside a heading', '<h1>x<h2>y</h2></h1>'],
    ['a <dd> inside an unclosed <dt>', '<dl><dt><b>x<dd>y</dl>'],
  ])('flags %s', (_, html) => {
    expect(differsFromBrowserTree(fastTree(html))).toBe(true);
  });

  it.each([
    ['lists with omitted </li>', '<ul><li>a<li>b<li><ul><li>c</ul></ul>'],
    ['tables with omitted </td> and </tr> and no <tbody>', '<table><tr><td>a<td>b<tr><td><table><tr><td>c</table></table>'],
    ['a <p> closed by a <div>', '<p>x<div>y</div>'],
    ['nested lists inside list items', '<ul><li><a href="/1">x</a><ul><li><a href="/2">y</a></li></ul></li></ul>'],
  ])('keeps %s', (_, html) => {
    expect(differsFromBrowserTree(fastTree(html))).toBe(false);
  });
});
