import { isMap, isNode, type Document, type LineCounter } from 'yaml';

// Turns a problem's path (zod's array or the checks' "classes.A.rows[4].weight") into what a person can find in the
// file: 1-based item numbers with the item's id, and the line of the YAML node (the nearest one that exists).

type PathPart = string | number;

export function parsePath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return parts;
}

function idAt(doc: Document, prefix: PathPart[]): string | null {
  const node = doc.getIn(prefix, true);
  if (!isMap(node)) return null;
  const id = node.get('id');
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/** `classes.A.rows[#5 guide].weight`: array indexes 1-based, with the item's id when it has one. */
function describePath(doc: Document, path: readonly PathPart[]): string {
  let out = '';
  path.forEach((part, i) => {
    if (typeof part === 'number') {
      const id = idAt(doc, path.slice(0, i + 1) as PathPart[]);
      out += `[#${part + 1}${id ? ` ${id}` : ''}]`;
    } else out += out ? `.${part}` : part;
  });
  return out;
}

/** 1-based line of the deepest node on the path that exists in the document. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PathPart[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    // a missing key reports its parent map: its first line, where the item starts
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

export function locate(doc: Document, lines: LineCounter, path: readonly PathPart[]): string {
  const line = lineOf(doc, lines, path);
  const where = describePath(doc, path);
  if (line === null) return where;
  return `${where}（第 ${line} 行 / line ${line}）`;
}
