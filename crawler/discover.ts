// Finds a unit's columns (指南, 机构职能, 预决算 …) among the links of its home page or of a hub page.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { cleanText, documentBase, hrefAnchors, isElement, normaliseLabel, resolveHref, urlDirectory } from './extract-html.ts';
import { preparePage, type PageDoc } from './page-doc.ts';
import { inDatedRow } from './list-row-link.ts';
import { loadColumnSynonyms, type ColumnSynonymEntry, type ColumnSynonyms } from './extract-vocab.ts';

export { loadColumnSynonyms };
export type { ColumnSynonyms, ColumnSynonymEntry };

export interface DiscoveredColumn {
  key: string;
  label: string;
  url: string;
}

/** The key of the 重点领域 hub: only a container of keyField:<name> sub-columns. */
export const KEY_FIELDS_HUB = 'keyFields';

interface Candidate {
  text: string;
  url: string;
  order: number;
  underBase: boolean;
  inBreadcrumb: boolean;
  /** The link points at the page itself: the page is that column (a 年报 list naming itself in its own nav). */
  isSelf: boolean;
  /** The link is a row of a list, its title beside a date: an article, not a column. */
  datedRow: boolean;
}

interface Match {
  key: string;
  candidate: Candidate;
  exact: boolean;
  /** 1 when the link text is (nearly) just the column name; 0 for longer texts, dated texts, article links. */
  tier: number;
  rank: number;
  synonymLength: number;
}

export const ARTICLE_LINK = /[/_]t\d{8}_\d+|\/art\/\d{4}\/|\/\d{6}\/[^/]+\.s?html?$|\.(pdf|docx?|xlsx?)$/i;

/**
 * Top-level columns of a unit page: every key without a parent, the 重点领域 hub (`keyFields`) and key fields
 * named in full. One link per key: an exact link text beats a containing one, then the more specific synonym,
 * then a link under the page's own folder (the unit's area, not the county-wide menu), then document order.
 */
export function discoverColumns(html: string, baseUrl: string, opts: { synonyms?: ColumnSynonyms } = {}): DiscoveredColumn[] {
  return columnsOf(preparePage(html, baseUrl), opts);
}

export function columnsOf(doc: PageDoc, opts: { synonyms?: ColumnSynonyms } = {}): DiscoveredColumn[] {
  const vocab = opts.synonyms ?? loadColumnSynonyms();
  const baseUrl = doc.url;
  const candidates = linkCandidates(doc.$, baseUrl);
  const entries = vocab.columns.filter((c) => c.parent === null || c.parent === KEY_FIELDS_HUB);
  const hubEntry: ColumnSynonymEntry = {
    key: KEY_FIELDS_HUB,
    parent: null,
    synonyms: vocab.keyFieldsHub.map((text) => ({ text, exact: false, hubOnly: false })),
    exclude: [],
  };
  return pickBest([...entries, hubEntry], candidates, false);
}

/**
 * Sub-columns on a hub page: majorProjects:<category>, shuanggongshi:行政许可/行政处罚, keyField:<name> (parentKey
 * `keyFields`), decisions:目录/预公开/结果/反馈. Links under the hub's folder are preferred over site-wide menus.
 */
export function discoverSubColumns(
  html: string,
  baseUrl: string,
  parentKey: string,
  opts: { synonyms?: ColumnSynonyms } = {},
): DiscoveredColumn[] {
  return subColumnsOf(preparePage(html, baseUrl), parentKey, opts);
}

export function subColumnsOf(doc: PageDoc, parentKey: string, opts: { synonyms?: ColumnSynonyms } = {}): DiscoveredColumn[] {
  const vocab = opts.synonyms ?? loadColumnSynonyms();
  const { $, url: baseUrl } = doc;
  const hubUrl = normaliseUrl(baseUrl);
  const candidates = linkCandidates($, baseUrl).filter((c) => normaliseUrl(c.url) !== hubUrl);
  const entries = vocab.columns.filter((c) => c.parent === parentKey);
  return pickBest(entries, candidates, true);
}

function normaliseUrl(url: string): string {
  return url.replace(/(index\.s?html?|default\.s?html?)$/i, '').replace(/\/$/, '');
}

