import { describe, it, expect } from 'vitest';
import { loadRubric } from '../config/index.ts';
import { computeScores, rankTotals, suggestGrades, type ScoringFinding } from '../scoring/index.ts';

const rule = loadRubric('builtin:2023', 2023).grading!;
const totals = (xs: number[]) => xs.map((total, i) => ({ unitId: `u${String(i).padStart(2, '0')}`, total }));

describe('grade suggestions by the plan quotas', () => {
  it('14 乡镇: 优秀 ⌊4.2⌋=4, 一般 round(2.8)=3, 良好 7', () => {
    const s = suggestGrades('A', totals(Array.from({ length: 14 }, (_, i) => 100 - i)), rule);
    expect(s.summary.counts).toEqual({ 优秀: 4, 良好: 7, 一般: 3, 较差: 0 });
    expect(s.grades.get('u00')).toBe('优秀');
    expect(s.grades.get('u03')).toBe('优秀');
    expect(s.grades.get('u04')).toBe('良好');
    expect(s.grades.get('u13')).toBe('一般');
    expect(s.summary.rounding).toContain('向下取整为 4 个');
    expect(s.summary.rounding).toContain('四舍五入为 3 个');
  });

  it('27 县直单位: 优秀 8, 一般 3 (10% of 27 = 2.7), 良好 16 (within 50–60%)', () => {
    const s = suggestGrades('B', totals(Array.from({ length: 27 }, (_, i) => 120 - i)), rule);
    expect(s.summary.counts).toEqual({ 优秀: 8, 良好: 16, 一般: 3, 较差: 0 });
    expect(s.summary.rounding).not.toContain('超出该范围');
  });

  it('a tie across the 优秀 boundary gives the whole tied group 优秀 and says so', () => {
    const xs = [99, 98, 97, 95, 95, 95, 90, 89, 88, 87, 86, 85, 84, 83];
    const s = suggestGrades('A', totals(xs), rule);
    expect(['u03', 'u04', 'u05'].map((id) => s.grades.get(id))).toEqual(['优秀', '优秀', '优秀']);
    expect(s.summary.counts['优秀']).toBe(6);
    expect(s.summary.ties).toContain('3 个单位同为 95 分');
  });

  it('ranks equal totals equally (1, 2, 2, 4)', () => {
    const r = rankTotals(totals([90, 80, 80, 70]));
    expect([...r.values()]).toEqual([1, 2, 2, 4]);
  });

  it('an evaluator override replaces the suggested grade and is shown with its reason', () => {
    const rubric = loadRubric('builtin:2023', 2023);
    const units = Array.from({ length: 4 }, (_, i) => ({ id: `t${i}`, name: `镇${i}`, class: 'A' as const }));
    const findings: ScoringFinding[] = units.map((u, i) => ({
      id: `f${i}`,
      unitId: u.id,
      checkId: 'guide.incomplete',
      indicator: 'guide',
      kind: 'deduction',
      title: 'x',
      occurrences: i,
      suggestedPoints: -i,
      evidence: [],
      review: { status: 'confirmed', by: 'a', at: '', reason: '', seq: i },
    }));
    const s = computeScores({
      rubric,
      units,
      findings,
      entries: [],
      notices: [],
      asOf: '2023-12-15',
      year: 2023,
      county: 'x',
      gradeOverrides: new Map([['t3', { grade: '较差', reason: '弄虚作假', by: '领导小组' }]]),
    });
    const t3 = s.units.find((u) => u.unitId === 't3')!;
    expect(t3.grade).toBe('较差');
    expect(t3.gradeOverride).toEqual({ grade: '较差', reason: '弄虚作假', by: '领导小组' });
    expect(s.units.map((u) => u.rank)).toEqual([1, 2, 3, 4]);
    expect(s.grades.A.counts['较差']).toBe(1);
    expect(s.grades.A.rounding).toContain('考核小组改定 1 个单位');
  });
});
