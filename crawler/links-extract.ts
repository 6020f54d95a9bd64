// Every link of a page that a link check should follow: a/area href, (i)frame src, embedded attachments.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { cleanText, documentBase, loadHtml, resolveHref } from './extract-html.ts';

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

/** Same as extractLinks on an already loaded document, optionally only inside `scope` (a selector or element). */
export function linksOf($: CheerioAPI, pageUrl: string, scope?: Parameters<CheerioAPI>[0]): ExtractedLink[] {
  const base = documentBase($, pageUrl);
  const byUrl = new Map<string, ExtractedLink>();
  const root = scope === undefined ? $.root() : $(scope);
  const add = (raw: string | undefined, text: string): void => {
    const url = resolveHref(raw, base);
    if (!url) return;
    const existing = byUrl.get(url);
    if (!existing) byUrl.set(url, { text, url });
    else if (!existing.text && text) existing.text = text;
  };
  root.find('a[href], area[href], iframe[src], frame[src], embed[src], object[data], source[src]').each((_, el) => {
    const $el = $(el);
    const tag = el.tagName.toLowerCase();
    if (insideNonMarkup(el as Element)) return;
    if (tag === 'a' || tag === 'area') {
      add($el.attr('href'), cleanText($el.text()) || cleanText($el.attr('title') ?? $el.attr('alt') ?? ''));
    } else if (tag === 'object') {
      const data = $el.attr('data');
      if (data && ATTACHMENT.test(data)) add(data, cleanText($el.attr('title') ?? ''));
    } else if (tag === 'embed' || tag === 'source') {
      const src = $el.attr('src');
      if (src && ATTACHMENT.test(src)) add(src, cleanText($el.attr('title') ?? ''));
    } else {
      add($el.attr('src'), cleanText($el.attr('title') ?? ''));
    }
  });
  return [...byUrl.values()];
}

export function isAttachmentUrl(url: string): boolean {
  return ATTACHMENT.test(new URL(url).pathname);
}
