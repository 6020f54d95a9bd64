// Small shared helpers of the extractors: loading HTML, normalising text, resolving URLs.
import type { CheerioAPI } from 'cheerio';

/** Collapses all whitespace (also &nbsp; and the ideographic space) into single spaces. */
export function cleanText(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

/** Link text for matching: no whitespace, no decoration (>>, 更多, brackets, bullets). */
export function normaliseLabel(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b]+/g, '')
    .replace(/^[·•>»›\-—\d.、]+/, '')
    .replace(/[>»›]+$/, '')
    .replace(/^[[【(（]|[\]】)）]$/g, '')
    .replace(/更多$/, '');
}

import { isElement } from './html-parse.ts';
export { loadHtml, loadFragment, isElement } from './html-parse.ts';

const NOT_SHOWN = new Set(['head', 'title']);

/**
 * The text a reader sees: everything outside <head> and <title>. (Not just the <body> element's: a page may lack
 * <body>, have two, or carry content after </body>, which a browser all shows in the one body.)
 */
export function bodyText($: CheerioAPI): string {
  let out = '';
  const walk = (n: AnyNode): void => {
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if ('children' in n && !(isElement(n) && NOT_SHOWN.has(n.name))) for (const k of n.children) walk(k);
  };
  walk($.root()[0]);
  return out;
}

/** The document base: <base href> resolved against the page URL. */
export function documentBase($: CheerioAPI, pageUrl: string): string {
  const href = elementsByTag($, 'base').find((el) => el.attribs.href !== undefined)?.attribs.href;
  if (href) {
    try {
      return new URL(href.trim(), pageUrl).href;
    } catch {
      return pageUrl;
    }
  }
  return pageUrl;
}

/** Absolute http(s) URL without fragment, or null for javascript:, mailto:, tel:, '#' and unparsable hrefs. */
export function resolveHref(href: string | undefined, base: string): string | null {
  if (href === undefined) return null;
  if (href.length > 2048) return resolveUncached(href, base); // data: URIs and the like: not worth keeping
  // the extractors of one page resolve the same anchors three or four times over (rows, links, pager, columns)
  const key = `${base}\n${href}`;
  const known = resolved.get(key);
  if (known !== undefined) return known;
  const url = resolveUncached(href, base);
  if (resolved.size >= RESOLVED_ENTRIES) resolved.clear();
  resolved.set(key, url);
  return url;
}

const RESOLVED_ENTRIES = 4096;
const resolved = new Map<string, string | null>();

