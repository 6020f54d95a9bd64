// The example rubrics of other places (config/rubrics/examples/), each scored on a worked example computed by hand.
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../checks/index.ts';
import { assertRubricReferences, knownColumnKeys, loadRubric, type Rubric } from '../config/index.ts';
import { computeScores, extraTarget, type UnitScore } from '../scoring/index.ts';
import type { ManualEntry } from '../store/index.ts';
import { manualEntry } from './helpers/manual-entry.ts';

const example = (name: string): Rubric => loadRubric(`config/rubrics/examples/${name}.yaml`);

let n = 0;
function entry(unitId: string, target: string, over: Partial<ManualEntry>, year = 2023): ManualEntry {
  n++;
  return manualEntry({ seq: n, year, unitId, target, note: '评估记录', by: '王五', at: `${year}-12-31T00:00:00Z` }, over);
}

function scorer(rubric: Rubric, units: { id: string; name: string; class: string }[], entries: ManualEntry[], year = 2023) {
  const scores = computeScores({ rubric, units, findings: [], entries, notices: [], asOf: `${year}-12-31`, year, county: '示例县' });
  const unit = (id: string): UnitScore => scores.units.find((u) => u.unitId === id)!;
  return {
    scores,
    unit,
    row: (id: string, rowId: string) => unit(id).indicators.find((i) => i.rowId === rowId),
    group: (id: string, groupId: string) => unit(id).groups!.find((g) => g.id === groupId)!,
  };
}

