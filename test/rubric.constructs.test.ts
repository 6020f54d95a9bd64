import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRubric } from '../config/index.ts';
import { computeScores, duePeriods, type PeriodCount, type UnitScore } from '../scoring/index.ts';
import type { ManualEntry } from '../store/index.ts';
import { manualEntry } from './helpers/manual-entry.ts';

// Every construct of the extended format, scored by hand (test/fixtures/rubrics/constructs.yaml).
const rubric = parseRubric(readFileSync(new URL('./fixtures/rubrics/constructs.yaml', import.meta.url), 'utf8'), 'constructs.yaml');
const units = [
  { id: 't1', name: '甲镇', class: '乡镇' },
  { id: 't2', name: '乙镇', class: '乡镇' },
  { id: 'jiedao-east', name: '东街道', class: '街道' },
  { id: 'jiedao-west', name: '西街道', class: '街道' },
];
let n = 0;
function entry(unitId: string, target: string, over: Partial<ManualEntry>): ManualEntry {
  n++;
  return manualEntry({ seq: n, year: 2023, unitId, target, note: '材料', by: '李四', at: '2023-12-31T00:00:00Z' }, over);
}
const months = (counts: number[]): Record<string, number> =>
  Object.fromEntries(counts.map((c, i) => [`2023-${String(i + 1).padStart(2, '0')}`, c]));
const observed: PeriodCount[] = Object.entries(months([45, 40, 0, 30, 50, 44, 41, 40, 40, 39, 60, 40])).map(([period, count]) => ({
  unitId: 't1',
  column: 'policies',
  period,
  count,
}));

const entries: ManualEntry[] = [
  entry('t1', 'quality.columns', { partValues: { guide: 0, catalog: 1, report: 0, rules: 1, apply: 0 } }),
  entry('t1', 'quality.guide', { partValues: { updated: 3, complete: 0 } }),
  entry('t1', 'quality.timely', { occurrences: 3 }),
  entry('t1', 'onsite.materials', { occurrences: 4 }),
  entry('t1', 'onsite.work', { partValues: { rules: 2, staff: 1 } }),
  entry('t1', 'highlights', { bonusOccurrences: 7 }),
  entry('t2', 'quantity.monthly', { partValues: months(Array(12).fill(60)) }),
  entry('jiedao-east', 'deep.a', { value: 4 }),
  entry('jiedao-east', 'deep.b', { value: 8.5, bonusOccurrences: 3 }),
  entry('jiedao-east', 'dept.only', { occurrences: 1 }),
  entry('jiedao-west', 'deep.a', { value: 1 }),
];
const scores = computeScores({
  rubric,
  units,
  findings: [],
  entries,
  notices: [],
  periodCounts: observed,
  asOf: '2023-12-31',
  year: 2023,
  county: '测试县',
});
const unit = (id: string): UnitScore => scores.units.find((u) => u.unitId === id)!;
const row = (id: string, rowId: string) => unit(id).indicators.find((i) => i.rowId === rowId)!;
const group = (id: string, groupId: string) => unit(id).groups!.find((g) => g.id === groupId)!;

describe('quota per period (每月不低于40条)', () => {
  it('observed counts: one blank month −10, two months below −5 each; no bonus when the year is under quota', () => {
    const r = row('t1', 'quantity.monthly');
    expect(r.deduction).toBe(20);
    expect(r.points).toBe(20);
    expect(r.basis.some((b) => b.text.includes('网上检查：各期发布数量'))).toBe(true);
    expect(r.basis.at(-1)!.text).toContain('空白 1 期（2023-03）× 10 分');
  });

  it('entered counts: 60 a month is 50% above quota → +1 at 10%, +1 more beyond 30% = +2, no cap', () => {
    const r = row('t2', 'quantity.monthly');
    expect(r.deduction).toBe(0);
    expect(r.bonus).toBe(2);
    expect(r.points).toBe(42);
  });

  it('periods due are those ended by asOf', () => {
    expect(duePeriods('month', 2023, '2023-03-30')).toEqual(['2023-01', '2023-02']);
    expect(duePeriods('quarter', 2023, '2023-12-31')).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
  });
});

