import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { findRubricRow, loadRubric, type RubricRow } from '../config/index.ts';
import { applyExtras, applyRule } from '../scoring/index.ts';

const rubric = loadRubric('builtin:2023');

function row(cls: 'A' | 'B', id: string): RubricRow {
  const found = findRubricRow(rubric, cls, id);
  if (!found) throw new Error(`row ${cls}/${id} missing`);
  return found;
}

describe('applyRule: the seed examples', () => {
  it('3 late 解读 → −6, not −9', () => {
    const r = applyRule(row('A', 'interpretation.timely'), { occurrences: 3 });
    expect(r.deduction).toBe(6);
    expect(r.points).toBe(0);
    expect(r.capApplied).toBe('deduction');
    expect(r.explanation).toContain('3 件 × 3 分 = 9 分，按上限扣 6 分');
  });

  it('机构职能 missing 4 of 5 fields → −6, not −8', () => {
    const r = applyRule(row('B', 'functions'), { occurrences: 4 });
    expect([r.deduction, r.value, r.points]).toEqual([6, 0, 0]);
    expect(r.explanation).toContain('4 项 × 2 分 = 8 分，按上限扣 6 分');
  });

  it('7 timely consultation replies → +3 (cap); 2 late → −4', () => {
    const r = applyRule(row('A', 'consultation'), { occurrences: 2, bonusOccurrences: 7 });
    expect(r.deduction).toBe(4);
    expect(r.bonus).toBe(3);
    expect(r.points).toBe(6 - 4 + 3);
    expect(r.capApplied).toBe('bonus');
    expect(r.explanation).toContain('7 件 × 0.5 分 = 3.5 分，按上限加 3 分');
  });

  it('好评 replies score the variant: 2 timely + 1 praised = 2 points', () => {
    const r = applyRule(row('B', 'consultation'), { bonusOccurrences: 2, bonusVariants: { praised: 1 } });
    expect(r.bonus).toBe(2);
    expect(r.capApplied).toBeNull();
    expect(r.points).toBe(8);
  });

  it('two 省市通报 → −8; four monthly 通报 → −4; nine → −8', () => {
    expect(applyRule(row('A', 'notice.provincial'), { occurrences: 2 }).deduction).toBe(8);
    const four = applyRule(row('B', 'notice.monthly'), { occurrences: 4 });
    expect([four.deduction, four.points, four.capApplied]).toEqual([4, 4, null]);
    expect(four.explanation).toContain('4 次 × 1 分 = 4 分，扣 4 分');
    expect(applyRule(row('B', 'notice.monthly'), { occurrences: 9 }).deduction).toBe(8);
  });

  it('审查机制: no system −3, incomplete −1, unknown level throws', () => {
    const r = row('A', 'secrecy.mechanism');
    expect(applyRule(r, { levelId: 'none' }).deduction).toBe(3);
    const partial = applyRule(r, { levelId: 'incomplete' });
    expect([partial.deduction, partial.points]).toEqual([1, 2]);
    expect(partial.explanation).toContain('制度不健全，扣 1 分');
    expect(applyRule(r, {}).deduction).toBe(0);
    expect(() => applyRule(r, { levelId: 'missing' })).toThrow('没有档次');
  });

  it('研究部署: not heard once → −5, the same however many times counted', () => {
    const r = row('A', 'leadership');
    expect(applyRule(r, { occurrences: 1 }).deduction).toBe(5);
    expect(applyRule(r, { occurrences: 3 }).deduction).toBe(5);
    expect(applyRule(r, { occurrences: 0 }).points).toBe(5);
    expect(applyRule(row('B', 'budget'), { occurrences: 2 }).deduction).toBe(4);
  });

  it('catalog: 0.5 per item, 11 items → 5 (cap) without float noise', () => {
    const r = applyRule(row('A', 'catalog'), { occurrences: 3 });
    expect(r.deduction).toBe(1.5);
    expect(r.points).toBe(3.5);
    expect(applyRule(row('A', 'catalog'), { occurrences: 11 }).deduction).toBe(5);
  });

  it('bonus-only rows: 多样化解读 3 forms → +6 (cap); 解读质量 one selected + one entered → +5 (cap)', () => {
    const multi = applyRule(row('A', 'interpretation.multiform'), { bonusOccurrences: 3 });
    expect([multi.deduction, multi.value, multi.bonus, multi.points]).toEqual([0, 0, 6, 6]);
    const quality = applyRule(row('B', 'interpretation.quality'), { bonusOccurrences: 1, bonusVariants: { selected: 1 } });
    expect(quality.bonus).toBe(5);
    expect(quality.capApplied).toBe('bonus');
    expect(applyRule(row('B', 'media'), {}).points).toBe(0);
  });

  it('ranged values clamp into [min, max]', () => {
    const r = row('B', 'keyfield.养老服务');
    expect(applyRule(r, { value: -2 }).points).toBe(-2);
    const high = applyRule(r, { value: 5 });
    expect([high.value, high.points, high.clamped]).toEqual([3, 3, true]);
    expect(high.explanation).toContain('超出范围 -3—3，按 3 分计');
    expect(applyRule(r, { value: -9 }).points).toBe(-3);
    const assigned = applyRule(row('B', 'shuanggongshi.report'), { value: -1 });
    expect([assigned.value, assigned.clamped]).toEqual([0, true]);
    expect(applyRule(row('B', 'zone'), { value: 2.5 }).points).toBe(2.5);
  });

  it('民营经济 parts clamp each to −2..2 and add up', () => {
    const r = row('B', 'keyfield.促进民营经济发展壮大');
    const res = applyRule(r, { partValues: { 涉企优惠政策目录清单: 2, 涉企补贴资金: -2, 监管标准和规则: 5, 违规收费典型案例: 2 } });
    expect(res.value).toBe(4);
    expect(res.clamped).toBe(true);
    expect(res.explanation).toContain('监管标准和规则 2 分（5 超出 -2—2）');
    expect(applyRule(r, { partValues: { 涉企补贴资金: -2 } }).value).toBe(-2);
    expect(
      applyRule(r, { partValues: { 涉企优惠政策目录清单: -2, 涉企补贴资金: -2, 监管标准和规则: -2, 违规收费典型案例: -2 } }).points,
    ).toBe(-8);
    expect(() => applyRule(r, { partValues: { 其他: 1 } })).toThrow('没有分项');
  });

  it('both caps at once are reported as both', () => {
    const r = applyRule(row('A', 'application.reply'), { occurrences: 5, bonusOccurrences: 3 });
    expect([r.deduction, r.bonus, r.points, r.capApplied]).toEqual([6, 4, 4, 'both']);
  });

  it('a bonus on a row without 加分标准 is refused', () => {
    expect(() => applyRule(row('A', 'guide'), { bonusOccurrences: 1 })).toThrow('没有加分标准');
    expect(() => applyRule(row('A', 'consultation'), { bonusVariants: { liked: 1 } })).toThrow('没有加分情形');
  });
});

