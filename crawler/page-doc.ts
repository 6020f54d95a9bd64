// One parse of a page shared by every extractor (list rows, detail, links, column discovery).
import type { CheerioAPI } from 'cheerio';
import { documentBase, elementsByTag, forgetElements, loadHtml, textOf } from './extract-html.ts';
import { paginationOf, type PaginationInfo } from './pagination.ts';

export interface PageDoc {
  html: string;
  url: string;
  /** The parsed page with script, style, noscript, template, select and option removed (none of them holds rows, text or links). */
  $: CheerioAPI;
  base: string;
  /** Text of the page's scripts, read before they were removed (list builders). */
  scripts: string;
  /** Hanweb JCMS <script type="text/xml"> datastores, read before removal. */
  xmlScripts: string[];
  /** Read before removal (createPageHTML and similar pagers live in scripts); only for pages read as lists. */
  pagination: PaginationInfo | null;
}

const NOT_CONTENT = ['script', 'style', 'noscript', 'template', 'select', 'option'];

function stripNotContent($: CheerioAPI): void {
  const strip = NOT_CONTENT.flatMap((tag) => elementsByTag($, tag));
  if (strip.length > 0) $(strip).remove();
  forgetElements($);
}

export function preparePage(html: string, url: string, opts: { pagination?: boolean } = {}): PageDoc {
  const $ = loadHtml(html);
  const pagination = opts.pagination === false ? null : paginationOf($, url);
  const base = documentBase($, url);
  const scriptEls = elementsByTag($, 'script');
  const scripts = scriptEls.map((el) => textOf(el)).join('\n');
  const xmlScripts = scriptEls
    .filter((el) => el.attribs.type?.toLowerCase() === 'text/xml' || el.attribs.language?.toLowerCase() === 'xml')
    .map((el) => textOf(el));
  stripNotContent($);
  return { html, url, $, base, scripts, xmlScripts, pagination };
}

/** A fresh, separately parsed copy for an extractor that has to remove more than NOT_CONTENT. */
export function reparse(doc: PageDoc): CheerioAPI {
  const $ = loadHtml(doc.html);
  stripNotContent($);
  return $;
}
