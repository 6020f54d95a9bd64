import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  childrenRange,
  rowRange,
  rubricErrors,
  type Rubric,
  type RubricClass,
  type RubricGroup,
  type RubricRow,
  type RubricRule,
} from '../config/index.ts';
import { computeScores, groupScoreBounds } from '../scoring/index.ts';
import type { ManualEntry } from '../store/index.ts';
import { manualEntry } from './helpers/manual-entry.ts';

// Random rubrics of every rule form and random trees, random entries: a row's score never leaves its row's range, a
// group's never leaves its group's range, whatever was entered (out-of-range values, huge counts, blanks).

const half = fc.integer({ min: 1, max: 20 }).map((n) => n / 2);

const ruleArb: fc.Arbitrary<{ rule: RubricRule; weight: number }> = fc.oneof(
  fc.tuple(half, half).map(
    ([p, w]) =>
      ({ rule: { type: 'perOccurrence', points: p, cap: Math.max(p, w) }, weight: Math.max(p, w) }) as {
        rule: RubricRule;
        weight: number;
      },
  ),
  half.map((w) => ({ rule: { type: 'once', points: w }, weight: w }) as { rule: RubricRule; weight: number }),
  fc
    .tuple(fc.integer({ min: -10, max: 5 }), fc.integer({ min: 1, max: 10 }))
    .map(([min, span]) => ({ rule: { type: 'ranged', min, max: min + span }, weight: min + span }) as { rule: RubricRule; weight: number }),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 })).map(
    ([a, b]) =>
      ({
        rule: {
          type: 'ranged',
          min: -a,
          max: b,
          parts: [
            { id: 'p', label: 'p', min: -a, max: 0 },
            { id: 'q', label: 'q', min: 0, max: b },
          ],
        },
        weight: b,
      }) as { rule: RubricRule; weight: number },
  ),
  fc.tuple(fc.integer({ min: 1, max: 5 }), half).map(
    ([k, w]) =>
      ({
        rule: {
          type: 'checklist',
          mode: k % 2 ? 'deduct' : 'earn',
          items: Array.from({ length: k }, (_, i) => ({
            id: `i${i}`,
            label: `子项${i}`,
            points: 1 + i,
            ...(i % 2 ? { max: 3 + 2 * i } : {}),
          })),
        },
        weight: w,
      }) as { rule: RubricRule; weight: number },
  ),
  fc.tuple(fc.integer({ min: 1, max: 50 }), half, fc.boolean()).map(
    ([target, w, above]) =>
      ({
        rule: {
          type: 'quota',
          period: 'month',
          target,
          below: 2,
          blank: 5,
          ...(above
            ? { above: { over: 0.1, step: 0.2, points: 1, cap: target % 2 ? null : 3, per: target % 3 ? 'period' : 'total' } }
            : {}),
        },
        weight: w,
      }) as { rule: RubricRule; weight: number },
  ),
  fc
    .tuple(half, half)
    .map(
      ([p, m]) =>
        ({ rule: { type: 'countUp', points: p, max: Math.max(p, m) }, weight: Math.max(p, m) }) as { rule: RubricRule; weight: number },
    ),
);

const rowSpec = fc.record({
  rule: ruleArb,
  bonus: fc.option(fc.tuple(half, fc.option(half, { nil: null })), { nil: null }),
  parent: fc.nat(),
});
const groupSpec = fc.record({
  parent: fc.nat(),
  declare: fc.boolean(),
  scaleTo: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
});
const entrySpec = fc.record({
  row: fc.nat(),
  occurrences: fc.integer({ min: -3, max: 40 }),
  value: fc.integer({ min: -30, max: 30 }),
  count: fc.integer({ min: 0, max: 120 }),
  bonus: fc.integer({ min: 0, max: 30 }),
  blanks: fc.boolean(),
});