describe('checklists, parts with 0, counting up, uncapped bonus', () => {
  it('deduct checklist: two of five columns blank → −10', () => {
    expect(row('t1', 'quality.columns').points).toBe(10);
  });
  it('a part entered as 0 is a valid 0, not missing', () => {
    const r = row('t1', 'quality.guide');
    expect(r.points).toBe(3);
    expect(r.notEnteredParts).toBeUndefined();
    expect(r.notEntered).toBeUndefined();
  });
  it('一项可得2分，最高不超过6分: 4 items → 6', () => {
    expect(row('t1', 'onsite.materials').points).toBe(6);
  });
  it('earn checklist: 2 rules × 2 + 专人 3 = 7', () => {
    expect(row('t1', 'onsite.work').points).toBe(7);
  });
  it('a bonus the source does not cap: 7 items → +7', () => {
    expect(row('t1', 'highlights').bonus).toBe(7);
  });
});

describe('weights that are not points and trees of any depth', () => {
  it('web 80 / on-site 20, then scaled to 100', () => {
    // quality 10 + 3 + 14 = 27; web (20 + 27) / 85 × 80 = 44.24; on-site (6 + 7) / 15 × 20 = 17.33; + 7 bonus
    expect(group('t1', 'quality').points).toBe(27);
    expect(group('t1', 'web')).toMatchObject({ raw: 47, points: 44.24, min: 0, max: 80, depth: 1 });
    expect(group('t1', 'onsite')).toMatchObject({ raw: 13, points: 17.33, max: 20 });
    expect(unit('t1').scaled).toEqual({ raw: 68.57, max: 100, scaleTo: 100 });
    expect(unit('t1').total).toBe(68.57);
  });

  it('rows with nothing entered are 未录入, listed on the unit', () => {
    const t2 = unit('t2');
    expect(t2.notEntered).toEqual(['quality.columns', 'quality.guide', 'onsite.materials', 'onsite.work', 'highlights']);
    expect(row('t2', 'onsite.materials').basis.some((b) => b.text.startsWith('未录入'))).toBe(true);
    // web: quantity 42 + quality (20 + 0 + 20) = 82 → 82 / 85 × 80 = 77.18
    expect(t2.total).toBe(77.18);
  });

  it('five levels: the group of 2–12.5 keeps its range (4 + 8.5 + bonus 2 → 12.5)', () => {
    expect(group('jiedao-east', 'l5').points).toBe(4);
    expect(group('jiedao-east', 'l4')).toMatchObject({ raw: 14.5, points: 14.5, depth: 4 });
    expect(group('jiedao-east', 'l3')).toMatchObject({ raw: 14.5, points: 12.5, min: 2, max: 12.5, depth: 3 });
    expect(unit('jiedao-east').total).toBe(12.5);
    expect(row('jiedao-east', 'deep.b').level1).toBe('一级指标');
    expect(row('jiedao-east', 'deep.b').level3).toBe('三级指标／四级指标／四级乙');
  });

  it('responsible by unit id: the row is scored for that unit only', () => {
    expect(row('jiedao-east', 'dept.only').points).toBe(0);
    expect(unit('jiedao-west').indicators.some((i) => i.rowId === 'dept.only')).toBe(false);
    expect(unit('jiedao-west').total).toBe(2);
  });

  it('classes other than A/B rank within themselves; no grading → no grade suggested', () => {
    expect(Object.keys(scores.grades)).toEqual(['乡镇', '街道']);
    expect(scores.classes.map((c) => [c.key, c.heading])).toEqual([
      ['乡镇', '乡镇'],
      ['街道', '街道'],
    ]);
    expect(scores.grades['乡镇'].total).toBe(2);
    expect(unit('t2').rank).toBe(1);
    expect(unit('t1').grade).toBeNull();
  });
});
