// The report charts: monthly trend by problem kind, problems per unit, score distribution.
import type { EChartsOption } from 'echarts';
import { checkName } from './labels.ts';
import { monthZh } from './format.ts';
import type { UnitScore } from './types.ts';

const PALETTE = ['#c23531', '#2f4554', '#61a0a8', '#d48265', '#91c7ae', '#749f83', '#ca8622', '#bda29a', '#6e7074', '#546570'];

/** One month of the trend; `counts: null` is a month without a complete inspection (未检查), never zero problems. */
export interface MonthCounts {
  month: string; // YYYY-MM
  counts: Record<string, number> | null;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The months the trend shows: from the first inspected month to the last month given, every month present;
 * a month missing from `history` or given with `counts: null` comes back as 未检查 (`counts: null`).
 */
export function trendMonths(history: MonthCounts[]): MonthCounts[] {
  const byMonth = new Map(history.map((h) => [h.month, h.counts]));
  const inspected = history
    .filter((h) => h.counts !== null)
    .map((h) => h.month)
    .sort();
  const last = [...byMonth.keys()].sort().at(-1);
  if (!inspected.length || !last) return [];
  const out: MonthCounts[] = [];
  for (let m = inspected[0]; m <= last; m = nextMonth(m)) out.push({ month: m, counts: byMonth.get(m) ?? null });
  return out;
}

/** Months of the trend that had no inspection, in order. */
export function uninspectedMonths(history: MonthCounts[]): string[] {
  return trendMonths(history)
    .filter((h) => h.counts === null)
    .map((h) => h.month);
}

export const NOT_INSPECTED = '未检查';

/**
 * Stacked bars: one bar per month, one colour per check id. A month without an inspection has no bar (echarts'
 * '-' is "no value", not 0) and its axis label says 未检查.
 */
export function trendOption(history: MonthCounts[]): EChartsOption {
  const months = trendMonths(history);
  const kinds = [...new Set(months.flatMap((h) => Object.keys(h.counts ?? {})))].sort();
  return {
    color: PALETTE,
    title: { text: '各月通报问题数量（按问题类型）', left: 'center', textStyle: { fontSize: 16 } },
    legend: { bottom: 0, data: kinds.map(checkName) },
    grid: { left: 50, right: 20, top: 50, bottom: 80 },
    xAxis: {
      type: 'category',
      data: months.map((h) => (h.counts ? monthZh(h.month) : `${monthZh(h.month)}\n${NOT_INSPECTED}`)),
      axisLabel: { interval: 0, color: '#333' },
    },
    yAxis: { type: 'value', minInterval: 1, name: '个' },
    series: kinds.map((k) => ({
      name: checkName(k),
      type: 'bar',
      stack: 'all',
      data: months.map((h) => (h.counts ? (h.counts[k] ?? 0) : '-')),
    })),
  };
}

/** Horizontal bars: problems per unit, most first. */
export function unitBarsOption(rows: { name: string; count: number }[], titleText: string): EChartsOption {
  const sorted = [...rows].sort((a, b) => a.count - b.count || b.name.localeCompare(a.name));
  return {
    color: ['#c23531'],
    title: { text: titleText, left: 'center', textStyle: { fontSize: 16 } },
    grid: { left: 140, right: 40, top: 40, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((r) => r.name), axisLabel: { fontSize: 12 } },
    series: [{ type: 'bar', data: sorted.map((r) => r.count), label: { show: true, position: 'right' } }],
  };
}

export function unitBarsHeight(n: number): number {
  return Math.max(200, 60 + n * 22);
}

/** Histogram of totals in 5-point bins, one series per class side by side (the rubric's classes, in its order). */
export function scoreDistributionOption(
  units: UnitScore[],
  classes: { key: string; heading: string }[] = [...new Set(units.map((u) => u.class))].map((k) => ({ key: k, heading: k })),
): EChartsOption {
  const totals = units.map((u) => u.total);
  const lo = Math.floor(Math.min(...totals) / 5) * 5;
  const hi = Math.floor(Math.max(...totals) / 5) * 5;
  const bins: number[] = [];
  for (let b = lo; b <= hi; b += 5) bins.push(b);
  const count = (cls: string) => bins.map((b) => units.filter((u) => u.class === cls && u.total >= b && u.total < b + 5).length);
  return {
    color: ['#2f4554', '#c23531', ...PALETTE.slice(2)],
    title: { text: '考核得分分布', left: 'center', textStyle: { fontSize: 16 } },
    legend: { bottom: 0, data: classes.map((c) => c.heading) },
    grid: { left: 50, right: 20, top: 50, bottom: 60 },
    xAxis: { type: 'category', name: '分', data: bins.map((b) => `${b}–${b + 5}`) },
    yAxis: { type: 'value', minInterval: 1, name: '单位数' },
    series: classes.map((c) => ({ name: c.heading, type: 'bar' as const, data: count(c.key) })),
  };
}
