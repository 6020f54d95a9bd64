import type { RubricClass, RubricGroup, RubricRow } from './rubric-types.ts';

// The range a row's (or group's) score can take. Shared by the loader's consistency checks and the engine's clamps.

export interface ScoreRange {
  min: number;
  max: number;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Range of the row without its bonus: what the source's 赋分 column says (0—weight, min—max, 0—max). */
export function baseRange(row: RubricRow): ScoreRange {
  const r = row.rule;
  if (r.type === 'ranged' || r.type === 'assigned') return { min: r.min, max: r.max };
  if (r.type === 'none') return { min: 0, max: 0 };
  if (r.type === 'countUp') return { min: 0, max: r.max };
  return { min: 0, max: row.weight };
}

/** Range including the row's bonus (Infinity when the source sets no cap). */
export function rowRange(row: RubricRow): ScoreRange {
  const base = baseRange(row);
  let extra = 0;
  if (row.bonus) extra += row.bonus.cap ?? Infinity;
  if (row.rule.type === 'quota' && row.rule.above) extra += row.rule.above.cap ?? Infinity;
  return { min: base.min, max: base.max + extra };
}

export function childRows(cls: RubricClass, groupId: string): RubricRow[] {
  return cls.rows.filter((r) => r.group === groupId);
}

export function childGroups(cls: RubricClass, groupId: string | undefined): RubricGroup[] {
  return (cls.groups ?? []).filter((g) => g.parent === groupId);
}

/** Sum of the children's ranges (rows without bonus, groups by their own range). */
export function childrenRange(cls: RubricClass, group: RubricGroup, withBonus = false, seen = new Set<string>()): ScoreRange {
  seen.add(group.id);
  let min = 0;
  let max = 0;
  for (const row of childRows(cls, group.id)) {
    const r = withBonus ? rowRange(row) : baseRange(row);
    min += r.min;
    max += r.max;
  }
  for (const g of childGroups(cls, group.id)) {
    if (seen.has(g.id)) continue;
    const r = groupRange(cls, g, withBonus, seen);
    min += r.min;
    max += r.max;
  }
  return { min: round(min), max: round(max) };
}

/** A group's range: the stated one, else its children's; a scaled group ranges over 0—scaleTo (its weight). */
export function groupRange(cls: RubricClass, group: RubricGroup, withBonus = false, seen = new Set<string>()): ScoreRange {
  const children = childrenRange(cls, group, withBonus, seen);
  const raw = { min: group.min ?? children.min, max: group.max ?? children.max };
  if (group.scaleTo === undefined) return raw;
  return { min: raw.max > 0 ? round((Math.min(0, raw.min) / raw.max) * group.scaleTo) : 0, max: group.scaleTo };
}

/** Group path of a row, top group first (a loop in `parent` was already refused by the checks). */
export function groupPath(cls: Pick<RubricClass, 'groups'>, groupId: string | undefined): RubricGroup[] {
  const out: RubricGroup[] = [];
  const byId = new Map((cls.groups ?? []).map((g) => [g.id, g]));
  let g = groupId === undefined ? undefined : byId.get(groupId);
  while (g && out.length <= byId.size) {
    out.unshift(g);
    g = g.parent === undefined ? undefined : byId.get(g.parent);
  }
  return out;
}
