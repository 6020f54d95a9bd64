import { keyFieldsForUnit as rubricKeyFields, rowAppliesToUnit, type RubricRow, type UnitConfig } from '../config/index.ts';
import type { CheckContext } from './context.ts';

export function rubricRow(ctx: CheckContext, unit: UnitConfig, id: string): RubricRow | null {
  return ctx.rubric.classes[unit.class]?.rows.find((r) => r.id === id) ?? null;
}

/** The row exists for the unit's class and the unit answers for it (config/rubric.ts rules). */
export function rowApplies(row: RubricRow | null, unit: UnitConfig): row is RubricRow {
  return !!row && rowAppliesToUnit(row, unit);
}

/** Per-occurrence deduction (positive magnitude) of a row: 每一件扣N分 / 扣N分 / a ranged row's min. */
export function deductionPoints(row: RubricRow | null): number {
  if (!row) return 0;
  const rule = row.rule;
  switch (rule.type) {
    case 'perOccurrence':
    case 'once':
      return Math.abs(rule.points);
    case 'levels':
      return Math.max(0, ...rule.levels.map((l) => Math.abs(l.points)));
    case 'ranged':
    case 'assigned':
      return Math.abs(rule.min);
    default:
      return 0;
  }
}

export function bonusPoints(row: RubricRow | null): number {
  return row?.bonus ? Math.abs(row.bonus.points) : 0;
}

export function rangedBounds(row: RubricRow | null): { min: number; max: number } | null {
  if (!row) return null;
  if (row.rule.type === 'ranged' || row.rule.type === 'assigned') return { min: row.rule.min, max: row.rule.max };
  if (row.min !== null && row.max !== null) return { min: row.min, max: row.max };
  return null;
}

/** Key fields a unit answers for: rubric rows naming it exactly, plus its own config keyFields. */
export function keyFieldsForUnit(ctx: CheckContext, unit: UnitConfig): { name: string; row: RubricRow | null }[] {
  const rows = ctx.rubric.classes[unit.class]?.rows.filter((r) => r.keyField) ?? [];
  const names = new Set(rubricKeyFields(ctx.rubric, unit));
  for (const k of unit.keyFields ?? []) names.add(k);
  return [...names].map((name) => ({ name, row: rows.find((r) => r.keyField === name) ?? null }));
}

/** Quotes the rubric wording (first clause) for a finding's detail. */
export function ruleQuote(row: RubricRow | null, fallback: string): string {
  // without its closing 。: every detail goes on after the quote (：…。 or （…）。), never 。。
  const text = (row?.deductionText || row?.bonusText || '').trim().replace(/[。；;.]+$/, '');
  if (!text) return fallback;
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
