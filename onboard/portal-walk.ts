// From a portal's home to its 政府信息公开 platform and the pages that list the units (乡镇/部门 navigation),
// following at most a few levels, only on the portal's own hosts, with the crawler's polite fetcher.
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { countyConfigSchema } from '../config/index.ts';
import { createFetcher, createScopeGuardFromHosts, decodeHtml, resolveHref as resolve, type Fetcher } from '../crawler/index.ts';
import type { NavEntry } from './name-match.ts';
import { entryName } from './name-match.ts';
import { looksLikeUnitName } from './name-parts.ts';
import { onboardWords } from './words.ts';

export interface WalkedPage {
  url: string;
  /** Why it was read: 门户首页, 政府信息公开平台, 单位导航页, 政务新媒体页. */
  role: string;
  /** The link text that led here (null for the home). */
  via: string | null;
  status: number | null;
  error: string | null;
}

export interface PortalWalk {
  home: WalkedPage;
  platform: WalkedPage | null;
  pages: WalkedPage[];
  entries: NavEntry[];
  newMediaPages: { url: string; html: string }[];
  /** From the home's SiteName / title (临猗县人民政府 → 临猗县), when the office gave no --county. */
  countyGuess: string | null;
  hosts: string[];
}

export interface WalkOptions {
  fetcher?: Fetcher;
  maxPages?: number;
  politeness?: { concurrencyPerHost: number; delayMs: number };
}

