import type { ColumnListRead } from '../store/index.ts';
import { duePeriods } from './groups.ts';
import type { PeriodCount } from './types.ts';

// Items per column per period as the web shows them, for quota rows with a `column`. A count is given only for a
// period the list covers completely: a period not covered is left to a manual entry (未录入), never counted as short.

function periodOf(date: string, period: 'month' | 'quarter'): string {
  const month = Number(date.slice(5, 7));
  return period === 'month' ? date.slice(0, 7) : `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/**
 * Periods of the year ended by the run's date, counted from the list. A list with an undated row gives nothing (the
 * row could fall in any period); a list read only in part covers the periods after the one of its oldest row.
 */
export function periodCountsFromList(list: ColumnListRead, year: number, period: 'month' | 'quarter'): PeriodCount[] {
  const items = list.items.filter((item, i, all) => all.findIndex((x) => x.url === item.url) === i);
  if (items.some((item) => item.date === null)) return [];
  let periods = duePeriods(period, year, list.runAsOf);
  const complete = list.pagesRead >= (list.totalPagesSeen ?? 1);
  if (!complete) {
    const oldest = items.map((item) => item.date as string).sort()[0];
    if (oldest === undefined) return [];
    const first = periodOf(oldest, period);
    periods = periods.filter((p) => p > first);
  }
  const counts = new Map(periods.map((p) => [p, 0]));
  for (const item of items) {
    const p = periodOf(item.date as string, period);
    if (counts.has(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return [...counts].map(([p, count]) => ({ unitId: list.unitId, column: list.columnKey, period: p, count }));
}
