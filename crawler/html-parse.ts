// Parsing a page into the tree every extractor reads. htmlparser2 first: it is about twice as fast as parse5, and
// parsing is the largest share of a crawl's CPU. But htmlparser2 closes an omitted </li>, </td>, </p> … only when
// that element is the innermost open one, so tag soup such as `<li><span>date<a>title<li>…` comes out nested where a
// browser shows siblings. Such a tree is recognised afterwards and the page parsed again with parse5, the HTML
// standard's tree builder (what a browser shows). On well-formed pages both give the same extraction.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const FAST = { xml: { xmlMode: false, decodeEntities: true } } as const;

export function loadHtml(html: string): CheerioAPI {
  const $ = cheerio.load(html, FAST);
  return differsFromBrowserTree($.root()[0]) ? cheerio.load(html) : $;
}

/** A piece of markup (not a document: no <html>/<body> around it). */
export function loadFragment(html: string): CheerioAPI {
  const $ = cheerio.load(html, FAST, false);
  return differsFromBrowserTree($.root()[0]) ? cheerio.load(html, null, false) : $;
}

// What is open around an element, as bits; an element of the set in `CLOSES` cannot stand inside an open one of
// its own kind (the standard closes the open one first) unless a boundary element lies between them.
const LI = 1;
const DD_DT = 2;
const A = 4;
const P = 8;
const ROW = 16;
const CELL = 32;

const BIT: Record<string, number> = { li: LI, dd: DD_DT, dt: DD_DT, a: A, p: P, tr: ROW, td: CELL, th: CELL };
/** Elements a browser closes an open <p> for. */
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'li', 'dd', 'dt']);
/** Elements that end the reach of the open ones above them (the standard's scope boundaries and list containers). */
const RESETS: Record<string, number> = {
  ul: LI, ol: LI, menu: LI, dl: DD_DT,
  table: LI | DD_DT | A | P | ROW | CELL, td: LI | DD_DT | A | P, th: LI | DD_DT | A | P, caption: LI | DD_DT | A | P,
  button: P, object: LI | DD_DT | A | P, applet: LI | DD_DT | A | P, marquee: LI | DD_DT | A | P, template: LI | DD_DT | A | P | ROW | CELL,
};
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** What a browser keeps where it stands inside a table section or row; anything else it moves out in front of the table. */
const TABLE_CHILDREN: Record<string, ReadonlySet<string>> = {
  table: new Set(['caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'script', 'style', 'template']),
  thead: new Set(['tr', 'script', 'style', 'template']),
  tbody: new Set(['tr', 'script', 'style', 'template']),
  tfoot: new Set(['tr', 'script', 'style', 'template']),
  tr: new Set(['td', 'th', 'script', 'style', 'template']),
};

/** True when a browser would have built a different tree from this htmlparser2 one (see the top of the file). */
export function differsFromBrowserTree(root: AnyNode): boolean {
  // iterative: a hostile page can nest unclosed elements deeper than the call stack
  const stack: { node: AnyNode; open: number }[] = [{ node: root, open: 0 }];
  while (stack.length > 0) {
    const { node, open } = stack.pop()!;
    if (!('children' in node)) continue;
    const parentName = node.type === 'tag' ? (node as Element).name : '';
    const allowed = TABLE_CHILDREN[parentName];
    for (const child of node.children) {
      if (child.type === 'text') {
        if (allowed && /\S/.test(child.data)) return true;
        continue;
      }
      if (child.type !== 'tag') continue; // script and style hold text only
      const name = child.name;
      if (allowed && !allowed.has(name)) return true;
      const bit = BIT[name] ?? 0;
      if (bit & open) return true;
      if (open & P && CLOSES_P.has(name)) return true;
      if (HEADINGS.has(name) && HEADINGS.has(parentName)) return true;
      if ((name === 'tr' || name === 'td' || name === 'th') && !(open & ROW) && !TABLE_CHILDREN[parentName]) return true; // a cell outside any table row
      stack.push({ node: child, open: (open & ~(RESETS[name] ?? 0)) | bit });
    }
  }
  return false;
}