/** The portal's host and, for www.x.gov.cn, every host under x.gov.cn (信息公开 often has its own: 靖安 xxgk.…). */
export function portalHosts(portalUrl: string): string[] {
  const host = new URL(portalUrl).hostname.toLowerCase();
  if (/^\d+\.\d+\.\d+\.\d+$|^\[|^localhost$/.test(host)) return [host];
  const base = host.replace(/^www\./, '');
  return [host, `*.${base}`];
}

function linkText($: cheerio.CheerioAPI, el: Element): string {
  const t = $(el)
    .text()
    .replace(/[\s\u00a0\u3000]+/g, '');
  return t || ($(el).attr('title') ?? '').replace(/\s+/g, '');
}

function pageBase($: cheerio.CheerioAPI, url: string): string {
  return resolve($('base[href]').attr('href'), url) ?? url;
}

/** Links whose text is one of `words`: an exact text first, then the earlier word, then document order. */
function linksNamed($: cheerio.CheerioAPI, base: string, words: string[]): { text: string; url: string }[] {
  const out: { text: string; url: string; rank: number; order: number }[] = [];
  $('a[href]').each((order, el) => {
    const text = linkText($, el).normalize('NFKC');
    const url = resolve($(el).attr('href'), base);
    if (!url || !text || text.length > 20) return;
    const at = words.findIndex((w) => text === w.normalize('NFKC'));
    const inside = at >= 0 ? at : words.findIndex((w) => text.includes(w.normalize('NFKC')));
    if (inside < 0) return;
    out.push({ text, url, rank: (at >= 0 ? 0 : 100) + inside, order });
  });
  return out.sort((a, b) => a.rank - b.rank || a.order - b.order);
}

const STRING_LITERAL = /(["'])((?:\\.|(?!\1)[^\\\n])*)\1/g;
const URL_LIKE = /^(https?:\/\/|\/|\.\.?\/)|\.(s?html?|jsp|aspx?|php)(\?|$)/i;

function unescapeJs(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/g, '$1');
}

/** Unit entries of one page: links, select-box options, and name/address pairs in inline scripts. */
export function navEntriesOf(html: string, pageUrl: string): NavEntry[] {
  const $ = cheerio.load(html);
  const base = pageBase($, pageUrl);
  const out: NavEntry[] = [];
  const add = (text: string, href: string | undefined, how: string) => {
    const url = resolve(href, base);
    const name = text.replace(/[\s\u00a0\u3000]+/g, '');
    if (url && looksLikeUnitName(entryName(name))) out.push({ text: name, url, how, page: pageUrl });
  };
  $('a[href]').each((_, el) => add(linkText($, el), $(el).attr('href'), '页面链接'));
  $('select option').each((_, el) => {
    const value = $(el).attr('value') ?? '';
    if (URL_LIKE.test(value.trim())) add($(el).text(), value, '下拉框');
  });
  $('script:not([src])').each((_, el) => {
    const code = $(el).text();
    const literals = [...code.matchAll(STRING_LITERAL)].map((m) => unescapeJs(m[2]));
    literals.forEach((lit, i) => {
      if (lit.includes('<a')) {
        const frag = cheerio.load(lit);
        frag('a[href]').each((_, a) => add(frag(a).text(), frag(a).attr('href'), '脚本生成的列表'));
        return;
      }
      if (!looksLikeUnitName(entryName(lit))) return;
      const near = [literals[i + 1], literals[i + 2], literals[i - 1]].find((s) => s !== undefined && URL_LIKE.test(s));
      if (near) add(lit, near, '脚本生成的列表');
    });
    // JSON-like data: "name": "…", "url": "…" pairs are covered above; nothing else is guessed from code
  });
  const seen = new Set<string>();
  return out.filter((e) => {
    const key = `${e.text}\u0000${e.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function countyFromHome($: cheerio.CheerioAPI): string | null {
  const texts = [$('meta[name="SiteName"]').attr('content') ?? '', $('title').text()];
  for (const t of texts) {
    const m = /([\p{Script=Han}]{1,8}?(?:自治县|县|市|区|旗))人民政府/u.exec(t);
    if (m) return m[1];
  }
  return null;
}

/** The crawler's polite fetcher limited to the portal's hosts (what zwgk init reads with). */
export function portalFetcher(portalUrl: string, politeness?: { concurrencyPerHost: number; delayMs: number }): Fetcher {
  return createFetcher({
    crawl: countyConfigSchema.shape.crawl.parse(undefined),
    politeness: politeness ?? { concurrencyPerHost: 2, delayMs: 250 },
    scope: createScopeGuardFromHosts(portalHosts(portalUrl)),
    respectRobots: true,
  });
}

/**
 * Reads the home, the 政府信息公开 platform it links to, and from there the 部门/乡镇 pages and the 政务新媒体
 * page (three levels at most, `maxPages` pages). Unit homes are read afterwards by zwgk init (init-columns.ts).
 */
export async function walkPortal(portalUrl: string, opts: WalkOptions = {}): Promise<PortalWalk> {
  const words = onboardWords();
  const hosts = portalHosts(portalUrl);
  const scope = createScopeGuardFromHosts(hosts);
  const own = !opts.fetcher;
  const fetcher = opts.fetcher ?? portalFetcher(portalUrl, opts.politeness);
  const maxPages = opts.maxPages ?? 30;
  const pages: WalkedPage[] = [];
  const entries: NavEntry[] = [];
  const newMediaPages: { url: string; html: string }[] = [];
  const visited = new Set<string>();

  async function read(
    url: string,
    role: string,
    via: string | null,
  ): Promise<{ page: WalkedPage; $: cheerio.CheerioAPI | null; html: string }> {
    visited.add(url);
    const r = await fetcher.fetch(url);
    const page: WalkedPage = { url: r.finalUrl, role, via, status: r.status, error: r.ok ? null : (r.errorMessage ?? `HTTP ${r.status}`) };
    pages.push(page);
    if (!r.ok || !r.body) return { page, $: null, html: '' };
    const html = decodeHtml(r.body, r.headers['content-type'] ?? null).text;
    return { page, $: cheerio.load(html), html };
  }

  try {
    const home = await read(portalUrl, '门户首页', null);
    if (!home.$) return { home: home.page, platform: null, pages, entries, newMediaPages, countyGuess: null, hosts };
    const countyGuess = countyFromHome(home.$);
    const homeBase = pageBase(home.$, home.page.url);
    const newMediaQueue: { url: string; via: string }[] = linksNamed(home.$, homeBase, words.newMediaLinks).map((l) => ({
      url: l.url,
      via: l.text,
    }));
    // the platform: the best-named in-scope link of the home (the home itself when it is the platform)
    const platformLink = linksNamed(home.$, homeBase, words.platformLinks).find(
      (l) => scope.check(l.url).allowed && l.url !== home.page.url,
    );
    let platform: WalkedPage | null = null;
    const listQueue: { url: string; via: string; depth: number }[] = [];
    const takeEntries = (html: string, url: string) => entries.push(...navEntriesOf(html, url));
    if (platformLink) {
      const p = await read(platformLink.url, '政府信息公开平台', platformLink.text);
      platform = p.page;
      if (p.$) {
        takeEntries(p.html, p.page.url);
        const base = pageBase(p.$, p.page.url);
        for (const l of linksNamed(p.$, base, words.unitListLinks)) listQueue.push({ url: l.url, via: l.text, depth: 2 });
        for (const l of linksNamed(p.$, base, words.newMediaLinks)) newMediaQueue.push({ url: l.url, via: l.text });
      }
    } else {
      takeEntries(home.html, home.page.url);
      for (const l of linksNamed(home.$, homeBase, words.unitListLinks)) listQueue.push({ url: l.url, via: l.text, depth: 1 });
    }
    while (listQueue.length > 0 && pages.length < maxPages) {
      const next = listQueue.shift()!;
      if (visited.has(next.url) || !scope.check(next.url).allowed) continue;
      const p = await read(next.url, '单位导航页', next.via);
      if (!p.$) continue;
      takeEntries(p.html, p.page.url);
      if (next.depth < 3) {
        for (const l of linksNamed(p.$, pageBase(p.$, p.page.url), words.unitListLinks))
          listQueue.push({ url: l.url, via: l.text, depth: next.depth + 1 });
      }
    }
    for (const nm of newMediaQueue) {
      if (visited.has(nm.url) || !scope.check(nm.url).allowed || pages.length >= maxPages + 2) continue;
      const p = await read(nm.url, '政务新媒体页', nm.via);
      if (p.$) newMediaPages.push({ url: p.page.url, html: p.html });
    }
    return { home: home.page, platform, pages, entries, newMediaPages, countyGuess, hosts };
  } finally {
    if (own) await fetcher.close();
  }
}
