// What a reader sees on a page, block by block (one line per paragraph, list item, cell row …), with its tables:
// the content-safety checks read homes, static column pages and list pages through it. Scripts, styles and
// <select> options are gone already (page-doc); navigation and footers stay, since they are text the unit
// publishes too — the checks read a line repeated on every page once.
import type { Element } from 'domhandler';
import { blockText, extractTables, type DetailTable } from './detail-extract.ts';
import { cleanText, elementsByTag, textOf } from './extract-html.ts';
import type { PageDoc } from './page-doc.ts';

export interface PageText {
  title: string;
  text: string;
  tables: DetailTable[];
}

/** Text beyond this many characters is not kept (a page is not an archive; the detail reading has its own cap). */
const MAX_CHARS = 200_000;

export function pageTextOf(doc: PageDoc): PageText {
  const { $ } = doc;
  const titleEl = elementsByTag($, 'title')[0];
  const body = elementsByTag($, 'body')[0] ?? ($.root()[0] as unknown as Element);
  const text = blockText($, body);
  return {
    title: titleEl ? cleanText(textOf(titleEl)) : '',
    text: text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text,
    tables: extractTables($, elementsByTag($, 'body')[0] ?? null),
  };
}