describe('every example loads clean and names only known checks and columns', () => {
  for (const name of ['county-table', 'district-five-level', 'township-2010']) {
    it(name, () => {
      const rubric = example(name);
      expect(rubric.warnings).toEqual([]);
      expect(rubric.source).toMatch(/^https?:\/\//);
      expect(assertRubricReferences(rubric, { checkIds: CHECK_IDS, columnKeys: knownColumnKeys() })).toEqual([]);
    });
  }
});

describe('county table (类别/考核内容/得分, groups of 6, 15 and 79)', () => {
  const rubric = example('county-table');
  const { unit, row, group } = scorer(
    rubric,
    [
      { id: 'a', name: '甲局', class: '单位' },
      { id: 'b', name: '乙局', class: '单位' },
    ],
    [
      entry('a', 'org', { partValues: { leader: 1, staff: 1, rules: 0 } }),
      entry('a', 'carriers.portal', { value: 5 }),
      entry('a', 'carriers.press', { value: 3 }),
      entry('a', 'carriers.media', { occurrences: 4 }),
      entry('a', 'info.targets', { value: 20 }),
      entry('a', 'info.overview', { value: 2 }),
      entry('a', 'info.documents', { value: 4.5 }),
      entry('a', 'info.dynamic', { value: 5 }),
      entry('a', 'info.emergency', { value: 1 }),
      entry('a', 'info.keyInfo', { value: 22 }),
      entry('a', 'info.interpretation', { value: 2 }),
      entry('a', 'info.catalogReport', { partValues: { catalogStale: 1, noReport: 0 } }),
      entry('a', 'info.application', { value: 6 }),
      entry('a', 'info.secrecy', { value: 2 }),
      entry('b', 'org', { partValues: { leader: 1 } }),
      entry('b', 'carriers.media', { occurrences: 2 }),
    ],
  );

  it('the class adds up to 100 and each 类别 to its 合计得分', () => {
    expect(rubric.classes['单位'].rows.reduce((a, r) => a + r.weight, 0)).toBe(100);
    expect(group('a', 'org').max).toBe(6);
    expect(group('a', 'carriers').max).toBe(15);
    expect(group('a', 'info').max).toBe(79);
  });

  it('a fully entered unit: 4 + (5 + 3 + 6) + 68.5 = 86.5', () => {
    expect(row('a', 'org')!.points).toBe(4); // 2 + 2 + 0
    expect(row('a', 'carriers.media')!.points).toBe(6); // 4 items × 2 = 8, 最高不超过6分
    expect(row('a', 'info.catalogReport')!.points).toBe(4); // 目录未更新 −1
    expect(group('a', 'carriers').points).toBe(14);
    // 20 + 2 + 4.5 + 5 + 1 + 22 + 2 + 4 + 6 + 2
    expect(group('a', 'info').points).toBe(68.5);
    expect(group('a', 'work').points).toBe(82.5);
    expect(unit('a').total).toBe(86.5);
    expect(unit('a').notEntered).toBeUndefined();
  });

  it('a unit with little entered: what is missing is 未录入, item by item', () => {
    expect(row('b', 'org')).toMatchObject({ points: 2, notEnteredParts: ['staff', 'rules'] });
    expect(row('b', 'carriers.media')!.points).toBe(4);
    expect(unit('b').notEntered).toEqual([
      'carriers.portal',
      'carriers.press',
      'info.targets',
      'info.overview',
      'info.documents',
      'info.dynamic',
      'info.emergency',
      'info.keyInfo',
      'info.interpretation',
      'info.catalogReport',
      'info.application',
      'info.secrecy',
    ]);
    expect(unit('a').rank).toBe(1);
    expect(unit('a').grade).toBeNull(); // the table sets no grading quotas
  });
});

describe('district rubric (five levels, fractional ranges, rows per department)', () => {
  const rubric = example('district-five-level');
  const units = [
    { id: 'tjj', name: '区统计局', class: '单位' },
    { id: 'fpb', name: '区扶贫办', class: '单位' },
    { id: 'town', name: '某镇人民政府', class: '单位' },
  ];
  const { unit, row, group } = scorer(rubric, units, [
    entry('tjj', 'stats.monthly', { partValues: { economy: 1, interpretation: 0 } }),
    entry('tjj', 'random.list', { partValues: { basis: 0.5, subject: 0.5, content: 1.2, method: 0.1 } }),
    entry('tjj', 'random.results', { partValues: { results: 1, handling: 0.3 } }),
    entry('tjj', 'budget.column', { partValues: { column: 2, published: 2 } }),
    entry('tjj', 'proposals.npc', { partValues: { column: 1, content: 0.5 } }),
    entry('tjj', 'proposals.cppcc', { partValues: { column: 0.15, content: 0.1 } }),
    entry('tjj', 'apply.letter', { partValues: { inGuide: 1, mailTest: 0 } }),
    entry('fpb', 'poverty.list', { partValues: { list: 1, hotline: 1 } }),
    entry('fpb', 'poverty.policy', { partValues: { policy: 1, targets: 1, measures: 1, results: 1, exit: 0, funds: 0 } }),
    // 0 for 抽查依据 is below its 0.1 floor and 2.5 for 内容 above its 2: each part is kept within its range
    entry('fpb', 'random.list', { partValues: { basis: 0, subject: 0.1, content: 2.5, method: 0.5 } }),
    entry('fpb', 'random.results', { partValues: { results: 0.2, handling: 0.3 } }),
    entry('fpb', 'budget.column', { partValues: { column: 0.2, published: 0.3 } }),
    entry('fpb', 'proposals.npc', { partValues: { column: 0.15, content: 0.1 } }),
    entry('fpb', 'proposals.cppcc', { partValues: { column: 0.15, content: 0.1 } }),
    entry('fpb', 'apply.letter', { partValues: { inGuide: 1, mailTest: 1 } }),
  ]);

  it('the 各单位 group is 2–12.5, the sum of its children', () => {
    expect(group('tjj', 'common')).toMatchObject({ min: 2, max: 12.5, depth: 2 });
    expect(group('tjj', 'common.random')).toMatchObject({ min: 1, max: 5.5, depth: 3 });
  });

  it('区统计局: 5 + (3.6 + 4 + 1.75) + 1 = 15.35', () => {
    expect(row('tjj', 'stats.monthly')!.points).toBe(5);
    expect(row('tjj', 'random.list')!.points).toBe(2.3); // 0.5 + 0.5 + 1.2 + 0.1
    expect(group('tjj', 'common.random').points).toBe(3.6);
    expect(group('tjj', 'common.proposals').points).toBe(1.75); // 1.5 + 0.25
    expect(group('tjj', 'common').points).toBe(9.35);
    expect(group('tjj', 'open').points).toBe(14.35);
    expect(unit('tjj').total).toBe(15.35);
    expect(row('tjj', 'poverty.list')).toBeUndefined(); // 区扶贫办's rows are not the 统计局's
  });

  it('区扶贫办: 8.5 + (3.2 + 0.5 + 0.5) + 2.5 = 15.2, parts kept within their ranges', () => {
    expect(row('fpb', 'poverty.policy')!.points).toBe(4);
    expect(group('fpb', 'poverty').points).toBe(8.5);
    expect(row('fpb', 'random.list')!.points).toBe(2.7); // 0.1 + 0.1 + 2 + 0.5
    expect(row('fpb', 'random.list')!.basis.at(-1)!.text).toContain('（0 超出 0.1—0.5）');
    expect(group('fpb', 'common').points).toBe(4.2);
    expect(unit('fpb').total).toBe(15.2);
  });

  it('a township with nothing entered: only the common rows, each 未录入, the group at its floor of 2', () => {
    expect(unit('town').indicators.map((i) => i.rowId)).toEqual([
      'random.list',
      'random.results',
      'budget.column',
      'proposals.npc',
      'proposals.cppcc',
      'apply.letter',
    ]);
    expect(unit('town').notEntered).toHaveLength(6);
    expect(group('town', 'common').points).toBe(2);
    expect(unit('town').total).toBe(2);
  });
});

describe('township rubric of 2010 (每月不低于40条, 空白月, 超额加分, 通报表彰/批评)', () => {
  const rubric = example('township-2010');
  const months = (counts: number[]): Record<string, number> =>
    Object.fromEntries(counts.map((c, i) => [`2010-${String(i + 1).padStart(2, '0')}`, c]));
  const units = [
    { id: 'jia', name: '甲镇', class: '乡镇街道' },
    { id: 'yi', name: '乙镇', class: '乡镇街道' },
    { id: 'bing', name: '丙街道', class: '乡镇街道' },
  ];
  const { unit, row } = scorer(
    rubric,
    units,
    [
      entry('jia', 'quantity.monthly', { partValues: months([45, 40, 0, 30, 50, 44, 41, 40, 40, 39, 60, 40]) }, 2010),
      entry('jia', 'quality.guide', { partValues: { done: 1 } }, 2010),
      entry('jia', 'quality.columns', { value: 15 }, 2010),
      entry('yi', 'quantity.monthly', { partValues: months(Array(12).fill(53)) }, 2010),
      entry('bing', 'quantity.monthly', { partValues: months([40, 40, 40, 40, 40, 40]) }, 2010),
      entry('bing', extraTarget('bonus', 'praise.city'), { occurrences: 2 }, 2010),
      entry('bing', extraTarget('penalty', 'criticism.office'), { occurrences: 1 }, 2010),
    ],
    2010,
  );

  it('a blank month −10 and two months under 40 −5 each; 509 of 480 is under 10% above: no bonus', () => {
    expect(row('jia', 'quantity.monthly')).toMatchObject({ deduction: 20, bonus: 0, points: 20 });
    expect(unit('jia').total).toBe(40); // 20 + 5 + 15
  });

  it('636 of 480 is 32.5% above: +1 beyond 10%, +1 more beyond 30%; the source sets no cap', () => {
    expect(row('yi', 'quantity.monthly')).toMatchObject({ deduction: 0, bonus: 2, points: 42 });
  });

  it('months with no count are 未录入, not blank months; 通报表彰 +3 each and 通报批评 −1 are uncapped extras', () => {
    const r = row('bing', 'quantity.monthly')!;
    expect(r.deduction).toBe(0);
    expect(r.notEnteredParts).toEqual(['2010-07', '2010-08', '2010-09', '2010-10', '2010-11', '2010-12']);
    expect(unit('bing').extras.map((x) => x.points)).toEqual([6, -1]);
    expect(unit('bing').total).toBe(45); // 40 + 6 − 1, the quality rows not entered
    expect(unit('bing').notEntered).toEqual(['quality.guide', 'quality.columns']);
  });
});
