// Small shared helpers of the extractors: loading HTML, normalising text, resolving URLs.
import * as cheerio from 'cheerio';
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

export function loadHtml(html: string): CheerioAPI {
  return cheerio.load(html);
}

/** The document base: <base href> resolved against the page URL. */
export function documentBase($: CheerioAPI, pageUrl: string): string {
  const href = $('base[href]').first().attr('href');
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