describe('applyRule: properties', () => {
  const all = [...rubric.classes.A.rows, ...rubric.classes.B.rows];
  const deductionRows = all.filter((r) => r.rule.type === 'perOccurrence' || r.rule.type === 'once');
  const bonusRows = all.filter((r) => r.bonus !== null);

  it('0 ≤ deduction ≤ min(cap, weight) and 0 ≤ bonus ≤ cap for any occurrences', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...deductionRows),
        fc.integer({ min: -5, max: 1000 }),
        fc.integer({ min: -5, max: 1000 }),
        (r, occurrences, bonusOccurrences) => {
          const res = applyRule(r, { occurrences, bonusOccurrences: r.bonus ? bonusOccurrences : undefined });
          const cap = r.rule.type === 'perOccurrence' ? r.rule.cap : r.weight;
          expect(res.deduction).toBeGreaterThanOrEqual(0);
          expect(res.deduction).toBeLessThanOrEqual(Math.min(cap, r.weight));
          expect(res.bonus).toBeGreaterThanOrEqual(0);
          expect(res.bonus).toBeLessThanOrEqual(r.bonus?.cap ?? 0);
          expect(res.points).toBeCloseTo(r.weight - res.deduction + res.bonus, 9);
        },
      ),
    );
  });

  it('bonus never exceeds its cap, whatever the variants', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bonusRows), fc.nat(50), fc.nat(50), (r, n, k) => {
        const variants = Object.fromEntries((r.bonus?.variants ?? []).map((v) => [v.id, k]));
        const res = applyRule(r, { bonusOccurrences: n, bonusVariants: variants });
        expect(res.bonus).toBeGreaterThanOrEqual(0);
        expect(res.bonus).toBeLessThanOrEqual(r.bonus?.cap ?? 0);
      }),
    );
  });

  it('ranged and assigned values always land in [min, max]', () => {
    const ranged = all.filter((r) => r.rule.type === 'ranged' || r.rule.type === 'assigned');
    fc.assert(
      fc.property(fc.constantFrom(...ranged), fc.double({ min: -100, max: 100, noNaN: true }), (r, value) => {
        const res = applyRule(r, { value });
        expect(res.value).toBeGreaterThanOrEqual(r.min ?? -Infinity);
        expect(res.value).toBeLessThanOrEqual(r.max ?? Infinity);
      }),
    );
  });
});

describe('applyExtras', () => {
  const bonus = (id: string) => rubric.extras.bonus.find((i) => i.id === id)!;
  const penalty = (id: string) => rubric.extras.penalty.find((i) => i.id === id)!;

  it('adds 综合加分 without a cap and subtracts 重大扣分', () => {
    const res = applyExtras([
      { kind: 'bonus', item: bonus('commendation'), count: 3 },
      { kind: 'bonus', item: bonus('nationalMedia'), count: 2 },
      { kind: 'bonus', item: bonus('excellent2022'), count: 2 },
      { kind: 'penalty', item: penalty('fraud') },
    ]);
    expect(res.bonus).toBe(15 + 6 + 2);
    expect(res.penalty).toBe(5);
    expect(res.net).toBe(18);
    expect(res.explanation).toContain('不可累计');
  });

  it('discretionary items need the decided amount', () => {
    expect(applyExtras([{ kind: 'penalty', item: penalty('other'), points: 3 }]).penalty).toBe(3);
    expect(() => applyExtras([{ kind: 'bonus', item: bonus('other') }])).toThrow('须给出分值');
  });
});
