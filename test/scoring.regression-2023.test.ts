import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { loadRubric } from '../config/index.ts';
import { computeScores } from '../scoring/index.ts';
import { baselineInput } from './fixtures/scoring/baseline-input.ts';

// The 2023 rubric must score exactly as it did before the rubric format grew new constructs: 2023-baseline.json is
// the scores.json the engine wrote for this input before that change (commit "Regression baseline ...").
const baseline = JSON.parse(readFileSync(new URL('./fixtures/scoring/2023-baseline.json', import.meta.url), 'utf8'));

describe('2023 rubric regression', () => {
  it('the input exercises findings, entries, notices and extras for every unit', () => {
    const input = baselineInput(loadRubric('builtin:2023', 2023));
    expect(input.findings.length).toBeGreaterThan(100);
    expect(input.entries.length).toBeGreaterThan(100);
    expect(new Set(input.findings.map((f) => f.review.status))).toEqual(new Set(['confirmed', 'pending', 'dismissed', 'adjusted']));
    expect(input.notices.length).toBeGreaterThan(5);
  });

  it('scores.json is unchanged (apart from the 未录入 marks the extended format adds)', () => {
    const now = computeScores(baselineInput(loadRubric('builtin:2023', 2023)));
    const json = JSON.parse(JSON.stringify(now));
    // new optional fields only: which rows are still 未录入; every score, basis and grade stays as it was
    const marked = json.units.flatMap((u: { indicators: { notEntered?: true }[] }) => u.indicators.filter((i) => i.notEntered));
    expect(marked.length).toBeGreaterThan(20);
    // and the classes every document names, from the rubric's labels and the units' count
    expect(json.classes.map((c: { heading: string; units: number }) => [c.heading, c.units])).toEqual([
      ['A类（乡镇）', json.units.filter((u: { class: string }) => u.class === 'A').length],
      ['B类（县直单位）', json.units.filter((u: { class: string }) => u.class === 'B').length],
    ]);
    delete json.classes;
    for (const u of json.units) {
      delete u.notEntered;
      for (const i of u.indicators) {
        delete i.notEntered;
        delete i.notEnteredParts;
      }
    }
    expect(json.units.map((u: { unitId: string; total: number }) => [u.unitId, u.total])).toEqual(
      baseline.units.map((u: { unitId: string; total: number }) => [u.unitId, u.total]),
    );
    expect(json).toEqual(baseline);
  });
});
