// Finds the other pages of a column list: TRS and 集约化 createPageHTML, TRS 海云 pageChnlInfo, script-built
// pagers (countPage/currentPage), Hanweb totals, pager links (页码, 下一页/尾页, index_N.html, ?page=N) and the
// count a pager announces in words (共N页, 页次：1/N).
import type { CheerioAPI } from 'cheerio';
import { bodyText, cleanText, documentBase, elementsByTag, hrefAnchors, loadHtml, resolveHref, sameHost, textOf } from './extract-html.ts';
import { announcedPageCount, scriptPager } from './pagination-signals.ts';

export type PaginationKind = 'trs-createPageHTML' | 'trs-hyun' | 'hanweb' | 'links' | 'script' | 'announced' | 'none';

export interface PaginationInfo {
  /** Other static pages of the list (never the current page, never another host), in page order. */
  pageUrls: string[];
  nextUrl: string | null;
  /** What the page announces; null when unknown. */
  totalPages: number | null;
  kind: PaginationKind;
}

const NEXT_TEXT = /^(下一页|下页|后页|下一页>|下一页»|>|›|»|>>)$/;
const PAGE_PARAM = /[?&](page|pageNum|pageNo|pageIndex|cur_page|curPage|Paging|pagenum|pn|p)=(\d+)/i;
const STATIC_PAGE = /\/(index|list|default)_(\d+)\.(s?html?)$/i;

/**
 * Counts announced by a page are untrusted: a list announcing more pages than any county list has (a broken or
 * hostile createPageHTML(99999999, …)) has an unknown count, and at most MAX_PAGE_URLS page addresses are built
 * from any count (the crawl reads maxListPages of them).
 */
const MAX_ANNOUNCED_PAGES = 100_000;
export const MAX_PAGE_URLS = 200;

/** An announced count of pages when it is believable, else null. */
function believablePages(n: number | null): number | null {
  return n !== null && Number.isSafeInteger(n) && n > 0 && n <= MAX_ANNOUNCED_PAGES ? n : null;
}

export function detectPagination(html: string, pageUrl: string): PaginationInfo {
  return paginationOf(loadHtml(html), pageUrl);
}

export function paginationOf($: CheerioAPI, pageUrl: string): PaginationInfo {
  const scripts = elementsByTag($, 'script')
    .map((el) => stripJsComments(textOf(el)))
    .join('\n');
  const base = documentBase($, pageUrl);
  const announced = announcedPageCount(cleanText(bodyText($)));
  return (
    fromCreatePageHtml(scripts, base, pageUrl) ??
    fromPageChnlInfo(scripts) ??
    fromLinks($, base, pageUrl, announced ?? scriptPager(scripts)?.total ?? null) ??
    fromScriptPager(scripts, base, pageUrl) ??
    fromHanweb($, scripts) ??
    fromAnnouncedCount(announced) ?? { pageUrls: [], nextUrl: null, totalPages: null, kind: 'none' }
  );
}

