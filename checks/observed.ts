// Lookups and evidence builders over one unit's observations.
import type { ColumnObservation, DetailObservation, ListItem, PageObservation, UnitObservations } from '../store/index.ts';
import type { Evidence } from '../model/index.ts';
import { excerptStart } from './text.ts';

export function column(obs: UnitObservations, key: string): ColumnObservation | null {
  return obs.columns.find((c) => c.columnKey === key) ?? null;
}

/** The column and its sub-columns (key:*) — e.g. majorProjects with majorProjects:施工. */
export function columnGroup(obs: UnitObservations, key: string): ColumnObservation[] {
  return obs.columns.filter((c) => c.columnKey === key || c.columnKey.startsWith(`${key}:`));
}

export function detailsOf(obs: UnitObservations, key: string): DetailObservation[] {
  return obs.details.filter((d) => d.columnKey === key);
}

export function pageFor(obs: UnitObservations, url: string | null): PageObservation | null {
  if (!url) return null;
  return (
    obs.pages.find((p) => p.url === url || p.finalUrl === url) ??
    (obs.home && (obs.home.url === url || obs.home.finalUrl === url) ? obs.home : null)
  );
}

/** The home page could not be fetched: only site.unreachable and feed checks apply. */
export function homeUnreachable(obs: UnitObservations): boolean {
  return !!obs.home && !obs.home.ok;
}

/** No home observation at all: the unit was not crawled, nothing can be inferred from absence. */
export function notCrawled(obs: UnitObservations): boolean {
  return obs.home === null;
}

export function formatRow(item: ListItem): string {
  return `${item.date ?? '无日期'} ${item.title}${item.pinned ? '（置顶）' : ''}`;
}

export function columnEvidence(obs: UnitObservations, col: ColumnObservation, excerpt?: string): Evidence {
  const page = pageFor(obs, col.url);
  const rows = col.items.slice(0, 5).map(formatRow).join('；');
  return {
    url: col.url ?? obs.home?.url ?? '',
    excerpt: excerpt ?? (col.placeholder ? `页面显示"${col.placeholder}"` : rows || '（无条目）'),
    snapshot: col.contentHash ?? page?.contentHash ?? null,
    screenshot: page?.screenshot ?? null,
    fetchedAt: col.observedAt ?? page?.fetchedAt ?? null,
  };
}

export function detailEvidence(obs: UnitObservations, d: DetailObservation, excerpt?: string): Evidence {
  const page = pageFor(obs, d.url);
  return {
    url: d.url,
    excerpt: excerpt ?? excerptStart(`${d.title} ${d.text}`),
    snapshot: d.contentHash ?? page?.contentHash ?? null,
    screenshot: page?.screenshot ?? null,
    fetchedAt: d.fetchedAt ?? page?.fetchedAt ?? null,
  };
}

export function pageEvidence(page: PageObservation, excerpt: string): Evidence {
  return { url: page.url, excerpt, snapshot: page.contentHash, screenshot: page.screenshot, fetchedAt: page.fetchedAt };
}

interface Freshness {
  newest: ListItem | null; // newest non-pinned dated row
  dated: number;
  undated: number;
}

/** Pinned rows never decide freshness; undated rows never count as updates (V3a). */
export function freshness(items: readonly ListItem[]): Freshness {
  let newest: ListItem | null = null;
  let dated = 0;
  let undated = 0;
  for (const item of items) {
    if (item.pinned) continue;
    if (!item.date) {
      undated++;
      continue;
    }
    dated++;
    if (!newest || item.date > newest.date!) newest = item;
  }
  return { newest, dated, undated };
}

/** Rows of every column except the given ones, deduplicated by URL+title. */
export function itemsExcept(obs: UnitObservations, exclude: readonly string[]): ListItem[] {
  const seen = new Set<string>();
  const out: ListItem[] = [];
  for (const c of obs.columns) {
    if (exclude.includes(c.columnKey)) continue;
    for (const i of c.items) {
      const k = `${i.url}|${i.title}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(i);
    }
  }
  return out;
}
