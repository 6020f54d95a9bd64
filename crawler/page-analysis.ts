// Everything the crawl reads from one page, from one shared parse. Pure and serialisable, so it can run in a
// worker thread and be cached per (URL, content hash).
import { preparePage, type PageDoc } from './page-doc.ts';
import { listRowsOf, type RawListExtraction } from './list-extract.ts';
import { detailOf, type DetailExtraction } from './detail-extract.ts';
import { linksOf, type ExtractedLink } from './links-extract.ts';
import { columnsOf, subColumnsOf, type DiscoveredColumn } from './discover.ts';
import { pageTextOf, type PageText } from './page-text.ts';
import { menusOf, navColumnsOf, type NavColumn } from './nav-columns.ts';

/**
 * 'list', 'detail', 'links', 'columns' (a unit's home), 'nav' (the other columns of its navigation), 'menus' (the
 * menu blocks of a page), 'text' (what a reader sees), or 'sub:<hubKey>' (a hub's sub-columns).
 */
export type AnalysisPart = 'list' | 'detail' | 'links' | 'columns' | 'nav' | 'menus' | 'text' | `sub:${string}`;

export interface PageAnalysis {
  list?: RawListExtraction;
  detail?: DetailExtraction;
  links?: ExtractedLink[];
  columns?: DiscoveredColumn[];
  nav?: NavColumn[];
  menus?: NavColumn[][];
  sub?: Record<string, DiscoveredColumn[]>;
  text?: PageText;
}

export function hasPart(a: PageAnalysis, part: AnalysisPart): boolean {
  if (part.startsWith('sub:')) return a.sub?.[part.slice(4)] !== undefined;
  return a[part as 'list' | 'detail' | 'links' | 'columns' | 'nav' | 'menus' | 'text'] !== undefined;
}

export function mergeAnalyses(into: PageAnalysis, from: PageAnalysis): PageAnalysis {
  const out: PageAnalysis = { ...into, ...from };
  if (into.sub || from.sub) out.sub = { ...into.sub, ...from.sub };
  return out;
}

export function analysePage(html: string, url: string, parts: readonly AnalysisPart[]): PageAnalysis {
  const doc: PageDoc = preparePage(html, url, { pagination: parts.includes('list') });
  const out: PageAnalysis = {};
  for (const part of parts) {
    if (part === 'links') out.links = linksOf(doc.$, doc.url);
    else if (part === 'list') out.list = listRowsOf(doc);
    else if (part === 'detail') out.detail = detailOf(doc);
    else if (part === 'columns') out.columns = columnsOf(doc);
    else if (part === 'nav') out.nav = navColumnsOf(doc, out.columns ?? columnsOf(doc));
    else if (part === 'menus') out.menus = menusOf(doc);
    else if (part === 'text') out.text = pageTextOf(doc);
    else if (part.startsWith('sub:')) (out.sub ??= {})[part.slice(4)] = subColumnsOf(doc, part.slice(4));
  }
  return out;
}