/** Removes // and /* *\/ comments so that commented-out pager calls are not read (keeps "http://" in strings). */
function stripJsComments(js: string): string {
  return js
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .split('\n')
    .map((line) => line.replace(/(^|[^:'"\\])\/\/.*$/, '$1'))
    .join('\n')
    .replace(/<!--|-->/g, ' ');
}

interface StaticPager {
  total: number;
  /** 1-based number of the page being read. */
  current: number;
  prefix: string;
  ext: string;
  /** Page n's address number is n - offset: 1 for TRS (index.html, index_1.html …), 0 for 集约化 (fg.shtml, fg_2.shtml …). */
  offset: number;
}

/**
 * The two createPageHTML signatures: TRS (total, current0, "index", "html") on ../shared/real-pages
 * nm-ordos-engebei-xxgknb-list's template and test/fixtures/extract; 集约化/开普云 ('page_div', total, current1, 'fg',
 * 'shtml', records), pages fg.shtml, fg_2.shtml … (证监会 c106256/fg.shtml, 邵阳 stjgb/xlist.shtml, 昆山
 * common_list.shtml, as kept by public crawler repositories).
 */
function createPageArgs(js: string): StaticPager | null {
  for (const call of js.matchAll(/\bcreatePage(?:HTML)?\s*\(([^)]*)\)/g)) {
    const args = call[1].split(',').map((a) => a.trim());
    const isInt = (a: string | undefined): boolean => a !== undefined && /^['"]?\d+['"]?$/.test(a);
    const containerFirst = /^['"][^'"]*['"]$/.test(args[0] ?? '') && !isInt(args[0]) && isInt(args[1]);
    const rest = containerFirst ? args.slice(1) : args;
    const ints = rest.filter(isInt).map((a) => Number(a.replace(/['"]/g, '')));
    if (ints.length === 0) continue;
    const strs = rest.filter((a) => /^['"][^'"]*['"]$/.test(a)).map((a) => a.slice(1, -1));
    const ext = strs.find((x) => /^(s?html?|jsp|php|aspx?)$/i.test(x)) ?? 'html';
    const prefix = strs.find((x) => /^[A-Za-z][\w-]*$/.test(x) && x !== ext) ?? 'index';
    const offset = containerFirst ? 0 : 1;
    const current = (ints[1] ?? (containerFirst ? 1 : 0)) + offset;
    return { total: believablePages(ints[0]) ?? 0, current, prefix, ext, offset };
  }
  return null;
}

/** Every other page of a static pager (bounded by MAX_PAGE_URLS) and the next one. */
function staticPages(p: StaticPager, base: string, pageUrl: string): { pageUrls: string[]; nextUrl: string | null } {
  const pageName = (n: number): string => (n - p.offset <= 0 || n === 1 ? `${p.prefix}.${p.ext}` : `${p.prefix}_${n - p.offset}.${p.ext}`);
  const here = (url: string | null): boolean => url === null || url === stripHash(pageUrl) || !sameHost(url, pageUrl);
  const pageUrls: string[] = [];
  for (let n = 1; n <= p.total && pageUrls.length < MAX_PAGE_URLS; n++) {
    const url = n === p.current ? null : resolveHref(pageName(n), base);
    if (!here(url)) pageUrls.push(url!);
  }
  const next = p.current < p.total ? resolveHref(pageName(p.current + 1), base) : null;
  return { pageUrls, nextUrl: here(next) ? null : next };
}

function fromCreatePageHtml(js: string, base: string, pageUrl: string): PaginationInfo | null {
  const p = createPageArgs(js);
  if (!p) return null;
  return { ...staticPages(p, base, pageUrl), totalPages: p.total > 0 ? p.total : null, kind: 'trs-createPageHTML' };
}

/** A script-built pager whose document.write has not run (the page as fetched): count and address from its variables. */
function fromScriptPager(js: string, base: string, pageUrl: string): PaginationInfo | null {
  const s = scriptPager(js);
  const total = s ? believablePages(s.total) : null;
  if (!s || total === null) return null;
  if (!s.prefix || !s.ext || s.current === null) return { pageUrls: [], nextUrl: null, totalPages: total, kind: 'script' };
  // The TRS template counts from 0 (currentPage=0 on index.html, 4 on index_4.html, the fifth page); only a first
  // page (no number in its address) holding currentPage=1 counts from 1.
  const firstPage = !STATIC_PAGE.test(new URL(pageUrl).pathname);
  const offset = firstPage && s.current === 1 ? 0 : 1;
  const p: StaticPager = { total, current: s.current + offset, prefix: s.prefix, ext: s.ext, offset };
  return { ...staticPages(p, base, pageUrl), totalPages: total, kind: 'script' };
}

function fromAnnouncedCount(announced: number | null): PaginationInfo | null {
  const total = believablePages(announced);
  return total === null ? null : { pageUrls: [], nextUrl: null, totalPages: total, kind: 'announced' };
}

// TRS 海云 "动静结合": only the first maxStaticIndex blocks are in the HTML; the rest is a POST to the search API.
function fromPageChnlInfo(js: string): PaginationInfo | null {
  const block = /pageChnlInfo\s*=\s*\{([\s\S]*?)\}/.exec(js);
  if (!block) return null;
  const num = (name: string): number | null => {
    const m = new RegExp(`${name}\\s*:\\s*['"]?(\\d+)`).exec(block[1]);
    return m ? Number(m[1]) : null;
  };
  const records = num('recordCount');
  const perPage = num('prepage') ?? num('pageSize');
  const totalPages = records !== null && perPage ? believablePages(Math.max(1, Math.ceil(records / perPage))) : null;
  return { pageUrls: [], nextUrl: null, totalPages, kind: 'trs-hyun' };
}

function fromHanweb($: CheerioAPI, js: string): PaginationInfo | null {
  const xml =
    elementsByTag($, 'script')
      .filter((el) => el.attribs.type?.toLowerCase() === 'text/xml')
      .map((el) => textOf(el))
      .join('') +
    '\n' +
    js;
  const total = /<totalrecord>\s*(\d+)\s*<\/totalrecord>/i.exec(xml) ?? /total_?record\w*\s*[:=]\s*['"]?(\d+)/i.exec(xml);
  if (!total) return null;
  const per = /per_?page\s*[:=]\s*['"]?(\d+)/i.exec(xml) ?? /<perpage>\s*(\d+)\s*<\/perpage>/i.exec(xml);
  const records = Number(total[1]);
  const perPage = per ? Number(per[1]) : null;
  return {
    pageUrls: [],
    nextUrl: null, // further pages are a POST to dataproxy.jsp
    totalPages: perPage ? believablePages(Math.max(1, Math.ceil(records / perPage))) : null,
    kind: 'hanweb',
  };
}

function stripHash(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

function withoutPageParam(url: string): string {
  const u = new URL(url);
  for (const k of [...u.searchParams.keys()]) if (PAGE_PARAM.test(`?${k}=1`)) u.searchParams.delete(k);
  return u.href;
}

function pageNumberOf(url: string): number | null {
  const p = PAGE_PARAM.exec(url);
  if (p) return Number(p[2]);
  const s = STATIC_PAGE.exec(new URL(url).pathname);
  return s ? Number(s[2]) : null;
}

/** The address of page number `no` built like `sample` (index_3.html → index_7.html, ?page=3 → ?page=7). */
function pageAddress(sample: string, no: number): string | null {
  const u = new URL(sample);
  const param = PAGE_PARAM.exec(u.search);
  if (param) {
    u.search = u.search.replace(new RegExp(`([?&]${param[1]}=)\\d+`), `$1${no}`);
    return u.href;
  }
  if (!STATIC_PAGE.test(u.pathname)) return null;
  u.pathname = u.pathname.replace(STATIC_PAGE, (_m, name: string, _n: string, ext: string) => `/${name}_${no}.${ext}`);
  return u.href;
}

interface PagerLinks {
  found: Map<string, number | null>;
  nextUrl: string | null;
  /** The last page's address number (尾页/末页 link). */
  lastNo: number | null;
  maxNumberText: number;
  /** Page n's address number is n - offset, read from numbered links (2 → index_1.html: offset 1). */
  offset: number | null;
}

const LAST_TEXT = /^(尾页|末页|最后一页|最末页|>\||»\||>>\|)$/;
const PAGER_WORD = /^(首页|尾页|末页|上一页|上页|前页|最后一页|最末页|<|‹|«|<<)$/;

function pagerLinks($: CheerioAPI, base: string, pageUrl: string): PagerLinks {
  const current = stripHash(pageUrl);
  const r: PagerLinks = { found: new Map(), nextUrl: null, lastNo: null, maxNumberText: 0, offset: null };
  for (const el of hrefAnchors($)) {
    const url = resolveHref(el.attribs.href, base);
    if (!url || url === current || !sameHost(url, pageUrl)) continue;
    const text = cleanText(textOf(el)).replace(/\s/g, '');
    if (/(^|\s)(current|active|on|cur|curr|selected)(\s|$)/i.test(el.attribs.class ?? '')) continue;
    // "1" pointing at this list with an explicit page parameter is the current page too.
    if (text === '1' && withoutPageParam(url) === withoutPageParam(current)) continue;
    const pageNo = pageNumberOf(url);
    const isNext = NEXT_TEXT.test(text) || /^下一?页/.test(text);
    const isNumber = /^\d{1,4}$/.test(text);
    const isPagerWord = PAGER_WORD.test(text) || LAST_TEXT.test(text);
    if (isNext && !r.nextUrl) r.nextUrl = url;
    if (isNumber) r.maxNumberText = Math.max(r.maxNumberText, Number(text));
    if (isNumber && pageNo !== null && r.offset === null) r.offset = Number(text) - pageNo;
    if (LAST_TEXT.test(text) && pageNo !== null) r.lastNo = pageNo;
    if (isNext || ((isNumber || isPagerWord) && (pageNo !== null || sameListPath(url, pageUrl)))) {
      if (!r.found.has(url)) r.found.set(url, pageNo);
    }
  }
  // On a list's first page (no number in its address) 下一页 is page 2: index_1.html means offset 1.
  const nextNo = r.nextUrl ? pageNumberOf(r.nextUrl) : null;
  if (r.offset === null && nextNo !== null && pageNumberOf(current) === null) r.offset = 2 - nextNo;
  return r;
}

function fromLinks($: CheerioAPI, base: string, pageUrl: string, announced: number | null): PaginationInfo | null {
  const links = pagerLinks($, base, pageUrl);
  if (links.found.size === 0 && !links.nextUrl) return null;
  const fromLast = links.lastNo !== null && links.offset !== null ? links.lastNo + links.offset : null;
  const totalPages = believablePages(announced ?? fromLast ?? (links.maxNumberText > 0 ? links.maxNumberText : null));
  const sample = [...links.found.entries()].find(([, no]) => no !== null)?.[0] ?? null;
  if (totalPages !== null && sample && links.offset !== null) addMissingPages(links, sample, totalPages, pageUrl);
  const pageUrls = [...links.found.entries()]
    .sort((a, b) => (a[1] ?? Number.MAX_SAFE_INTEGER) - (b[1] ?? Number.MAX_SAFE_INTEGER))
    .map(([u]) => u)
    .slice(0, MAX_PAGE_URLS);
  return { pageUrls, nextUrl: links.nextUrl, totalPages, kind: 'links' };
}

/** A pager shows a window of page numbers (1 2 3 4 5 6 … 尾页): the pages between are built from the same pattern. */
function addMissingPages(links: PagerLinks, sample: string, total: number, pageUrl: string): void {
  const offset = links.offset!;
  const hereNo = pageNumberOf(stripHash(pageUrl));
  const here = hereNo === null ? 1 : hereNo + offset;
  for (let n = 2; n <= total && links.found.size < MAX_PAGE_URLS; n++) {
    const no = n - offset;
    if (n === here || no < 1) continue;
    const url = pageAddress(sample, no);
    if (url && url !== stripHash(pageUrl) && sameHost(url, pageUrl) && !links.found.has(url)) links.found.set(url, no);
  }
}

/** A pager link usually stays in the list's folder (index_2.html next to index.html). */
function sameListPath(url: string, pageUrl: string): boolean {
  const a = new URL(url);
  const b = new URL(pageUrl);
  return a.pathname.slice(0, a.pathname.lastIndexOf('/')) === b.pathname.slice(0, b.pathname.lastIndexOf('/'));
}
