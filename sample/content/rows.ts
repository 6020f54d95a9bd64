import type { Column, Item } from '../model.ts';

/** List order of real portals: 置顶 rows first, then newest first. */
export function sortRows(items: Item[]): Item[] {
  return [...items].sort((a, b) => {
    if (!!a.pinned !== !!b.pinned) return a.pinned ? -1 : 1;
    return a.date === b.date ? b.serial - a.serial : a.date < b.date ? 1 : -1;
  });
}

/** Puts items into their home column (detail pages live there) and sorts them. */
export function place(col: Column, items: Item[]): void {
  for (const it of items) it.home ??= { slug: col.slug, cid: col.cid };
  col.items = sortRows(items);
}
