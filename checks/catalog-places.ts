// Where a 标准目录 item is published: the place the catalogue row links to (a column or page the crawl read,
// catalog:<name> when it was read for the catalogue), else the unit's column or key-field section of the same name.
// What is found there decides catalog.item-missing; a title match anywhere on the site is positive evidence too.
import type { ColumnObservation, DetailObservation, UnitObservations } from '../store/index.ts';
import { splitKey } from './column-names.ts';
import { compactTitle, visibleLength } from './text.ts';

export interface CatalogEntry {
  name: string;
  /** The link the catalogue gives for the item (its row, or a link of that name in the catalogue page), if any. */
  url: string | null;
}

type PlaceState =
  | { state: 'present'; how: string }
  | { state: 'empty'; col: ColumnObservation; how: string }
  | { state: 'stale'; col: ColumnObservation; how: string; newest: string }
  | { state: 'unreadable'; col: ColumnObservation; how: string }
  | { state: 'not-found' };

/** index.html, default.htm and a trailing slash name the same list. */
export function sameAddress(a: string, b: string): boolean {
  const norm = (u: string) =>
    u
      .replace(/#.*$/, '')
      .replace(/\/(index|default)\.s?html?$/i, '/')
      .replace(/\/$/, '');
  return norm(a) === norm(b);
}

function columnLabel(c: ColumnObservation): string {
  return compactTitle(c.label ?? splitKey(c.columnKey)[1] ?? '');
}

/** A column named for the item: the same name, or a name containing the item's keyword (涉农补贴 → 涉农补贴资金). */
function columnNamed(obs: UnitObservations, keys: readonly string[]): ColumnObservation | null {
  const candidates = obs.columns.filter((c) => c.columnKey !== 'catalog' && c.status !== 'missing');
  return (
    candidates.find((c) => keys.includes(columnLabel(c))) ??
    candidates.find((c) => keys.some((k) => k.length >= 2 && columnLabel(c).includes(k))) ??
    null
  );
}

function placeByLink(obs: UnitObservations, url: string): { col: ColumnObservation | null; detail: DetailObservation | null } {
  const col = obs.columns.find((c) => c.columnKey !== 'catalog' && c.url !== null && sameAddress(c.url, url)) ?? null;
  const detail = obs.details.find((d) => d.columnKey !== 'catalog' && sameAddress(d.url, url)) ?? null;
  return { col, detail };
}

function hasArticle(obs: UnitObservations, key: string, minChars: number): boolean {
  return obs.details.some((d) => d.columnKey === key && visibleLength(d.text) >= minChars);
}

/** What the place of one catalogue item holds. */
export function placeState(
  obs: UnitObservations,
  entry: CatalogEntry,
  keys: readonly string[],
  opts: { windowStart: string; articleMinChars: number },
): PlaceState {
  const linked = entry.url ? placeByLink(obs, entry.url) : { col: null, detail: null };
  // a linked article read under another column; a linked column is judged as a column (its page is kept as a detail too)
  if (!linked.col && linked.detail && visibleLength(linked.detail.text) >= opts.articleMinChars)
    return { state: 'present', how: `目录链接指向的页面已读取，正文 ${visibleLength(linked.detail.text)} 字` };
  const col = linked.col ?? columnNamed(obs, keys);
  if (!col) return { state: 'not-found' };
  const how = linked.col
    ? `目录链接指向栏目"${col.label ?? col.columnKey}"（${col.url}）`
    : `按名称对应到栏目"${col.label ?? col.columnKey}"（${col.url}）`;
  if (col.status === 'unreachable' || col.status === 'unrendered') return { state: 'unreadable', col, how };
  if (col.items.length === 0) {
    // a list that says 暂无信息 is empty, whatever text the page around it has
    if (!col.placeholder && hasArticle(obs, col.columnKey, opts.articleMinChars))
      return { state: 'present', how: `${how}，为有正文的单页` };
    return { state: 'empty', col, how };
  }
  const dated = col.items.filter((i) => !i.pinned && i.date !== null).map((i) => i.date!);
  const undated = col.items.some((i) => i.date === null);
  const newest = dated.sort().at(-1) ?? null;
  if (newest !== null && !undated && newest < opts.windowStart) return { state: 'stale', col, how, newest };
  return { state: 'present', how: `${how}，有 ${col.items.length} 条信息` };
}

/** A link of the catalogue page whose text is the item's name (the catalogue's own link to where it is published). */
export function linkForName(links: readonly { text: string; url: string }[], name: string): string | null {
  const want = compactTitle(name);
  return links.find((l) => compactTitle(l.text) === want)?.url ?? null;
}
