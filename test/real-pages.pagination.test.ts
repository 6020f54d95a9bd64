// Pagination recognised by what it is, on the real list pages of ../shared/real-pages and on the list fixtures of
// test/fixtures/real-modelled (each names the real page it is modelled on): TRS WCM countPage scripts, written
// out or not yet run, 集约化 createPageHTML('page_div', …), JSP pagers with 尾页 and 页次：1/N, and a one-page pager.
import { describe, expect, it } from 'vitest';
import { detectPagination } from '../crawler/index.ts';
import { loadCorpus, MODELLED_DIR, REAL_PAGES_DIR } from '../bench/accuracy-corpus.ts';
import { sharedPath } from './helpers/shared-material.ts';

const present = sharedPath('real-pages/truth.json') !== null;
const real = present ? loadCorpus('real', REAL_PAGES_DIR).pages : [];
const modelled = loadCorpus('modelled', MODELLED_DIR).pages;
const page = (pages: typeof real, id: string) => {
  const p = pages.find((x) => x.id === id);
  if (!p) throw new Error(`no corpus page ${id}`);
  return p;
};

describe.skipIf(!present)('pagination on real list pages', () => {
  it('邯郸 (TRS WCM, pager written out): 56 pages from countPage, every page listed though the pager shows six', () => {
    const p = page(real, 'hb-handan-xxgk-list');
    const got = detectPagination(p.content, p.url);
    expect(got.totalPages).toBe(56);
    expect(got.nextUrl).toBe('http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html');
    expect(got.pageUrls).toHaveLength(55);
    expect(got.pageUrls[0]).toBe('http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html');
    expect(got.pageUrls).toContain('http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_9.html');
    expect(got.pageUrls.at(-1)).toBe('http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_55.html');
  });

  it('邯郸 as the server sends it (document.write not run, no pager links): the script variables give the pages', () => {
    const p = page(real, 'hb-handan-xxgk-list');
    const raw = p.content.replace(/<\/script><a href[\s\S]*?尾页<\/a>/, '</script>');
    expect(raw).not.toContain('class="pnum"');
    const got = detectPagination(raw, p.url);
    expect(got.kind).toBe('script');
    expect(got.totalPages).toBe(56);
    expect(got.nextUrl).toBe('http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html');
    expect(got.pageUrls).toHaveLength(55);
    expect(got.pageUrls).not.toContain(p.url);
  });

  it('鄂尔多斯 恩格贝 (TRS WCM, two pages)', () => {
    const p = page(real, 'nm-ordos-engebei-xxgknb-list');
    const got = detectPagination(p.content, p.url);
    expect(got.totalPages).toBe(2);
    expect(got.nextUrl).toBe('http://egb.invalid/xxgk/xxgknb/index_1.html');
  });
});

describe('pagination on fixtures modelled on real pages', () => {
  it("集约化 createPageHTML('page_div', 10, 1, 'xlist', 'shtml', 189): pages xlist_2 … xlist_10, never the container id", () => {
    const p = page(modelled, 'jyh-page-div-xlist');
    const got = detectPagination(p.content, p.url);
    expect(got.totalPages).toBe(10);
    expect(got.nextUrl).toBe('http://www.sl-demo.invalid/zwgk/stjgb/xlist_2.shtml');
    expect(got.pageUrls).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `http://www.sl-demo.invalid/zwgk/stjgb/xlist_${n}.shtml`));
  });

  it('集约化 pager read on page 3 lists page 1 by its own name and continues with page 4', () => {
    const html = "<script>createPageHTML('page_div',10, 3,'xlist','shtml',189);</script>";
    const got = detectPagination(html, 'http://www.sl-demo.invalid/zwgk/stjgb/xlist_3.shtml');
    expect(got.pageUrls.slice(0, 3)).toEqual(
      ['xlist.shtml', 'xlist_2.shtml', 'xlist_4.shtml'].map((x) => `http://www.sl-demo.invalid/zwgk/stjgb/${x}`),
    );
    expect(got.nextUrl).toBe('http://www.sl-demo.invalid/zwgk/stjgb/xlist_4.shtml');
  });

  it('a script pager not yet run (TRS WCM template, 23 pages)', () => {
    const p = page(modelled, 'trs-wcm-script-pager-list');
    const got = detectPagination(p.content, p.url);
    expect(got.totalPages).toBe(23);
    expect(got.pageUrls).toHaveLength(22);
    expect(got.pageUrls.at(-1)).toBe('http://www.yl-demo.invalid/zfwj/jqxxgk/index_22.html');
  });

  it('JSP pager showing pages 1–5 with 尾页 at pageNo=29 and 页次：1/29: all 28 other pages, by their parameter', () => {
    const p = page(modelled, 'jsp-pager-pageno-list');
    const got = detectPagination(p.content, p.url);
    expect(got.totalPages).toBe(29);
    expect(got.nextUrl).toBe('http://www.qc-demo.invalid/xxgk/tzgg/list.jsp?lm=12&pageNo=2');
    const numbered = got.pageUrls.map((u) => Number(new URL(u).searchParams.get('pageNo')));
    for (let n = 2; n <= 29; n++) expect(numbered).toContain(n);
    expect(numbered.every((n) => n >= 1 && n <= 29)).toBe(true);
  });

  it('near miss: a pager whose 首页 and 尾页 both point at this page is one page, with nothing to follow', () => {
    const p = page(modelled, 'near-miss-single-page-pager');
    const got = detectPagination(p.content, p.url);
    expect(got.totalPages).toBe(1);
    expect(got.nextUrl).toBeNull();
    expect(got.pageUrls).toEqual([]);
  });
});

describe('announced counts in words', () => {
  const url = 'http://www.example.gov.cn/xxgk/tzgg/index.html';
  it.each([
    ['<div class="page">页次：1/212 每页40 文章数8448</div>', 212],
    ['<p>首页 上一页 下一页 尾页 页次：1/3页 记录：18条</p>', 3],
    ['<div>共 45 条记录，每页 20 条</div>', 3],
    ['<div>每页显示：15条 共有31条</div>', 3],
    ['<div>当前第1/7页</div>', 7],
  ])('%s → %i pages', (html, pages) => {
    expect(detectPagination(html, url).totalPages).toBe(pages);
  });

  it('a record count without a page size is not a page count', () => {
    expect(detectPagination('<div>共有 0 条信息</div>', url).totalPages).toBeNull();
  });
});
