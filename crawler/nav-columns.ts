// The other columns of a unit's own navigation (人事信息, 规划计划, 通知公告 …): every link of the block of short
// labels that holds the unit's known columns, not the county-wide header menu or the footer. 19号's 栏目不更新 and
// 空白栏目 count every column of the site, not only the ones a fixed key names.
import type { Element } from 'domhandler';
import { cleanText, hrefAnchors, isElement, normaliseLabel, resolveHref, sameHost, textOf, urlDirectory } from './extract-html.ts';
import { preparePage, type PageDoc } from './page-doc.ts';
import { linksOf } from './links-extract.ts';
import { ARTICLE_LINK, columnsOf, isBreadcrumb, isSiteRoot, MORE_TEXT, inSiteChrome, type DiscoveredColumn } from './discover.ts';
import { loadColumnKindWords, loadColumnSynonyms, type ColumnKindWord } from './extract-vocab.ts';

/** Key prefix of a navigation column: nav:人事信息. */
export const NAV_PREFIX = 'nav:';

export interface NavColumn {
  label: string;
  url: string;
}

/** A column's kind by the words of its label (the longest matching word wins), or null when none matches. */
export function columnKindOf(label: string, words: ColumnKindWord[] = loadColumnKindWords()): { kind: string; word: string } | null {
  const text = normaliseLabel(label);
  const w = words.find((k) => text.includes(k.text));
  return w ? { kind: w.kind, word: w.text } : null;
}

const MAX_LABEL = 16;
const YEAR = /(19|20)\d{2}/;

/** A link that reads as a column name: a short label, not a dated article, not "更多". */
function navLabel(el: Element): string | null {
  const text = cleanText(textOf(el)) || cleanText(el.attribs.title ?? '');
  const label = normaliseLabel(text);
  if (label.length < 2 || label.length > MAX_LABEL || YEAR.test(label) || MORE_TEXT.test(label) || label.startsWith('更多')) return null;
  return text;
}

interface BlockStats {
  navLinks: number;
  allLinks: number;
  /** Visible characters outside links (headings, separators); a block of labels has few. */
  otherChars: number;
}

function blockStats(isNavLink: (a: Element) => boolean): (el: Element) => BlockStats {
  const memo = new Map<Element, BlockStats>();
  const of = (el: Element): BlockStats => {
    const known = memo.get(el);
    if (known) return known;
    const s: BlockStats = { navLinks: 0, allLinks: 0, otherChars: 0 };
    if (el.name === 'a') {
      s.allLinks = el.attribs.href !== undefined ? 1 : 0;
      s.navLinks = isNavLink(el) ? 1 : 0;
    } else {
      for (const c of el.children) {
        if (isElement(c)) {
          const k = of(c);
          s.navLinks += k.navLinks;
          s.allLinks += k.allLinks;
          s.otherChars += k.otherChars;
        } else if (c.type === 'text')
          s.otherChars += ('data' in c ? String(c.data) : '').replace(/[\s\u00a0\u3000\u200b·|｜>»,，、]+/g, '').length;
      }
    }
    memo.set(el, s);
    return s;
  };
  return of;
}

// A menu: at least three column links, nearly every link of it one, little text besides (group headings of a few
// characters each; a page title or a paragraph beside the menu makes the block the page, not the menu). A block of
// more links than a unit has columns is a directory of units or the menus of a whole page run together.
const MAX_MENU_LINKS = 40;
const isMenu = (s: BlockStats) =>
  s.navLinks >= 3 && s.navLinks <= MAX_MENU_LINKS && s.navLinks >= 0.8 * s.allLinks && s.otherChars <= 10 + 2.5 * s.navLinks;

/** The largest menu block around each candidate link (climbing while the ancestor is still a menu). */
function menuBlocks(candidates: Element[], stats: (el: Element) => BlockStats): Map<Element, Element[]> {
  const blocks = new Map<Element, Element[]>();
  for (const a of candidates) {
    let block: Element | null = null;
    for (let p = a.parent, depth = 0; p && isElement(p) && depth < 10; p = p.parent, depth++) {
      if (p.name === 'body' || p.name === 'html') break;
      if (isMenu(stats(p))) block = p;
      else if (block) break;
    }
    if (!block) continue;
    const list = blocks.get(block) ?? [];
    list.push(a);
    blocks.set(block, list);
  }
  return blocks;
}

const sameAddress = (a: string, b: string) => {
  const norm = (u: string) => u.replace(/\/((index|default)\.s?html?)?$/i, '');
  return norm(a) === norm(b);
};

