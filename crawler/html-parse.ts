// Parsing a page into the tree every extractor reads. htmlparser2 first: it is about twice as fast as parse5, and
// parsing is the largest share of a crawl's CPU. But htmlparser2 closes an omitted </li>, </td>, </p> … only when
// that element is the innermost open one, so tag soup such as `<li><span>date<a>title<li>…` comes out nested where a
// browser shows siblings. Such a tree is recognised afterwards and the page parsed again with parse5, the HTML
// standard's tree builder (what a browser shows). On well-formed pages both give the same extraction.
// Either way, elements nested deeper than a browser nests them are flattened as a browser does (see capDepth).
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const FAST = { xml: { xmlMode: false, decodeEntities: true } } as const;

export function loadHtml(html: string): CheerioAPI {
  return settle(cheerio.load(html, FAST), () => cheerio.load(html));
}

/** A piece of markup (not a document: no <html>/<body> around it). */
export function loadFragment(html: string): CheerioAPI {
  return settle(cheerio.load(html, FAST, false), () => cheerio.load(html, null, false));
}

function settle(fast: CheerioAPI, standard: () => CheerioAPI): CheerioAPI {
  const verdict = inspectTree(fast.root()[0]);
  if (verdict === 'fine') return fast;
  const $ = verdict === 'differs' ? standard() : fast;
  capDepth($.root()[0]);
  return $;
}

/**
 * Browsers stop nesting at 512 open elements (Blink's parser appends deeper elements to the element at that depth
 * instead). A hostile or broken page with tens of thousands of unclosed elements would otherwise overflow the call
 * stack of every extractor that walks the tree.
 */
const MAX_DEPTH = 512;
/** Elements whose children are raw text, or content a browser does not show: nothing in them becomes page content. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template']);

function capDepth(root: AnyNode): void {
  const stack: { node: AnyNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!hasChildren(node)) continue;
    if (depth >= MAX_DEPTH) flattenBelow(node);
    else for (const c of node.children) stack.push({ node: c, depth: depth + 1 });
  }
}

/**
 * Makes every element below `node` its direct child, in document order, as a browser's parser attaches elements
 * past the depth limit; text stays inside the element it was in (a link keeps its text).
 */
function flattenBelow(node: AnyNode & { children: AnyNode[] }): void {
  const flat: AnyNode[] = [];
  const pending = [...node.children].reverse();
  while (pending.length > 0) {
    const n = pending.pop()!;
    flat.push(n);
    if (!hasChildren(n)) continue;
    // raw text, or content a browser does not show (template, noscript): its text only, no elements to hoist
    if (!isElement(n) || RAW_TEXT.has(n.name)) {
      if (n.children.some(hasChildren))
        relink(
          n,
          n.children.filter((c) => !hasChildren(c)),
        );
      continue;
    }
    const inner = n.children.filter(hasChildren);
    if (inner.length === 0) continue;
    for (let i = inner.length - 1; i >= 0; i--) pending.push(inner[i]);
    relink(
      n,
      n.children.filter((c) => !hasChildren(c)),
    );
  }
  relink(node, flat);
}

function relink(parent: AnyNode & { children: AnyNode[] }, children: AnyNode[]): void {
  parent.children = children;
  children.forEach((n, i) => {
    n.parent = parent as unknown as Element;
    n.prev = children[i - 1] ?? null;
    n.next = children[i + 1] ?? null;
  });
}

const hasChildren = (n: AnyNode): n is AnyNode & { children: AnyNode[] } => 'children' in n;

/** An element node (domhandler gives script and style elements types of their own). */
export function isElement(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

// What is open around an element, as bits: an element with a bit cannot stand inside an open one with the same bit
// (the standard closes the open one first) unless an element of RESETS lies between them.
const LI = 1;
const DD_DT = 2;
const A = 4;
const P = 8;
const ROW = 16;
const CELL = 32;

const BIT: Record<string, number> = { li: LI, dd: DD_DT, dt: DD_DT, a: A, p: P, tr: ROW, td: CELL, th: CELL };
/** Elements a browser closes an open <p> for. */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'ul',
  'li',
  'dd',
  'dt',
]);
/** Elements that end the reach of the open ones above them (the standard's scope boundaries and list containers). */
const RESETS: Record<string, number> = {
  ul: LI,
  ol: LI,
  menu: LI,
  dl: DD_DT,
  table: LI | DD_DT | A | P | ROW | CELL,
  td: LI | DD_DT | A | P,
  th: LI | DD_DT | A | P,
  caption: LI | DD_DT | A | P,
  button: P,
  object: LI | DD_DT | A | P,
  applet: LI | DD_DT | A | P,
  marquee: LI | DD_DT | A | P,
  template: LI | DD_DT | A | P | ROW | CELL,
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
  return inspectTree(root) === 'differs';
}

/** 'differs' (see the top of the file), 'too-deep' (nested deeper than MAX_DEPTH, but as a browser would parse it) or 'fine'. */
function inspectTree(root: AnyNode): 'differs' | 'too-deep' | 'fine' {
  // iterative: a hostile page can nest unclosed elements deeper than the call stack
  const stack: { node: AnyNode; open: number; depth: number }[] = [{ node: root, open: 0, depth: 0 }];
  let tooDeep = false;
  while (stack.length > 0) {
    const { node, open, depth } = stack.pop()!;
    if (!hasChildren(node)) continue;
    if (depth >= MAX_DEPTH) tooDeep = true;
    const parentName = node.type === 'tag' ? (node as Element).name : '';
    const allowed = TABLE_CHILDREN[parentName];
    for (const child of node.children) {
      if (child.type === 'text') {
        if (allowed && /\S/.test(child.data)) return 'differs';
        continue;
      }
      if (child.type !== 'tag') continue; // script and style hold text only
      const name = child.name;
      if (allowed && !allowed.has(name)) return 'differs';
      const bit = BIT[name] ?? 0;
      if (bit & open) return 'differs';
      if (open & P && CLOSES_P.has(name)) return 'differs';
      if (HEADINGS.has(name) && HEADINGS.has(parentName)) return 'differs';
      if ((name === 'tr' || name === 'td' || name === 'th') && !(open & ROW) && !TABLE_CHILDREN[parentName]) return 'differs'; // a cell outside any table row
      stack.push({ node: child, open: (open & ~(RESETS[name] ?? 0)) | bit, depth: depth + 1 });
    }
  }
  return tooDeep ? 'too-deep' : 'fine';
}
