import type { ColumnObservation } from '../store/index.ts';
import type { CheckSettings } from './settings.ts';
import { isKnownColumnKey } from './column-names.ts';

type PeriodColumn = Pick<ColumnObservation, 'columnKey' | 'label'> & { nav?: ColumnObservation['nav'] };

/**
 * Update period (days) of a column, or null when the column is judged by its own rules (V4/V5, §11).
 * Sub-columns (shuanggongshi:行政许可) take no period of their own: the parent group is judged once.
 * A column of the unit's navigation (nav:<label>) takes the period of its kind; no kind, no period.
 */
export function periodFor(settings: CheckSettings, col: PeriodColumn): number | null {
  const key = col.columnKey;
  if (col.nav) return col.nav.kind ? (settings.kindPeriods[col.nav.kind] ?? null) : null;
  if (key in settings.columnPeriods) return settings.columnPeriods[key];
  for (const [pattern, days] of Object.entries(settings.columnPeriods)) {
    if (pattern.endsWith(':*') && key.startsWith(pattern.slice(0, -1))) return days;
  }
  if (isKnownColumnKey(key)) return null;
  const label = col.label ?? '';
  for (const rule of settings.labelPeriods) {
    if (rule.keywords.some((k) => label.includes(k))) return rule.days;
  }
  return null;
}

/** Why a navigation column has the period it has, for its findings: the kind and the word of its name that decided it. */
export function kindReason(settings: CheckSettings, col: PeriodColumn): string | null {
  if (!col.nav) return null;
  const name = col.label ?? col.columnKey;
  if (!col.nav.kind) return `栏目"${name}"的名称中没有可判断栏目类型的词，未归类`;
  const days = settings.kindPeriods[col.nav.kind] ?? null;
  const period = days === null ? '不按更新期限判断' : `更新期限 ${days} 天`;
  return `栏目"${name}"按名称中的"${col.nav.word}"归为${col.nav.kind}类（${period}）`;
}
