// Every URL of the sample portal comes from here, for rendering, routing and ground truth alike.
import type { Column, Item, UnitModel } from './model.ts';
import { compact } from './dates.ts';
import { hexId } from './prng.ts';

export function unitBase(unit: Pick<UnitModel, 'id'>): string {
  return `/zwgk/${unit.id}/`;
}

/** URL of list page `page` (0-based) of a column; page 0 is what the navigation links to. */
export function columnUrl(unit: UnitModel, col: Column, page = 0): string {
  const base = `/zwgk/${unit.id}/`;
  switch (unit.style) {
    case 'trs':
    case 'wcm':
      return page === 0 ? `${base}${col.slug}/` : `${base}${col.slug}/index_${page}.html`;
    case 'epoint':
      if (col.kind === 'article') return `${base}${col.slug}/detail.html`;
      return page === 0 ? `${base}${col.slug}/list.html` : `${base}${col.slug}/list.html?page=${page + 1}`;
    case 'hanweb':
      return `${base}col/col${col.cid}/index.html`;
    case 'kpy':
      if (col.kind === 'article') return `${base}${col.slug}/index.shtml`;
      return page === 0 ? `${base}${col.slug}/list.shtml` : `${base}${col.slug}/list_${page + 1}.shtml`;
    case 'jsp':
      if (col.kind === 'article') return `${base}${col.slug}/index.jsp`;
      return page === 0 ? `${base}${col.slug}/list.jsp` : `${base}${col.slug}/list.jsp?pageNo=${page + 1}`;
  }
}

export interface ItemHome {
  slug: string;
  cid: number;
}

/** Detail page of an item, under the column the item was published in. */
export function detailUrl(unit: UnitModel, home: ItemHome, item: Item): string {
  const base = `/zwgk/${unit.id}/`;
  const ym = compact(item.date).slice(0, 6);
  switch (unit.style) {
    case 'trs':
    case 'wcm':
      return `${base}${home.slug}/${ym}/t${compact(item.date)}_${item.serial}.html`;
    case 'epoint': {
      const h = hexId(item.serial, unit.id);
      return `${base}${home.slug}/${compact(item.date)}/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}.html`;
    }
    case 'hanweb': {
      const [y, m, d] = item.date.split('-').map(Number);
      return `${base}art/${y}/${m}/${d}/art_${home.cid}_${item.serial}.html`;
    }
    case 'kpy':
      return `${base}${home.slug}/${ym}/${hexId(item.serial, unit.id)}.shtml`;
    case 'jsp':
      return `${base}${home.slug}/content.jsp?id=${item.serial}`;
  }
}

/** Where a list row links to: an attachment when the row is one, else its detail page. */
export function rowHref(unit: UnitModel, item: Item): string {
  if (item.href) return item.href;
  if (!item.home) throw new Error(`item ${item.serial} of ${unit.id} has no home column`);
  return detailUrl(unit, item.home, item);
}