function buildClass(
  groupSpecs: { parent: number; declare: boolean; scaleTo?: number }[],
  rowSpecs: { rule: { rule: RubricRule; weight: number }; bonus: [number, number | null] | null; parent: number }[],
): RubricClass {
  const groups: RubricGroup[] = groupSpecs.map((g, i) => ({
    id: `g${i}`,
    label: `组${i}`,
    ...(i > 0 && g.parent % (i + 1) < i ? { parent: `g${g.parent % (i + 1)}` } : {}),
    ...(g.scaleTo ? { scaleTo: g.scaleTo } : {}),
  }));
  const rows: RubricRow[] = rowSpecs.map((s, i) => ({
    id: `r${i}`,
    level1: '一',
    level1Weight: null,
    level2: '二',
    level3: `指标${i}`,
    weight: s.rule.rule.type === 'ranged' ? s.rule.rule.max : s.rule.weight,
    min: s.rule.rule.type === 'ranged' ? s.rule.rule.min : null,
    max: s.rule.rule.type === 'ranged' ? s.rule.rule.max : null,
    deductionText: '',
    bonusText: '',
    method: '人工',
    mode: 'evidence',
    rule: s.rule.rule,
    bonus: s.bonus ? { points: s.bonus[0], cap: s.bonus[1] } : null,
    checks: [],
    ...(groups.length && s.parent % (groups.length + 1) < groups.length ? { group: `g${s.parent % (groups.length + 1)}` } : {}),
  }));
  const cls: RubricClass = { base: null, rows, requiredColumns: [], groups };
  // keep only groups with children; declare the range of some as the sum of their children's (as a source would)
  const used = (g: RubricGroup): boolean => rows.some((r) => r.group === g.id) || groups.some((c) => c.parent === g.id && used(c));
  cls.groups = groups.filter(used);
  cls.groups.forEach((g, i) => {
    if (groupSpecs[Number(g.id.slice(1))].declare && i % 2 === 0) {
      const r = childrenRange(cls, g);
      if (r.min < r.max) Object.assign(g, { min: r.min, max: r.max });
    }
  });
  return cls;
}

describe('scores stay within their ranges (random rubrics)', () => {
  it('rows within rowRange, groups within their bounds, totals finite', () => {
    fc.assert(
      fc.property(
        fc.array(groupSpec, { maxLength: 6 }),
        fc.array(rowSpec, { minLength: 1, maxLength: 10 }),
        fc.array(entrySpec, { maxLength: 20 }),
        fc.boolean(),
        (groupSpecs, rowSpecs, entrySpecs, scale) => {
          const cls = buildClass(groupSpecs, rowSpecs);
          if (scale) cls.scaleTo = 100;
          const rubric: Rubric = {
            year: 2023,
            title: 't',
            source: 's',
            classes: { X: cls },
            extras: { bonus: [], penalty: [], bonusMethod: '', penaltyMethod: '' },
            grading: null,
          };
          expect(rubricErrors(rubric).filter((p) => p.path.includes('groups'))).toEqual([]);
          const entries: ManualEntry[] = entrySpecs.map((s, i) => {
            const row = cls.rows[s.row % cls.rows.length];
            const r = row.rule;
            const partValues =
              r.type === 'checklist'
                ? Object.fromEntries(r.items.filter((_, k) => !(s.blanks && k === 0)).map((it, k) => [it.id, (s.count + k) % 4]))
                : r.type === 'quota'
                  ? Object.fromEntries(
                      Array.from({ length: 12 }, (_, m) => [`2023-${String(m + 1).padStart(2, '0')}`, (s.count * (m + 1)) % 121]).filter(
                        (_, m) => !(s.blanks && m === 3),
                      ),
                    )
                  : r.type === 'ranged' && r.parts
                    ? { p: s.value, ...(s.blanks ? {} : { q: s.occurrences }) }
                    : null;
            return manualEntry(
              { seq: i, year: 2023, unitId: 'u', target: row.id, note: 'x', by: 'x', at: '' },
              {
                occurrences: Math.max(0, s.occurrences),
                value: r.type === 'ranged' && !r.parts ? s.value : null,
                partValues,
                bonusOccurrences: row.bonus ? s.bonus : null,
              },
            );
          });
          const latest = [...new Map(entries.map((e) => [e.target, e])).values()];
          const scores = computeScores({
            rubric,
            units: [{ id: 'u', name: 'U', class: 'X' }],
            findings: [],
            entries: latest,
            notices: [],
            asOf: '2023-12-31',
            year: 2023,
            county: 'x',
          });
          const u = scores.units[0];
          for (const ind of u.indicators) {
            const range = rowRange(cls.rows.find((r) => r.id === ind.rowId)!);
            expect(ind.points).toBeGreaterThanOrEqual(range.min - 1e-9);
            expect(ind.points).toBeLessThanOrEqual(range.max + 1e-9);
          }
          for (const g of u.groups ?? []) {
            const b = groupScoreBounds(cls, cls.groups!.find((x) => x.id === g.id)!);
            expect(g.points).toBeGreaterThanOrEqual(b.min - 0.01);
            expect(g.points).toBeLessThanOrEqual(b.max + 0.01);
            const declared = cls.groups!.find((x) => x.id === g.id)!;
            if (declared.max !== undefined && declared.scaleTo === undefined) expect(g.points).toBeLessThanOrEqual(declared.max);
          }
          expect(Number.isFinite(u.total)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
