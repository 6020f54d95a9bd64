import { baseRange, childGroups, childRows, rowRange, type RubricClass, type RubricGroup } from '../config/index.ts';
import type { GroupScore, UnitScore } from './types.ts';

// Indicator trees (一级…五级指标) and weights that are not points: a group's score is the sum of its children kept
// within its range; a group with scaleTo is worth its share of that range × scaleTo; a class with scaleTo is scaled
// to it (总分折算为百分制). Pure: points per row in, groups and total out.

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** The group's maximum without bonuses: its stated max, else its children's (a weighted child counts its scaleTo). */
function baseMax(cls: RubricClass, g: RubricGroup): number {
  if (g.max !== undefined) return g.max;
  let max = 0;
  for (const row of childRows(cls, g.id)) max += baseRange(row).max;
  for (const c of childGroups(cls, g.id)) max += c.scaleTo ?? baseMax(cls, c);
  return round(max);
}

/**
 * Bounds the children's sum is kept in: the stated range, else the children's (with their bonuses). A weighted group
 * (scaleTo) is a share of its range, so its sum stops at its maximum without bonuses.
 */
export function groupBounds(cls: RubricClass, g: RubricGroup): { min: number; max: number } {
  let min = 0;
  let fullMax = 0;
  for (const row of childRows(cls, g.id)) {
    min += rowRange(row).min;
    fullMax += rowRange(row).max;
  }
  for (const c of childGroups(cls, g.id)) {
    const b = groupScoreBounds(cls, c);
    min += b.min;
    fullMax += b.max;
  }
  const max = g.scaleTo !== undefined ? baseMax(cls, g) : (g.max ?? fullMax);
  return { min: round(g.min ?? min), max: max === Infinity ? Infinity : round(max) };
}

/** Bounds of the group's points: its bounds, or 0…scaleTo proportionally when it is a weight. */
export function groupScoreBounds(cls: RubricClass, g: RubricGroup): { min: number; max: number } {
  const b = groupBounds(cls, g);
  if (g.scaleTo === undefined) return b;
  return { min: b.max > 0 ? round((b.min / b.max) * g.scaleTo) : 0, max: g.scaleTo };
}

/** The class's maximum before scaling: top groups' maxima (a weight counts its scaleTo) plus ungrouped rows. */
function classMax(cls: RubricClass): number {
  let max = 0;
  for (const g of childGroups(cls, undefined)) max += g.scaleTo ?? baseMax(cls, g);
  for (const row of cls.rows) if (row.group === undefined) max += baseRange(row).max;
  return round(max);
}

export function aggregateGroups(
  cls: RubricClass,
  pointsByRow: Map<string, number>,
): { groups: GroupScore[]; total: number; scaled?: UnitScore['scaled'] } {
  const groups: GroupScore[] = [];
  const visit = (g: RubricGroup, depth: number): number => {
    const own: GroupScore = { id: g.id, label: g.label, parent: g.parent ?? null, depth, min: 0, max: 0, raw: 0, points: 0 };
    groups.push(own);
    let raw = 0;
    for (const row of childRows(cls, g.id)) raw += pointsByRow.get(row.id) ?? 0;
    for (const c of childGroups(cls, g.id)) raw += visit(c, depth + 1);
    const b = groupBounds(cls, g);
    const kept = clamp(round(raw), b.min, b.max);
    const points = g.scaleTo === undefined ? kept : b.max > 0 ? round((kept / b.max) * g.scaleTo) : 0;
    const sb = groupScoreBounds(cls, g);
    Object.assign(own, { min: sb.min, max: sb.max, raw: round(raw), points: round(points) });
    if (g.scaleTo !== undefined) own.scaleTo = g.scaleTo;
    return own.points;
  };
  let total = 0;
  for (const g of childGroups(cls, undefined)) total += visit(g, 1);
  for (const row of cls.rows) if (row.group === undefined) total += pointsByRow.get(row.id) ?? 0;
  total = round(total);
  if (cls.scaleTo === undefined) return { groups, total };
  const max = classMax(cls);
  return { groups, total: max > 0 ? round((total / max) * cls.scaleTo) : 0, scaled: { raw: total, max, scaleTo: cls.scaleTo } };
}

function lastDay(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Periods of the year that have ended by asOf: 2023-01 … (month) or 2023-Q1 … (quarter). */
export function duePeriods(period: 'month' | 'quarter', year: number, asOf: string): string[] {
  const out: string[] = [];
  if (period === 'month') {
    for (let m = 1; m <= 12; m++) if (lastDay(year, m) <= asOf) out.push(`${year}-${String(m).padStart(2, '0')}`);
  } else {
    for (let q = 1; q <= 4; q++) if (lastDay(year, q * 3) <= asOf) out.push(`${year}-Q${q}`);
  }
  return out;
}