/** The page's menu blocks (blocks of short column labels), each with its links, outside the site's header and footer. */
export function menusOf(doc: PageDoc): NavColumn[][] {
  const { $ } = doc;
  const siteRoot = isSiteRoot(doc.url);
  const labels = new Map<Element, { label: string; url: string }>();
  for (const a of hrefAnchors($)) {
    const url = resolveHref(a.attribs.href, doc.base);
    const label = url && !ARTICLE_LINK.test(url) ? navLabel(a) : null;
    if (!url || !label || isSiteRoot(url) || isBreadcrumb($, a) || (!siteRoot && inSiteChrome($, a))) continue;
    labels.set(a, { label, url });
  }
  const stats = blockStats((a) => labels.has(a));
  return [...menuBlocks([...labels.keys()], stats).values()].map((links) => links.map((a) => labels.get(a)!));
}

/**
 * Columns of the unit's navigation that no fixed key claimed. The navigation is a menu block (a block of short
 * labels) holding a column that discovery found by its name; the county-wide header and footer are
 * left out (except on a site's root page, whose menu is its own). In document order, one per address and label.
 */
export function navColumnsOf(doc: PageDoc, claimed: DiscoveredColumn[]): NavColumn[] {
  const fixedNames = loadColumnSynonyms().columns.flatMap((c) => c.synonyms.filter((s) => !s.hubOnly).map((s) => s.text));
  const claimedUrls = claimed.map((c) => c.url);
  const out: NavColumn[] = [];
  const seen = new Set<string>();
  for (const entries of menusOf(doc)) {
    const holdsKnown = entries.some((e) => claimedUrls.some((u) => sameAddress(u, e.url)));
    if (!holdsKnown) continue;
    for (const e of entries) {
      const name = normaliseLabel(e.label);
      if (claimedUrls.some((u) => sameAddress(u, e.url)) || sameAddress(e.url, doc.url)) continue;
      // a second link to a fixed column (another 政策文件 link) is that column, not another one
      if (fixedNames.some((n) => name === n)) continue;
      if (seen.has(e.url) || seen.has(name)) continue;
      seen.add(e.url).add(name);
      out.push(e);
    }
  }
  return out;
}

/** The sub-columns of a column page read from its HTML (tests): see subColumnCount. */
export function pageSubColumns(html: string, url: string, unitColumns: readonly string[] = []): number {
  const doc = preparePage(html, url, { pagination: false });
  return subColumnCount({ url, links: linksOf(doc.$, doc.url), menus: menusOf(doc) }, [], unitColumns);
}

/** The navigation columns of a page, beside the fixed columns discovery finds on it (tests, bench). */
export function discoverNavColumns(html: string, url: string): NavColumn[] {
  const doc = preparePage(html, url, { pagination: false });
  return navColumnsOf(doc, columnsOf(doc));
}

/**
 * Columns below a column page: links to folders under it (./rsrm/, ./zkly/ under 人事信息/), and the links of a menu
 * on it that is not the unit's navigation (a menu holding the page itself or another column of the unit is that
 * navigation). A page of sub-columns is a navigation page, not a blank column. Rows, articles and the page's own
 * pagination files are not sub-columns.
 */
export function subColumnCount(
  page: { url: string; links: { text: string; url: string }[]; menus: NavColumn[][] },
  rows: { url: string }[],
  unitColumns: readonly string[] = [],
): number {
  let dir: string;
  try {
    dir = urlDirectory(page.url);
  } catch {
    return 0;
  }
  const rowUrls = new Set(rows.map((r) => r.url));
  const subs = new Set<string>();
  for (const l of page.links) {
    const rest = l.url.startsWith(dir) ? l.url.slice(dir.length).split(/[?#]/)[0] : '';
    const label = normaliseLabel(l.text);
    if (!rest.includes('/') || rowUrls.has(l.url) || ARTICLE_LINK.test(l.url)) continue;
    if (label.length >= 2 && label.length <= MAX_LABEL && !YEAR.test(label)) subs.add(`${dir}${rest.slice(0, rest.indexOf('/'))}`);
  }
  const ownNav = (menu: NavColumn[]) => menu.some((e) => sameAddress(e.url, page.url) || unitColumns.some((u) => sameAddress(u, e.url)));
  for (const menu of page.menus) {
    if (ownNav(menu)) continue;
    for (const e of menu)
      if (sameHost(e.url, page.url) && !rowUrls.has(e.url)) subs.add(e.url.replace(/\/((index|default)\.s?html?)?$/i, ''));
  }
  return subs.size;
}
