import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadRubric, rowsForUnit, type RubricRow } from '../config/index.ts';
import { computeScores, type ScoringFinding } from '../scoring/index.ts';
import type { ReviewState } from '../store/index.ts';

const rubric = loadRubric('builtin:2023', 2023);
const units = [
  { id: 'yishi', name: '猗氏镇政府', class: 'A' as const },
  { id: 'minzheng', name: '民政局', class: 'B' as const },
];
const rowsOf = new Map(units.map((u) => [u.id, rowsForUnit(rubric, u).filter((r) => r.id !== 'notice.monthly')]));
const states: ReviewState[] = [
  { status: 'pending' },
  { status: 'confirmed', by: 'a', at: '', reason: '', seq: 1 },
  { status: 'dismissed', by: 'a', at: '', reason: '误报', seq: 2 },
];
const isRanged = (r: RubricRow) => r.rule.type === 'ranged' || r.rule.type === 'assigned';

const findingArb = fc.record({
  unit: fc.integer({ min: 0, max: units.length - 1 }),
  row: fc.nat(),
  occurrences: fc.integer({ min: 0, max: 12 }),
  value: fc.integer({ min: -12, max: 12 }),
  state: fc.integer({ min: 0, max: states.length - 1 }),
  bonus: fc.boolean(),
});

function build(
  specs: { unit: number; row: number; occurrences: number; value: number; state: number; bonus: boolean }[],
): ScoringFinding[] {
  return specs.map((s, i) => {
    const unit = units[s.unit];
    const rows = rowsOf.get(unit.id)!;
    const row = rows[s.row % rows.length];
    const kind = isRanged(row) ? 'ranged' : row.rule.type === 'none' || (s.bonus && row.bonus) ? 'bonus' : 'deduction';
    return {
      id: `p${i}`,
      unitId: unit.id,
      checkId: 'guide.incomplete',
      indicator: row.id,
      kind,
      title: `t${i}`,
      occurrences: s.occurrences,
      suggestedPoints: kind === 'ranged' ? s.value : kind === 'bonus' ? 1 : -1,
      evidence: [],
      review: states[s.state],
    };
  });
}

describe('scoring engine properties (random findings)', () => {
  it('caps hold, ranged values stay in range, and the total is weight-sum − deductions + bonuses + ranged values', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 60 }), (specs) => {
        const findings = build(specs);
        const scores = computeScores({ rubric, units, findings, entries: [], notices: [], asOf: '2023-12-15', year: 2023, county: 'x' });
        for (const u of scores.units) {
          const rows = rowsForUnit(rubric, units.find((x) => x.id === u.unitId)!);
          let expected = 0;
          for (const ind of u.indicators) {
            const row = rows.find((r) => r.id === ind.rowId)!;
            expect(ind.deduction).toBeGreaterThanOrEqual(0);
            expect(ind.deduction).toBeLessThanOrEqual(row.weight);
            if (row.rule.type === 'perOccurrence') expect(ind.deduction).toBeLessThanOrEqual(row.rule.cap);
            expect(ind.deduction + ind.pendingDeduction).toBeLessThanOrEqual(row.weight);
            expect(ind.pendingDeduction).toBeGreaterThanOrEqual(0);
            expect(ind.bonus).toBeGreaterThanOrEqual(0);
            expect(ind.bonus).toBeLessThanOrEqual(row.bonus?.cap ?? 0);
            if (isRanged(row)) {
              const r = row.rule as { min: number; max: number };
              expect(ind.value).toBeGreaterThanOrEqual(r.min);
              expect(ind.value).toBeLessThanOrEqual(r.max);
              expected += ind.value + ind.bonus;
            } else {
              expected += (row.rule.type === 'none' ? 0 : row.weight) - ind.deduction + ind.bonus;
            }
            // independent re-derivation for per-occurrence rows: confirmed occurrences × points, capped
            if (row.rule.type === 'perOccurrence' && row.id !== 'notice.monthly') {
              const occ = findings
                .filter((f) => f.unitId === u.unitId && f.indicator === row.id && f.kind === 'deduction' && f.review.status === 'confirmed')
                .reduce((a, f) => a + f.occurrences, 0);
              expect(ind.deduction).toBeCloseTo(Math.min(occ * row.rule.points, row.rule.cap, row.weight), 6);
            }
          }
          expect(u.total).toBeCloseTo(expected, 6);
          if (u.class === 'A') expect(u.total).toBeLessThanOrEqual(100 + u.indicators.reduce((a, i) => a + i.bonus, 0) + 1e-9);
        }
      }),
      { numRuns: 150 },
    );
  });
});
