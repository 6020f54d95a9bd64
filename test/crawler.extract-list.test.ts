import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { extractListRows, detectPagination } from '../crawler/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/extract/${name}`, import.meta.url), 'utf8');

describe('extractListRows: TRS WCM ul li > a[title] + span', () => {
  const url = 'https://www.example.gov.cn/zwgk/gzdt/index.html';
  const r = extractListRows(fixture('trs-wcm-list.html'), url, { asOf: '2023-12-15' });

  it('reads the dated rows only, not the header nav, left nav or breadcrumb', () => {
    expect(r.rows).toHaveLength(6);
    expect(r.rows.map((x) => x.url)).not.toContain('https://www.example.gov.cn/zwgk/zfxxgkzn/');
    expect(r.rows.every((x) => x.date !== null && x.dateSource === 'list')).toBe(true);
  });

  it('takes the full title from a@title when the text is cut with …', () => {
    expect(r.rows[1].title).toBe('县政府召开第十二次常务会议研究部署冬季安全生产和民生保障工作');
  });

  it("uses the row's own date, not the tYYYYMMDD in its URL", () => {
    const row = r.rows.find((x) => x.url.endsWith('t20231228_1100.html'));
    expect(row?.date).toBe('2023-12-08');
  });

  it('reads dates from span, em, b and span.bf-pass, and not the date inside a title', () => {
    expect(r.rows.map((x) => x.date)).toEqual(['2023-03-15', '2023-12-12', '2023-12-08', '2023-11-30', '2023-11-21', '2023-11-10']);
  });

  it('flags the 置顶 row (class marker) as pinned and no other', () => {
    expect(r.rows.filter((x) => x.pinned).map((x) => x.date)).toEqual(['2023-03-15']);
  });

  it('reads createPageHTML and ignores commented-out calls', () => {
    expect(r.pagination.kind).toBe('trs-createPageHTML');
    expect(r.pagination.totalPages).toBe(7);
    expect(r.pagination.pageUrls).toEqual([1, 2, 3, 4, 5, 6].map((i) => `https://www.example.gov.cn/zwgk/gzdt/index_${i}.html`));
    expect(r.pagination.nextUrl).toBe('https://www.example.gov.cn/zwgk/gzdt/index_1.html');
    expect(r.placeholder).toBeNull();
    expect(r.scriptBuiltRows).toBe(false);
  });
});

describe('extractListRows: old WCM upper-case table with MM-DD dates', () => {
  const r = extractListRows(fixture('old-wcm-table.html'), 'http://www.example.gov.cn/xxgk/zhxx/', { asOf: '2024-01-10' });

  it('skips GroupBlankLine spacer rows and the left-nav table', () => {
    expect(r.rows).toHaveLength(9);
    expect(r.rows.some((x) => x.title.includes('指南'))).toBe(false);
  });

  it('infers years across the year boundary, newest first', () => {
    expect(r.rows.map((x) => x.date)).toEqual([
      '2024-01-08',
      '2024-01-03',
      '2023-12-28',
      '2023-12-20',
      '2023-11-30',
      '2023-05-17',
      '2023-03-02',
      '2022-12-30',
      '2022-08-08',
    ]);
    expect(r.rows.every((x) => x.dateSource === 'list-year-inferred')).toBe(true);
    expect(r.rows.some((x) => x.pinned)).toBe(false);
  });

  it('reads the inline-defined pager: createPageHTML(21, 0, "index", "html")', () => {
    expect(r.pagination.totalPages).toBe(21);
    expect(r.pagination.pageUrls).toHaveLength(20);
    expect(r.pagination.pageUrls[0]).toBe('http://www.example.gov.cn/xxgk/zhxx/index_1.html');
    expect(r.pagination.pageUrls).not.toContain('http://www.example.gov.cn/xxgk/zhxx/index.html');
  });
});

