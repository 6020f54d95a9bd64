import type { ColumnObservation } from '../store/index.ts';
import type { CheckSettings } from './settings.ts';
import { isKnownColumnKey } from './column-names.ts';

/**
 * Update period (days) of a column, or null when the column is judged by its own rules (V4/V5, §11).
 * Sub-columns (shuanggongshi:行政许可) take no period of their own: the parent group is judged once.
 */
export function periodFor(settings: CheckSettings, col: Pick<ColumnObservation, 'columnKey' | 'label'>): number | null {
  const key = col.columnKey;
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
