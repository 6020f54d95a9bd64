// Every link of a page that a link check should follow: a/area href, (i)frame src, embedded attachments.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { allElements, cleanText, descendants, documentBase, loadHtml, resolveHref, textOf } from './extract-html.ts';

export interface ExtractedLink {
  text: string;
  url: string;
}

const ATTACHMENT = /\.(pdf|docx?|xlsx?|wps|et|zip|rar|7z|ofd|txt|csv|pptx?)(\?|$)/i;

/**
 * Links in document order, one per target URL (the first non-empty text kept). Comments and script/style
 * content are not markup, so links inside them are ignored; <base href> is respected.
 */
export function extractLinks(html: string, baseUrl: string): ExtractedLink[] {
  return linksOf(loadHtml(html), baseUrl);
}

const NOT_MARKUP = new Set(['script', 'style', 'noscript', 'template']);

function insideNonMarkup(el: Element): boolean {
  for (let p = el.parent; p && p.type !== 'root'; p = p.parent) {
    if ('tagName' in p && NOT_MARKUP.has((p as Element).tagName.toLowerCase())) return true;
  }
  return false;
}

const SOURCE_ATTR = new Map([
  ['a', 'href'],
  ['area', 'href'],
  ['iframe', 'src'],
  ['frame', 'src'],
  ['embed', 'src'],
  ['object', 'data'],
  ['source', 'src'],
]);

/** Same as extractLinks on an already loaded document, optionally only below the element `scope`. */
export function linksOf($: CheerioAPI, pageUrl: string, scope?: Element): ExtractedLink[] {
  const base = documentBase($, pageUrl);
  const byUrl = new Map<string, ExtractedLink>();
  const add = (raw: string | undefined, text: string): void => {
    const url = resolveHref(raw, base);
    if (!url) return;
    const existing = byUrl.get(url);
    if (!existing) byUrl.set(url, { text, url });
    else if (!existing.text && text) existing.text = text;
  };
  for (const el of scope === undefined ? allElements($) : descendants(scope)) {
    const tag = el.name;
    const attr = SOURCE_ATTR.get(tag);
    const raw = attr === undefined ? undefined : el.attribs[attr];
    if (raw === undefined || insideNonMarkup(el)) continue;
    const title = el.attribs.title;
    if (tag === 'a' || tag === 'area') add(raw, cleanText(textOf(el)) || cleanText(title ?? el.attribs.alt ?? ''));
    else if (tag === 'object' || tag === 'embed' || tag === 'source') {
      if (ATTACHMENT.test(raw)) add(raw, cleanText(title ?? ''));
    } else add(raw, cleanText(title ?? ''));
  }
  return [...byUrl.values()];
}

export function isAttachmentUrl(url: string): boolean {
  return ATTACHMENT.test(new URL(url).pathname);
}