function linkCandidates($: CheerioAPI, pageUrl: string): Candidate[] {
  const base = documentBase($, pageUrl);
  let dir: string;
  try {
    dir = urlDirectory(pageUrl);
  } catch {
    dir = pageUrl;
  }
  const out: Candidate[] = [];
  const blockHeading = blockHeadings();
  const siteRoot = isSiteRoot(pageUrl);
  const self = normaliseUrl(pageUrl);
  hrefAnchors($).forEach((el, i) => {
    const $a = $(el);
    const url = resolveHref($a.attr('href'), base);
    if (!url) return;
    const underBase = url.startsWith(dir);
    // The header/footer menus belong to the site: on its root page they are the site's own columns; on any page
    // below it they are the county-wide menu, wherever a template's relative links happen to resolve.
    if (!siteRoot && inSiteChrome($, el as Element)) return;
    let texts = [cleanText($a.text()), cleanText($a.attr('title') ?? '')].filter(Boolean);
    if (texts.length === 0) {
      const alt = cleanText($a.find('img').attr('alt') ?? '');
      if (alt) texts.push(alt);
    }
    if (texts.length === 0 || texts.every((t) => MORE_TEXT.test(t.replace(/\s/g, '')))) {
      const heading = blockHeading(el as Element);
      texts = heading ? [heading] : [];
    }
    const inBreadcrumb = isBreadcrumb($, el as Element);
    const datedRow = inDatedRow(el as Element);
    for (const text of texts) {
      out.push({ text, url, order: i, underBase, inBreadcrumb, isSelf: normaliseUrl(url) === self, datedRow });
    }
  });
  return out;
}

/** The home page of a host (path `/`, `/index.html` …): its header menu is its own navigation, not a county's. */
export function isSiteRoot(pageUrl: string): boolean {
  try {
    return /^\/((index|default)\.(s?html?|jsp|aspx?|php))?$/i.test(new URL(pageUrl).pathname);
  } catch {
    return false;
  }
}

export const MORE_TEXT = /^(更多|more|更多>+|more>+|>>|»|查看更多|\+)$/i;
const CHROME = /(^|[\s_-])(header|head|top|topnav|footer|foot|bottom|copyright|submenu|mainnav|topmenu|dhlm)([\s_-]|$)/i;

export function inSiteChrome($: CheerioAPI, el: Element): boolean {
  return $(el)
    .parents()
    .toArray()
    .some((p) => {
      const e = p as Element;
      const tag = e.tagName?.toLowerCase();
      return tag === 'header' || tag === 'footer' || CHROME.test(`${e.attribs?.class ?? ''} ${e.attribs?.id ?? ''}`);
    });
}

/**
 * The title of a column block whose only link is "更多>>" (or an image): the heading text next to it. What a block
 * offers as its title depends on the block alone, so it is worked out once per block and document (a home page with
 * thousands of text-less links in one list asked the same list thousands of times, each a search of its subtree).
 */
function blockHeadings(): (el: Element) => string | null {
  const perBlock = new Map<Element, string | null>();
  const firstHeadingMemo = new Map<Element, Element | null>();
  const anchorInsideMemo = new Map<Element, boolean>();

  const anchorInside = (el: Element): boolean => {
    let v = anchorInsideMemo.get(el);
    if (v === undefined) {
      v = el.children.some((c) => isElement(c) && (c.name === 'a' || anchorInside(c)));
      anchorInsideMemo.set(el, v);
    }
    return v;
  };
  // h1–h5, .title, [class*="title"], [class*="tit"], span, b, strong — with no link in or around it
  const isHeading = (el: Element): boolean => /^(h[1-5]|span|b|strong)$/.test(el.name) || (el.attribs.class ?? '').includes('tit');
  // the first heading below `el` in document order; nothing inside a link counts
  const firstHeading = (el: Element): Element | null => {
    if (firstHeadingMemo.has(el)) return firstHeadingMemo.get(el)!;
    let found: Element | null = null;
    for (const c of el.children) {
      if (!isElement(c) || c.name === 'a') continue;
      if (isHeading(c) && !anchorInside(c)) found = c;
      else found = firstHeading(c);
      if (found) break;
    }
    firstHeadingMemo.set(el, found);
    return found;
  };
  const insideLink = (el: Element): boolean => {
    for (let p = el.parent; p; p = p.parent) if (isElement(p) && p.name === 'a') return true;
    return false;
  };
  const ofBlock = (node: Element): string | null => {
    if (perBlock.has(node)) return perBlock.get(node)!;
    let out: string | null = null;
    const heading = insideLink(node) ? null : firstHeading(node);
    const t = heading ? shortText([heading], 20) : null;
    if (t) out = t;
    else
      out = shortText(
        node.children.filter((c) => !(isElement(c) && c.name === 'a')),
        20,
      );
    perBlock.set(node, out);
    return out;
  };
  return (el: Element): string | null => {
    let node = el.parent;
    for (let depth = 0; depth < 3 && node && isElement(node); depth++) {
      const t = ofBlock(node);
      if (t) return t;
      node = node.parent;
    }
    return null;
  };
}