describe('extractListRows: Epoint ewb rows with 2023年12月29日 and pinned old items', () => {
  const url = 'https://www.example.gov.cn/info/iList.jsp?cat_id=15971';
  const r = extractListRows(fixture('epoint-list.html'), url, { asOf: '2024-01-10' });

  it('reads Chinese dates', () => {
    expect(r.rows.map((x) => x.date)).toEqual(['2022-01-28', '2022-06-30', '2023-12-29', '2023-12-27', '2023-12-20']);
  });

  it('flags the old rows sitting above newer ones as pinned', () => {
    expect(r.rows.map((x) => x.pinned)).toEqual([true, true, false, false, false]);
  });

  it('follows cur_page links, never the current page or another host', () => {
    expect(r.pagination.kind).toBe('links');
    expect(r.pagination.pageUrls).toEqual([
      'https://www.example.gov.cn/info/iList.jsp?cat_id=15971&cur_page=2',
      'https://www.example.gov.cn/info/iList.jsp?cat_id=15971&cur_page=3',
    ]);
    expect(r.pagination.nextUrl).toBe('https://www.example.gov.cn/info/iList.jsp?cat_id=15971&cur_page=2');
    expect(r.pagination.totalPages).toBe(3);
  });
});

describe('extractListRows: Hanweb datastore records', () => {
  const r = extractListRows(fixture('hanweb-datastore.html'), 'http://www.example.gov.cn/col/col1229214366/index.html', {
    asOf: '2024-01-10',
  });

  it('parses the CDATA records as rows, with full titles', () => {
    expect(r.rows.map((x) => x.date)).toEqual(['2023-12-28', '2023-12-20', '2023-11-02']);
    expect(r.rows[1].title).toBe('某某县2023年第四季度重大建设项目批准和实施信息公示');
    expect(r.rows[0].url).toBe('http://www.example.gov.cn/art/2023/12/28/art_1229214366_59012.html');
    expect(r.scriptBuiltRows).toBe(false);
  });

  it('reports the page count from totalRecord/perPage and no next URL (POST only)', () => {
    expect(r.pagination).toEqual({ pageUrls: [], nextUrl: null, totalPages: 4, kind: 'hanweb' });
  });
});

describe('extractListRows: TRS 海云 blocks with pageChnlInfo', () => {
  const r = extractListRows(fixture('trs-hyun-list.html'), 'https://www.example.gov.cn/zwgk/zfxxgk/fdzdgknr/gzjz/', {
    asOf: '2024-01-10',
  });

  it('joins the static blocks into one list and keeps rows linking into other columns', () => {
    expect(r.rows).toHaveLength(5);
    expect(r.rows[1].url).toBe('https://www.example.gov.cn/zwgk/zfxxgk/zdlyxxgk/shjz/202312/t20231228_6300000.htm');
    expect(r.rows[1].date).toBe('2023-10-23');
  });

  it('reads recordCount/prepage as the page count', () => {
    expect(r.pagination.kind).toBe('trs-hyun');
    expect(r.pagination.totalPages).toBe(8);
    expect(r.pagination.pageUrls).toEqual([]);
  });
});

