// One parse of a page shared by every extractor (list rows, detail, links, column discovery).
import type { CheerioAPI } from 'cheerio';
import { documentBase, loadHtml } from './extract-html.ts';
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

const NOT_CONTENT = 'script, style, noscript, template, select, option';

export function preparePage(html: string, url: string, opts: { pagination?: boolean } = {}): PageDoc {
  const $ = loadHtml(html);
  const pagination = opts.pagination === false ? null : paginationOf($, url);
  const base = documentBase($, url);
  const scriptEls = $('script').toArray();
  const scripts = scriptEls.map((el) => $(el).text()).join('\n');
  const xmlScripts = $('script[type="text/xml"], script[language="xml"]').toArray().map((el) => $(el).text());
  $(NOT_CONTENT).remove();
  return { html, url, $, base, scripts, xmlScripts, pagination };
}

/** A fresh, separately parsed copy for an extractor that has to remove more than NOT_CONTENT. */
export function reparse(doc: PageDoc): CheerioAPI {
  const $ = loadHtml(doc.html);
  $(NOT_CONTENT).remove();
  return $;
}
