// The review queue's query: filters, sort and page read from the URL, applied to the findings a user may see.
import type { TrackedFinding } from '../../store/index.ts';
import { MONTH_RE, type FindingQuery } from './data.ts';
import { qs } from './html.ts';

const PAGE_SIZE = 50;
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const KINDS = ['deduction', 'bonus', 'ranged', 'warning'] as const;
export const SORTS = ['default', 'points-desc', 'points-asc', 'date-desc', 'date-asc'] as const;
export const SORT_LABEL: Record<(typeof SORTS)[number], string> = {
  default: '按单位和检查项',
  'points-desc': '建议分值从高到低',
  'points-asc': '建议分值从低到高',
  'date-desc': '检查日期从新到旧',
  'date-asc': '检查日期从旧到新',
};
const STATUSES = ['pending', 'confirmed', 'dismissed', 'adjusted', 'rectified'] as const;

export interface QueueQuery extends FindingQuery {
  kind?: (typeof KINDS)[number];
  confidence?: 'high' | 'low';
  sort: (typeof SORTS)[number];
  page: number;
  per: number;
}

const pick = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/** Reads a queue query from URL parameters (or the hidden fields of a form); anything unknown is dropped. */
export function parseQueueQuery(get: (name: string) => string | undefined): QueueQuery {
  const month = get('month') ?? '';
  const page = Number(get('page') ?? '1');
  const id = (v: string | undefined) => (v && /^[A-Za-z0-9_.:-]{1,128}$/.test(v) ? v : undefined);
  return {
    unitId: id(get('unit')),
    checkId: id(get('check')),
    month: MONTH_RE.test(month) ? month : undefined,
    status: pick(STATUSES, get('status')),
    kind: pick(KINDS, get('kind')),
    confidence: pick(['high', 'low'] as const, get('confidence')),
    sort: pick(SORTS, get('sort')) ?? 'default',
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
    per: (PAGE_SIZES as readonly number[]).includes(Number(get('per'))) ? Number(get('per')) : PAGE_SIZE,
  };
}

/** The query as URL parameters, without the page unless asked (so a changed filter starts at page 1). */
export function queueParams(q: QueueQuery, page?: number): Record<string, string | undefined> {
  return {
    unit: q.unitId,
    check: q.checkId,
    month: q.month,
    status: q.status,
    kind: q.kind,
    confidence: q.confidence,
    sort: q.sort === 'default' ? undefined : q.sort,
    per: q.per === PAGE_SIZE ? undefined : String(q.per),
    page: page && page > 1 ? String(page) : undefined,
  };
}

export const queueQs = (q: QueueQuery, page?: number): string => qs(queueParams(q, page));

/** Kind and confidence filters, then the chosen order (ties broken by unit, check and id, so pages are stable). */
export function filterAndSort(list: TrackedFinding[], q: QueueQuery): TrackedFinding[] {
  const out = list.filter((f) => (!q.kind || f.kind === q.kind) && (!q.confidence || f.confidence === q.confidence));
  const stable = (a: TrackedFinding, b: TrackedFinding) =>
    a.unitId.localeCompare(b.unitId) || a.checkId.localeCompare(b.checkId) || a.id.localeCompare(b.id);
  const by: Record<QueueQuery['sort'], (a: TrackedFinding, b: TrackedFinding) => number> = {
    default: stable,
    'points-desc': (a, b) => Math.abs(b.suggestedPoints) - Math.abs(a.suggestedPoints) || stable(a, b),
    'points-asc': (a, b) => Math.abs(a.suggestedPoints) - Math.abs(b.suggestedPoints) || stable(a, b),
    'date-desc': (a, b) => b.asOf.localeCompare(a.asOf) || stable(a, b),
    'date-asc': (a, b) => a.asOf.localeCompare(b.asOf) || stable(a, b),
  };
  return out.sort(by[q.sort]);
}

export interface QueuePage {
  items: TrackedFinding[];
  total: number;
  page: number;
  pages: number;
  first: number;
}

export function pageOf(list: TrackedFinding[], page: number, size = PAGE_SIZE): QueuePage {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const p = Math.min(page, pages);
  return { items: list.slice((p - 1) * size, p * size), total: list.length, page: p, pages, first: (p - 1) * size };
}

/**
 * The finding to review after `currentId` in the queue's order: the next one still pending after it, else the
 * first pending one before it (a decided finding has left the list, so its position is looked up in `ordered`).
 */
export function nextPending(ordered: TrackedFinding[], currentId: string): TrackedFinding | null {
  const i = ordered.findIndex((f) => f.id === currentId);
  const pending = (f: TrackedFinding) => f.status === 'pending' && f.id !== currentId;
  const after = ordered.slice(i + 1).find(pending);
  return after ?? ordered.slice(0, Math.max(i, 0)).find(pending) ?? (i < 0 ? (ordered.find(pending) ?? null) : null);
}