describe('extractListRows: other shapes', () => {
  it('reads a GBK-era table page (already decoded) with full-width dates and 下一页 links', () => {
    const r = extractListRows(fixture('gbk-era-list.html'), 'http://www.example.gov.cn/tzgg/index.html', { asOf: '2010-04-01' });
    expect(r.rows.map((x) => x.date)).toEqual(['2010-03-05', '2010-02-20', '2010-01-11']);
    expect(r.pagination.nextUrl).toBe('http://www.example.gov.cn/tzgg/index_1.html');
    expect(r.pagination.totalPages).toBe(3);
  });

  it('reports 暂无信息 as a placeholder and no rows (the left nav is not a list)', () => {
    const r = extractListRows(fixture('placeholder-list.html'), 'http://www.example.gov.cn/a/czyjs/', { asOf: '2023-12-15' });
    expect(r.rows).toEqual([]);
    expect(r.placeholder).toBe('暂无信息');
    expect(r.scriptBuiltRows).toBe(false);
  });

  it('flags an empty container filled by script', () => {
    const r = extractListRows(fixture('script-built-list.html'), 'http://www.example.gov.cn/a/zcwj/', { asOf: '2023-12-15' });
    expect(r.rows).toEqual([]);
    expect(r.scriptBuiltRows).toBe(true);
  });

  it('counts entries that only a script opens (onclick, no link) and reads none of them as rows', () => {
    const entry = (id: string, title: string, inner = title) => `<tr class="tg_tb1" onclick="openDetail('${id}')"><td>${inner}</td></tr>`;
    const page = (rows: string) => `<html><body><table>${rows}</table></body></html>`;
    const opened = extractListRows(
      page(entry('51873', '营业性演出审批（南京）') + entry('51866', '营业性演出审批（苏州）')),
      'http://x.gov.cn/sgs/',
      {
        asOf: '2023-12-15',
      },
    );
    expect([opened.rows, opened.scriptOpenedRows]).toEqual([[], 2]);
    // a row with onclick and a real link is read by its link; one onclick entry alone is no list
    const linked = (n: string, day: string) =>
      entry(n, '', `<a href="/sgs/202312/t202312${day}_${n}.html">营业性演出审批（${n}）</a><span>2023-12-${day}</span>`);
    const read = extractListRows(page(linked('1', '01') + linked('2', '04')), 'http://x.gov.cn/sgs/', { asOf: '2023-12-15' });
    expect([read.rows.length, read.scriptOpenedRows]).toEqual([2, 0]);
    expect(
      extractListRows(page(entry('9', '营业性演出审批（无锡）')), 'http://x.gov.cn/sgs/', { asOf: '2023-12-15' }).scriptOpenedRows,
    ).toBe(0);
  });

  it('keys extra table cells by header label (留言时间, 回复时间, 状态)', () => {
    const r = extractListRows(fixture('table-list-extra.html'), 'http://www.example.gov.cn/hdjl/ldxx/', { asOf: '2023-12-15' });
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ title: '咨询农村低保申请条件', date: '2023-12-04' });
    expect(r.rows[0].extra).toMatchObject({ 留言时间: '2023-12-04', 回复时间: '2023-12-06', 状态: '已回复' });
    expect(r.rows[1].extra?.['回复时间']).toBeUndefined();
    expect(r.rows[1].extra?.['状态']).toBe('办理中');
  });

  it('takes the 发布日期 column as the row date and keeps 文号 in extra', () => {
    const r = extractListRows(fixture('policy-table-list.html'), 'http://www.example.gov.cn/zwgk/zcwj/', { asOf: '2023-12-15' });
    expect(r.rows.map((x) => x.date)).toEqual(['2023-12-05', '2023-10-16']);
    expect(r.rows[0].title).toBe('某某县人民政府关于印发某某县城镇燃气安全专项整治实施方案的通知');
    expect(r.rows[0].extra?.['文号']).toBe('某政发〔2023〕12号');
  });

  it('flags 【置顶】 title markers and strips them from the title', () => {
    const html = `<ul class="list">
      <li><a href="./a1.html">【置顶】关于开展政务公开专项检查的通知</a><span>2023-12-10</span></li>
      <li><a href="./a2.html">县政府召开常务会议</a><span>2023-12-12</span></li>
      <li><a href="./a3.html">县长调研工业园区</a><span>2023-12-01</span></li></ul>`;
    const r = extractListRows(html, 'http://www.example.gov.cn/gzdt/', { asOf: '2023-12-15' });
    expect(r.rows[0]).toMatchObject({ title: '关于开展政务公开专项检查的通知', pinned: true });
    expect(r.rows.slice(1).map((x) => x.pinned)).toEqual([false, false]);
  });

  it('takes undated article links only when the page has no dated rows', () => {
    const html = `<div class="nav"><a href="/gk/">政务公开</a><a href="/hd/">互动交流</a></div>
      <ul class="wz"><li><a href="./202312/t20231201_11.html">某某镇2023年政府信息公开指南</a></li>
      <li><a href="./202301/t20230101_10.html">某某镇机构职能及领导分工</a></li></ul>`;
    const r = extractListRows(html, 'http://www.example.gov.cn/zhen/gkzn/', { asOf: '2023-12-15' });
    expect(r.rows.map((x) => x.title)).toEqual(['某某镇2023年政府信息公开指南', '某某镇机构职能及领导分工']);
    expect(r.rows.every((x) => x.date === null && x.dateSource === null)).toBe(true);
  });

  it('reads a year-less [MM-DD] written as text of the row', () => {
    const html = `<ul class="infoList"><li><a href="/Item/24067.aspx">县召开防汛工作会</a>[01-03]</li><li><a href="/Item/24060.aspx">县领导慰问困难群众</a>[12-28]</li></ul>`;
    const r = extractListRows(html, 'http://www.example.gov.cn/Category_133/Index.aspx', { asOf: '2024-01-10' });
    expect(r.rows.map((x) => [x.date, x.dateSource])).toEqual([
      ['2024-01-03', 'list-year-inferred'],
      ['2023-12-28', 'list-year-inferred'],
    ]);
  });
});

