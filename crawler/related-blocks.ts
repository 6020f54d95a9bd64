// Blocks of a page that point at other articles: 关联稿件, 相关解读, 上一篇/下一篇 … (config/columns.yaml relatedBlocks).
// Their rows are not a column's items and their dates are not the page's: a detail page with one 关联稿件 row is an
// article, not a list of one.
import type { AnyNode, Element } from 'domhandler';
import { holdsLink, isElement, normaliseLabel, shortTextOf } from './extract-html.ts';
import { loadExtractVocab } from './extract-vocab.ts';

const MAX_HEADING = 12; // visible characters: 关联稿件：, 相关解读：, 上一篇：
const MAX_DEPTH = 5; // a → li → ul → div(block) with its h3 beside the ul

/**
 * The heading a node stands under at one level: the nearest earlier sibling with text, when it is a short label
 * without links. Earlier rows of the same list (siblings of the node's own tag) are passed over.
 */
function headingBefore(node: AnyNode): string | null | undefined {
  const tag = isElement(node) ? node.name : null;
  for (let s = node.prev; s; s = s.prev) {
    if (s.type === 'comment' || s.type === 'directive' || (tag && isElement(s) && s.name === tag)) continue;
    if (s.type === 'text' || s.type === 'cdata') {
      const t = 'data' in s ? String(s.data).trim() : '';
      if (!t) continue;
      return t.length <= 4 * MAX_HEADING ? t : null;
    }
    if (!isElement(s)) continue;
    const short = shortTextOf(s, MAX_HEADING);
    if (short === null) return null; // a block of text before the node: no heading at this level
    if (!short.trim()) continue;
    return s.name === 'a' || holdsLink(s) ? null : short;
  }
  return undefined; // nothing before the node at this level: look one level up
}

/**
 * Tells whether an element stands in a related-articles block: under a heading (an earlier sibling of it or of one of
 * its near ancestors) that is a related-block label. The nearest heading decides: a list under 最新公告 that follows a
 * 相关文章 block in the same container is not related. Memoised per element and depth.
 */
export function relatedBlockTest(): (el: Element) => boolean {
  const labels = loadExtractVocab().relatedLabels;
  // keyed by depth too: the walk stops MAX_DEPTH levels above the element asked about, so a node met deep may be
  // too far from its heading for that element and near enough for a shallower one
  const memo = Array.from({ length: MAX_DEPTH + 1 }, () => new Map<AnyNode, boolean>());
  const isLabel = (text: string) => {
    const t = normaliseLabel(text).replace(/[:：]+$/, '');
    return labels.some((l) => t === l || (t.startsWith(l) && t.length <= l.length + 2));
  };
  const at = (node: AnyNode, depth: number): boolean => {
    const known = memo[depth].get(node);
    if (known !== undefined) return known;
    const heading = headingBefore(node);
    let out: boolean;
    if (heading === null) out = false;
    else if (heading !== undefined) out = isLabel(heading);
    else {
      const parent = node.parent;
      out = depth < MAX_DEPTH && parent !== null && isElement(parent) && parent.name !== 'body' ? at(parent, depth + 1) : false;
    }
    memo[depth].set(node, out);
    return out;
  };
  return (el) => at(el, 0);
}

/** Class or id words of a breadcrumb (当前位置) block. */
const BREADCRUMB = /breadcrumb|crumb|position|location|dqwz|curpos|mianbao/i;

/** A link of the page's breadcrumb: the columns above the page, never a row of its list. */
export function inBreadcrumb(el: Element): boolean {
  if ((el.attribs.class ?? '').split(/\s+/).includes('CurrChnlCls')) return true;
  for (let p = el.parent; p && isElement(p); p = p.parent) {
    if (BREADCRUMB.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`)) return true;
  }
  return false;
}