/** The clean text of the nodes when it is not empty and at most `max` characters; reading stops once it is longer. */
function shortText(nodes: AnyNode[], max: number): string | null {
  let acc = '';
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text' || n.type === 'cdata') {
      if ('data' in n) acc += String(n.data);
      if (acc.length > 4 * max) {
        acc = acc.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ');
        if (acc.trim().length > max) return null;
      }
    } else if (n.type !== 'comment' && n.type !== 'directive' && 'children' in n) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  const t = cleanText(acc);
  return t && t.length <= max ? t : null;
}

export function isBreadcrumb($: CheerioAPI, el: Element): boolean {
  if ($(el).hasClass('CurrChnlCls')) return true;
  return $(el)
    .parents()
    .toArray()
    .some((p) =>
      /breadcrumb|crumb|position|location|dqwz|curpos|mianbao/i.test(
        `${(p as Element).attribs?.class ?? ''} ${(p as Element).attribs?.id ?? ''}`,
      ),
    );
}

function matchEntry(entry: ColumnSynonymEntry, cand: Candidate, inHub: boolean): Omit<Match, 'key' | 'candidate'> | null {
  const label = normaliseLabel(cand.text);
  if (!label || label.length > 40) return null;
  if (entry.exclude.some((w) => label.includes(w))) return null;
  for (let rank = 0; rank < entry.synonyms.length; rank++) {
    const syn = entry.synonyms[rank];
    if (syn.hubOnly && !inHub) continue;
    const exact = label === syn.text;
    if (exact || (!syn.exact && label.includes(syn.text))) {
      const close = exact || label.length - syn.text.length <= 4;
      const dated = /(19|20)\d{2}/.test(label);
      // an article, not a column: a row of a list (title beside its date), or a title longer than a column's name
      // linking to an address shaped like an article (…/202009/t20200903_2748784.html)
      if (cand.datedRow || (ARTICLE_LINK.test(cand.url) && (!close || dated))) return null;
      const articleLike = dated || ARTICLE_LINK.test(cand.url);
      return { exact, tier: close && !articleLike ? 1 : 0, rank, synonymLength: syn.text.length };
    }
  }
  return null;
}

// Within one key the YAML order is the preference (双公示 before 行政许可), after how close the text is to a name.
function better(a: Match, b: Match): boolean {
  if (a.tier !== b.tier) return a.tier > b.tier;
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.exact !== b.exact) return a.exact;
  if (a.candidate.inBreadcrumb !== b.candidate.inBreadcrumb) return !a.candidate.inBreadcrumb;
  if (a.candidate.isSelf !== b.candidate.isSelf) return !a.candidate.isSelf;
  if (a.candidate.underBase !== b.candidate.underBase) return a.candidate.underBase;
  return a.candidate.order < b.candidate.order;
}

function pickBest(entries: ColumnSynonymEntry[], candidates: Candidate[], inHub: boolean): DiscoveredColumn[] {
  // A link text is claimed by the key whose synonym fits it best (政策文件解读 → interpretations, not policies).
  const perCandidate = new Map<Candidate, Match>();
  for (const cand of candidates) {
    let best: Match | null = null;
    for (const entry of entries) {
      const m = matchEntry(entry, cand, inHub);
      if (!m) continue;
      const match: Match = { key: entry.key, candidate: cand, ...m };
      if (!best || specificity(match) > specificity(best)) best = match;
    }
    if (best) perCandidate.set(cand, best);
  }
  const byKey = new Map<string, Match>();
  for (const m of perCandidate.values()) {
    const cur = byKey.get(m.key);
    if (!cur || better(m, cur)) byKey.set(m.key, m);
  }
  return entries
    .map((e) => byKey.get(e.key))
    .filter((m): m is Match => m !== undefined)
    .map((m) => ({ key: m.key, label: m.candidate.text, url: m.candidate.url }));
}

function specificity(m: Match): number {
  return (m.exact ? 1000 : 0) + m.synonymLength * 10 - Math.min(m.rank, 9) / 10;
}
