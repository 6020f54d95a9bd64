// Finds the other pages of a column list: TRS createPageHTML, TRS 海云 pageChnlInfo, Hanweb totals, pager links.
import type { CheerioAPI } from 'cheerio';
import { bodyText, cleanText, documentBase, elementsByTag, hrefAnchors, loadHtml, resolveHref, sameHost, textOf } from './extract-html.ts';

export type PaginationKind = 'trs-createPageHTML' | 'trs-hyun' | 'hanweb' | 'links' | 'none';

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
export const MAX_ANNOUNCED_PAGES = 100_000;
export const MAX_PAGE_URLS = 200;

/** An announced count of pages when it is believable, else null. */
export function believablePages(n: number | null): number | null {
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
  return (
    fromCreatePageHtml(scripts, base, pageUrl) ??
    fromPageChnlInfo(scripts) ??
    fromLinks($, base, pageUrl) ??
    fromHanweb($, scripts) ?? { pageUrls: [], nextUrl: null, totalPages: null, kind: 'none' }
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

function fromCreatePageHtml(js: string, base: string, pageUrl: string): PaginationInfo | null {
  // The pager function is often defined inline (createPageHTML(_nPageCount, …)): take the first call with numbers.
  let ints: number[] = [];
  let strs: string[] = [];
  for (const call of js.matchAll(/\bcreatePage(?:HTML)?\s*\(([^)]*)\)/g)) {
    const args = call[1].split(',').map((a) => a.trim());
    ints = args.filter((a) => /^['"]?\d+['"]?$/.test(a)).map((a) => Number(a.replace(/['"]/g, '')));
    strs = args.filter((a) => /^['"][^'"]*['"]$/.test(a)).map((a) => a.slice(1, -1));
    if (ints.length > 0) break;
  }
  if (ints.length === 0) return null;
  const total = believablePages(ints[0]) ?? 0;
  const current = ints[1] ?? 0;
  const ext = strs.find((s) => /^(s?html?|jsp|php|aspx?)$/i.test(s)) ?? 'html';
  const prefix = strs.find((s) => /^[A-Za-z][\w-]*$/.test(s) && s !== ext) ?? 'index';
  const pageName = (i: number): string => (i === 0 ? `${prefix}.${ext}` : `${prefix}_${i}.${ext}`);
  const pageUrls: string[] = [];
  for (let i = 0; i < total && pageUrls.length < MAX_PAGE_URLS; i++) {
    if (i === current) continue;
    const url = resolveHref(pageName(i), base);
    if (url && url !== stripHash(pageUrl) && sameHost(url, pageUrl)) pageUrls.push(url);
  }
  const next = current + 1 < total ? resolveHref(pageName(current + 1), base) : null;
  return {
    pageUrls,
    nextUrl: next && sameHost(next, pageUrl) ? next : null,
    totalPages: total > 0 ? total : null,
    kind: 'trs-createPageHTML',
  };
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

function fromLinks($: CheerioAPI, base: string, pageUrl: string): PaginationInfo | null {
  const current = stripHash(pageUrl);
  const found = new Map<string, number | null>();
  let nextUrl: string | null = null;
  let maxNumberText = 0;
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
    const isPagerWord = /^(首页|尾页|末页|上一页|上页|前页|最后一页|<|‹|«|<<)$/.test(text);
    if (isNext && !nextUrl) nextUrl = url;
    if (isNumber) maxNumberText = Math.max(maxNumberText, Number(text));
    if (isNext || ((isNumber || isPagerWord) && (pageNo !== null || sameListPath(url, pageUrl)))) {
      if (!found.has(url)) found.set(url, pageNo);
    }
  }
  if (found.size === 0 && !nextUrl) return null;
  const pageUrls = [...found.entries()]
    .sort((a, b) => (a[1] ?? Number.MAX_SAFE_INTEGER) - (b[1] ?? Number.MAX_SAFE_INTEGER))
    .map(([u]) => u);
  const pageText = cleanText(bodyText($));
  const announced = /共\s*(\d+)\s*页/.exec(pageText) ?? /\d+\s*\/\s*(\d+)\s*页/.exec(pageText);
  const totalPages = believablePages(announced ? Number(announced[1]) : maxNumberText > 0 ? maxNumberText : null);
  return { pageUrls, nextUrl, totalPages, kind: 'links' };
}

/** A pager link usually stays in the list's folder (index_2.html next to index.html). */
function sameListPath(url: string, pageUrl: string): boolean {
  const a = new URL(url);
  const b = new URL(pageUrl);
  return a.pathname.slice(0, a.pathname.lastIndexOf('/')) === b.pathname.slice(0, b.pathname.lastIndexOf('/'));
}