function resolveUncached(href: string, base: string): string | null {
  const h = href.trim();
  if (!h || h.startsWith('#')) return null;
  if (/^(javascript|mailto|tel|sms|data|about|weixin):/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

export function sameHost(a: string, b: string): boolean {
  try {
    return new URL(a).host === new URL(b).host;
  } catch {
    return false;
  }
}

/** The directory of a URL (everything up to the last '/'). */
export function urlDirectory(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href.slice(0, u.href.lastIndexOf('/') + 1);
}

type AnyNode = import('domhandler').AnyNode;

/** The text of a node and its descendants (what cheerio's .text() returns), without wrapping it in a Cheerio object. */
export function textOf(node: AnyNode): string {
  if (node.type === 'text' || node.type === 'cdata') return 'data' in node ? String(node.data) : textOfChildren(node);
  if (node.type === 'comment' || node.type === 'directive') return '';
  return textOfChildren(node);
}

function textOfChildren(node: AnyNode): string {
  const kids = 'children' in node ? node.children : [];
  let out = '';
  for (const k of kids) out += textOf(k);
  return out;
}

/**
 * The text of a node, or null as soon as it holds more than `maxVisible` non-whitespace characters: a cheap
 * "is this short?" for checks that run on every element (reading the whole text of every ancestor is quadratic).
 */
export function shortTextOf(node: AnyNode, maxVisible: number): string | null {
  let visible = 0;
  let out = '';
  const walk = (n: AnyNode): boolean => {
    if (n.type === 'text') {
      const data = (n as unknown as { data: string }).data;
      out += data;
      visible += data.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '').length;
      return visible <= maxVisible;
    }
    if (n.type === 'comment' || n.type === 'directive') return true;
    if ('children' in n) for (const k of n.children) if (!walk(k)) return false;
    return true;
  };
  return walk(node) ? out : null;
}

type Element = import('domhandler').Element;

/** The elements below `node`, in document order (not `node` itself), <template> content included as cheerio's find does. */
export function descendants(node: { children: AnyNode[] }): Element[] {
  const out: Element[] = [];
  const walk = (n: { children: AnyNode[] }): void => {
    for (const c of n.children) {
      if (isElement(c)) {
        out.push(c);
        walk(c);
      } else if (c.type === 'root') walk(c); // a <template>'s content is a fragment of its own
    }
  };
  walk(node);
  return out;
}

/** The nearest of `el` and its element ancestors whose tag is in `tags`. */
export function closestTag(el: Element, tags: ReadonlySet<string>): Element | null {
  for (let p: Element | null = el; p && p.type === 'tag'; p = p.parent && p.parent.type === 'tag' ? (p.parent as Element) : null) {
    if (tags.has(p.tagName.toLowerCase())) return p;
  }
  return null;
}

/** Anchors with an href, in document order (what `$('a[href]')` selects). */
export function hrefAnchors($: CheerioAPI): Element[] {
  return elementsByTag($, 'a').filter((a) => a.attribs.href !== undefined);
}

interface TagIndex {
  all: Element[];
  byTag: Map<string, Element[]>;
}
const tagIndexes = new WeakMap<CheerioAPI, TagIndex>();
const NONE: readonly Element[] = Object.freeze([]);

/**
 * The document's elements in document order, from one walk per document. Every extractor asks for the page's
 * anchors, scripts, tables …; a selector query per question walked the whole tree each time (a fifth of the
 * parse worker's time). Call `forgetElements` after removing elements from the document.
 */
function indexOf($: CheerioAPI): TagIndex {
  let index = tagIndexes.get($);
  if (!index) {
    const all = descendants($.root()[0]);
    const byTag = new Map<string, Element[]>();
    for (const el of all) {
      const list = byTag.get(el.name);
      if (list) list.push(el);
      else byTag.set(el.name, [el]);
    }
    index = { all, byTag };
    tagIndexes.set($, index);
  }
  return index;
}

/** Elements with this (lower-case) tag name, in document order. */
export function elementsByTag($: CheerioAPI, tag: string): readonly Element[] {
  return indexOf($).byTag.get(tag) ?? NONE;
}

/** Every element, in document order. */
export function allElements($: CheerioAPI): readonly Element[] {
  return indexOf($).all;
}

export function forgetElements($: CheerioAPI): void {
  tagIndexes.delete($);
}

/** Whether an element holds a link: an <a href> among its descendants (the element itself not counted). */
export function holdsLink(el: Element): boolean {
  return el.children.some((c) => isElement(c) && ((c.name === 'a' && c.attribs.href !== undefined) || holdsLink(c)));
}

/** The element children of `el`. */
export function childElements(el: Element): Element[] {
  return el.children.filter(isElement);
}

function hasClass(el: Element, name: string): boolean {
  const c = el.attribs.class;
  return c !== undefined && (c === name || c.split(/[\t\n\f\r ]+/).includes(name));
}

function compoundSelector(s: string): (el: Element) => boolean {
  const m = /^([a-z][a-z0-9-]*)?(?:([.#])([\w-]+))?$/i.exec(s);
  if (!m || (!m[1] && !m[2])) throw new Error(`unsupported selector: ${s}`);
  const tag = m[1]?.toLowerCase();
  const kind = m[2];
  const name = m[3];
  return (el) =>
    (tag === undefined || el.name === tag) && (kind === undefined || (kind === '#' ? el.attribs.id === name : hasClass(el, name)));
}

/**
 * A matcher for the simple selectors of the extractors' lists — `tag`, `.class`, `#id`, `tag.class` and
 * descendant chains of them ("A B") — matching what cheerio's select would, without a tree walk per selector.
 */
export function simpleSelector(selector: string): (el: Element) => boolean {
  const parts = selector.trim().split(/\s+/).map(compoundSelector);
  const self = parts.pop()!;
  if (parts.length === 0) return self;
  return (el) => {
    if (!self(el)) return false;
    let i = parts.length - 1;
    for (let p = el.parent; p && p.type !== 'root' && i >= 0; p = p.parent) if (parts[i](p as Element)) i--;
    return i < 0;
  };
}
