// A link that is a row of a list: its title beside a date in a small block (li/tr/dd/p …). Such a link names an
// article (一篇"…政府信息公开工作年度报告"), not a column, whatever words its title shares with a column's name.
import type { AnyNode, Element } from 'domhandler';
import { mentionsDate } from './dates.ts';
import { holdsLink, isElement } from './extract-html.ts';

const ROW_CLIMB = 3; // a → span → li
const MAX_ROW_VISIBLE = 200;

/**
 * The text of a node beside the given link, or null once it is longer than a row. Parts holding another link are
 * left out: they are other rows (a block's 更多>> link stands above rows of its own), or a row's category link.
 */
function textBeside(node: AnyNode, link: Element, budget: { left: number }): string | null {
  if (node === link) return '';
  if (isElement(node) && !contains(node, link) && holdsLink(node)) return '';
  if (node.type === 'text' || node.type === 'cdata') {
    const t = 'data' in node ? String(node.data) : '';
    budget.left -= t.replace(/\s+/g, '').length;
    return budget.left < 0 ? null : t;
  }
  if (!isElement(node)) return '';
  let out = '';
  for (const c of node.children) {
    const t = textBeside(c, link, budget);
    if (t === null) return null;
    out += ` ${t}`;
  }
  return out;
}

function anchorCount(el: Element, max: number): number {
  let n = 0;
  const walk = (e: Element): void => {
    for (const c of e.children) {
      if (n > max || !isElement(c)) continue;
      if (c.name === 'a' && c.attribs.href !== undefined) n++;
      walk(c);
    }
  };
  walk(el);
  return n;
}

function contains(el: Element, node: AnyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === el) return true;
  return false;
}

/** Whether the link stands beside a date in a row of a list (at most three links and a short text in the row). */
export function inDatedRow(link: Element): boolean {
  let el = link.parent;
  for (let depth = 0; depth < ROW_CLIMB && el && isElement(el); depth++, el = el.parent) {
    if (el.name === 'body' || el.name === 'html' || anchorCount(el, 3) > 3) return false;
    const rest = textBeside(el, link, { left: MAX_ROW_VISIBLE });
    if (rest === null) return false;
    if (mentionsDate(rest)) return true;
  }
  return false;
}