describe('detectPagination', () => {
  const page = 'https://www.example.gov.cn/zwgk/tzgg/index.html';
  it.each([
    ['createPageHTML(5,0,"index","shtml");', ['index_1.shtml', 'index_2.shtml', 'index_3.shtml', 'index_4.shtml'], 5],
    ['createPageHTML(3, 0, "list", "html","black2",136);', ['list_1.html', 'list_2.html'], 3],
    ['//wcm分页，总记录：40\ncreatePage(4, 0, "index", "html");', ['index_1.html', 'index_2.html', 'index_3.html'], 4],
  ])('reads %s', (js, pages, total) => {
    const p = detectPagination(`<script>${js}</script>`, page);
    expect(p.pageUrls).toEqual(pages.map((x) => `https://www.example.gov.cn/zwgk/tzgg/${x}`));
    expect(p.totalPages).toBe(total);
  });

  it('on page 3 of 4 lists the other pages, not itself', () => {
    const p = detectPagination(
      '<script>createPageHTML(4, 2, "index", "html");</script>',
      'https://www.example.gov.cn/zwgk/tzgg/index_2.html',
    );
    expect(p.pageUrls).toEqual(['index.html', 'index_1.html', 'index_3.html'].map((x) => `https://www.example.gov.cn/zwgk/tzgg/${x}`));
    expect(p.nextUrl).toBe('https://www.example.gov.cn/zwgk/tzgg/index_3.html');
  });

  it('ignores a call that is only in a comment', () => {
    const p = detectPagination('<script>// createPageHTML(9, 0, "index", "html");\n</script>', page);
    expect(p.kind).toBe('none');
    expect(p.pageUrls).toEqual([]);
  });

  it('reads ?page=N and 下一页 links on the same host', () => {
    const html = `<div class="pager"><a href="?page=2">2</a><a href="?page=3">3</a><a href="?page=2">下一页</a>
      <a href="https://evil.example.com/?page=4">4</a><a href="/zwgk/tzgg/index.html">首页</a></div>`;
    const p = detectPagination(html, page);
    expect(p.pageUrls).toEqual([
      'https://www.example.gov.cn/zwgk/tzgg/index.html?page=2',
      'https://www.example.gov.cn/zwgk/tzgg/index.html?page=3',
    ]);
    expect(p.nextUrl).toBe('https://www.example.gov.cn/zwgk/tzgg/index.html?page=2');
  });

  it('reports nothing for a single page', () => {
    expect(detectPagination('<ul><li><a href="a.html">A</a></li></ul>', page)).toEqual({
      pageUrls: [],
      nextUrl: null,
      totalPages: null,
      kind: 'none',
    });
  });
});
