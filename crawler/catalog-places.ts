// The places a 标准目录 links to for its items (a 公开事项 cell linking to the column or page where the item is
// published, as on 胡集镇's 镇街试点领域标准目录): read as catalog:<item name> so that catalog.item-missing can see
// what is there. Only in-scope links not already read as a column, at most crawl.maxCatalogPlaces per unit.
import type { ColumnObservation, DetailObservation } from '../store/index.ts';
import { type ColumnCrawlResult, type ColumnTarget, crawlColumn } from './column-crawl.ts';
import type { UnitCrawlContext } from './unit-context.ts';

const FILE = /\.(pdf|docx?|xlsx?|wps|et|zip|rar|7z|jpe?g|png|gif)(\?|$)/i;
// an item name is a short label, not a sentence or a link back to navigation
const NAME = /^[\p{Script=Han}A-Za-z0-9（）()、·]{2,24}$/u;

function sameList(a: string, b: string): boolean {
  const norm = (u: string) =>
    u
      .replace(/#.*$/, '')
      .replace(/\/(index|default)\.s?html?$/i, '/')
      .replace(/\/$/, '');
  return norm(a) === norm(b);
}

function catalogPlaceTargets(
  ctx: UnitCrawlContext,
  columns: readonly ColumnObservation[],
  details: readonly DetailObservation[],
): ColumnTarget[] {
  const max = ctx.run.config.crawl.maxCatalogPlaces;
  const catalogPages = details.filter((d) => d.columnKey === 'catalog');
  const known = [...columns.map((c) => c.url).filter((u): u is string => u !== null), ...details.map((d) => d.url)];
  // the catalogue's own links are those of its table cells, not the page's navigation
  const cells = new Set(catalogPages.flatMap((d) => (d.tables ?? []).flatMap((t) => t.rows.flat())).map((c) => c.replace(/\s+/g, '')));
  const out: ColumnTarget[] = [];
  const keys = new Set<string>();
  for (const link of catalogPages.flatMap((d) => d.links)) {
    if (out.length >= max) break;
    const name = link.text.replace(/\s+/g, '');
    if (!cells.has(name) || !NAME.test(name) || FILE.test(link.url) || keys.has(name)) continue;
    if (!ctx.run.scope.check(link.url).allowed || known.some((u) => sameList(u, link.url))) continue;
    keys.add(name);
    known.push(link.url);
    out.push({ key: `catalog:${name}`, label: name, url: link.url, source: 'discovered' });
  }
  return out;
}

/** Reads the places the unit's 标准目录 links to, after its columns (the catalogue among them) have been read. */
export function crawlCatalogPlaces(ctx: UnitCrawlContext, results: readonly ColumnCrawlResult[]): Promise<ColumnCrawlResult[]> {
  const targets = catalogPlaceTargets(
    ctx,
    results.map((r) => r.observation),
    results.flatMap((r) => r.details),
  );
  return Promise.all(targets.map((target) => crawlColumn(ctx, target)));
}
