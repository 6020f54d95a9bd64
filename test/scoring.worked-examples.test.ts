import { describe, it, expect } from 'vitest';
import { loadRubric } from '../config/index.ts';
import { computeScores, type ScoreInput, type ScoringFinding, type UnitScore } from '../scoring/index.ts';
import type { ManualEntry, MonthlyNotice, ReviewState } from '../store/index.ts';
import type { ScoresFile as ReportsScoresFile } from '../reports/index.ts';
import { manualEntry } from './helpers/manual-entry.ts';

// Worked examples from the wording of the 2023 plan (临政办函〔2023〕33号, 附件2/3).
const rubric = loadRubric('builtin:2023', 2023);
const town = { id: 'yishi', name: '猗氏镇政府', class: 'A' as const };
const bureau = { id: 'minzheng', name: '民政局', class: 'B' as const };
const confirmed: ReviewState = { status: 'confirmed', by: '张三', at: '2023-12-01T00:00:00Z', reason: '', seq: 1 };
const pending: ReviewState = { status: 'pending' };

let n = 0;
function f(indicator: string, over: Partial<ScoringFinding> = {}): ScoringFinding {
  n++;
  return {
    id: `f${n}`,
    unitId: town.id,
    checkId: 'functions.incomplete',
    indicator,
    kind: 'deduction',
    title: `问题${n}`,
    occurrences: 1,
    suggestedPoints: -1,
    evidence: [{ url: `https://example.gov.cn/${n}`, excerpt: '', snapshot: null }],
    review: confirmed,
    ...over,
  };
}

function entry(target: string, over: Partial<ManualEntry> = {}, unitId = town.id): ManualEntry {
  n++;
  return manualEntry({ seq: n, year: 2023, unitId, target, note: '印证材料', by: '李四', at: '2023-12-01T00:00:00Z' }, over);
}

function score(over: Partial<ScoreInput>): UnitScore[] {
  return computeScores({
    rubric,
    units: [town, bureau],
    findings: [],
    entries: [],
    notices: [],
    asOf: '2023-12-15',
    year: 2023,
    county: '临猗县',
    ...over,
  }).units;
}

function row(units: UnitScore[], unitId: string, rowId: string) {
  const r = units.find((u) => u.unitId === unitId)!.indicators.find((i) => i.rowId === rowId);
  if (!r) throw new Error(`no row ${rowId}`);
  return r;
}

describe('worked examples from the plan', () => {
  it('the output is the scores.json shape the reports render', () => {
    const file: ReportsScoresFile = computeScores({
      rubric,
      units: [town, bureau],
      findings: [],
      entries: [],
      notices: [],
      asOf: '2023-12-15',
      year: 2023,
      county: '临猗县',
    });
    expect(Object.keys(file).sort()).toEqual(['asOf', 'classes', 'county', 'grades', 'units', 'year']);
    const required = ['class', 'extras', 'grade', 'indicators', 'rank', 'total', 'totalIfPendingConfirmed', 'unitId', 'unitName'];
    const optional = ['groups', 'scaled', 'notEntered']; // added by the extended rubric format; reports may ignore them
    for (const u of file.units) {
      expect(
        Object.keys(u)
          .filter((k) => !optional.includes(k))
          .sort(),
      ).toEqual(required);
    }
    expect(file.units.find((u) => u.unitId === bureau.id)!.notEntered).toContain('shuanggongshi.report');
  });

  it('a unit with nothing found keeps the A base of 100', () => {
    expect(score({}).find((u) => u.unitId === town.id)!.total).toBe(100);
  });

  it('机构职能 missing 4 of 5 fields → −6 (cap), not −8', () => {
    const findings = ['职能', '地址', '时间', '电话'].map((s) =>
      f('functions', { subject: s, suggestedPoints: -2 } as Partial<ScoringFinding>),
    );
    const units = score({ findings });
    const r = row(units, town.id, 'functions');
    expect(r.deduction).toBe(6);
    expect(r.points).toBe(0);
    expect(r.capApplied).toBe('deduction');
    expect(r.basis.filter((b) => b.findingId)).toHaveLength(4);
    expect(units.find((u) => u.unitId === town.id)!.total).toBe(94);
  });

  it('3 late 解读 → −6', () => {
    const findings = [1, 2, 3].map(() => f('interpretation.timely', { checkId: 'interpretation.missing', suggestedPoints: -3 }));
    expect(row(score({ findings }), town.id, 'interpretation.timely').deduction).toBe(6);
  });

  it('政策咨询 7 timely published replies → +3 (bonus cap)', () => {
    const findings = Array.from({ length: 7 }, () =>
      f('consultation', { checkId: 'consultation.timely', kind: 'bonus', suggestedPoints: 0.5 }),
    );
    const r = row(score({ findings }), town.id, 'consultation');
    expect(r.bonus).toBe(3);
    expect(r.deduction).toBe(0);
    expect(r.points).toBe(9);
    expect(r.capApplied).toBe('bonus');
  });

  it('two 省市通报 → −8', () => {
    const r = row(score({ entries: [entry('notice.provincial', { occurrences: 2 })] }), town.id, 'notice.provincial');
    expect(r.deduction).toBe(8);
    expect(r.basis.some((b) => b.entryId)).toBe(true);
  });

  it('four monthly 通报 → −4, the months listed as basis', () => {
    const notices: MonthlyNotice[] = ['2023-03', '2023-05', '2023-08', '2023-11'].map((month, i) => ({
      month,
      unitId: town.id,
      state: 'notified',
      runId: i + 1,
      findingIds: [`m${i}`],
      recordedAt: '2023-12-01T00:00:00Z',
    }));
    const r = row(score({ notices }), town.id, 'notice.monthly');
    expect(r.deduction).toBe(4);
    expect(r.basis.filter((b) => b.status === 'confirmed').map((b) => b.text.slice(0, 7))).toEqual([
      '2023-03',
      '2023-05',
      '2023-08',
      '2023-11',
    ]);
  });

  it('a notice after asOf or in another year does not count', () => {
    const notices: MonthlyNotice[] = ['2022-12', '2023-12'].map((month, i) => ({
      month,
      unitId: town.id,
      state: 'notified',
      runId: i + 1,
      findingIds: [],
      recordedAt: '',
    }));
    expect(row(score({ notices, asOf: '2023-11-30' }), town.id, 'notice.monthly').deduction).toBe(0);
  });

  it('保密审查 levels: 制度不健全 −1, 未制定 −3', () => {
    expect(row(score({ entries: [entry('secrecy.mechanism', { levelId: 'incomplete' })] }), town.id, 'secrecy.mechanism').deduction).toBe(
      1,
    );
    expect(row(score({ entries: [entry('secrecy.mechanism', { levelId: 'none' })] }), town.id, 'secrecy.mechanism').deduction).toBe(3);
  });

  it('pending findings are shown apart: draft vs. if confirmed', () => {
    const findings = [
      f('guide', { checkId: 'guide.incomplete' }),
      f('guide', { checkId: 'guide.incomplete', review: pending }),
      f('guide', { checkId: 'guide.incomplete', review: pending }),
    ];
    const u = score({ findings }).find((x) => x.unitId === town.id)!;
    const r = u.indicators.find((i) => i.rowId === 'guide')!;
    expect(r.deduction).toBe(1);
    expect(r.pendingDeduction).toBe(2);
    expect(u.total).toBe(99);
    expect(u.totalIfPendingConfirmed).toBe(97);
    expect(r.basis.filter((b) => b.status === 'pending')).toHaveLength(2);
  });

  it('dismissed and rectified findings never score; adjusted ones score as adjusted', () => {
    const dismissed: ReviewState = { status: 'dismissed', by: '张三', at: '', reason: '误报', seq: 2 };
    const adjusted: ReviewState = { status: 'adjusted', by: '张三', at: '', reason: '只算一件', seq: 3, occurrences: 1, points: null };
    const findings = [
      f('attribute', { checkId: 'attribute.missing', review: dismissed }),
      f('attribute', { checkId: 'attribute.missing', rectified: true }),
      f('attribute', { checkId: 'attribute.missing', occurrences: 3, review: adjusted }),
      f('majorProjects', { checkId: 'majorprojects.missing', review: { ...adjusted, occurrences: null, points: -2 } }),
    ];
    const units = score({ findings });
    expect(row(units, town.id, 'attribute').deduction).toBe(1);
    expect(row(units, town.id, 'majorProjects').deduction).toBe(2);
  });

  it('warnings never score', () => {
    const r = row(score({ findings: [f('deptInfo', { kind: 'warning', checkId: 'deptinfo.stale' })] }), town.id, 'deptInfo');
    expect(r.deduction).toBe(0);
  });

  it('B: ranged key field value from a finding, assigned 双公示 score from an entry; no upper bound', () => {
    const findings = [f('keyfield.养老服务', { unitId: bureau.id, checkId: 'keyfield.coverage', kind: 'ranged', suggestedPoints: 3 })];
    const entries = [entry('shuanggongshi.report', { value: 8 }, bureau.id), entry('bonus:commendation', { occurrences: 3 }, bureau.id)];
    const units = score({ findings, entries });
    const u = units.find((x) => x.unitId === bureau.id)!;
    expect(row(units, bureau.id, 'keyfield.养老服务').value).toBe(3);
    expect(row(units, bureau.id, 'shuanggongshi.report').points).toBe(8);
    expect(u.extras).toEqual([expect.objectContaining({ id: 'bonus:commendation', points: 15 })]);
    const noExtras = score({ findings, entries: entries.slice(0, 1) }).find((x) => x.unitId === bureau.id)!;
    expect(u.total).toBe(noExtras.total + 15);
    expect(u.total).toBeGreaterThan(100);
  });

  it('重大扣分项 is uncapped and subtracts', () => {
    const entries = [entry('penalty:fraud', { occurrences: 1 }), entry('penalty:other', { points: 12 })];
    const u = score({ entries }).find((x) => x.unitId === town.id)!;
    expect(u.extras.map((x) => x.points).sort()).toEqual([-12, -5]);
    expect(u.total).toBe(83);
  });

  it('a row the unit does not answer for is not scored (养老服务 is 民政局’s)', () => {
    const other = { id: 'jiaoyu', name: '教育局', class: 'B' as const };
    const units = computeScores({
      rubric,
      units: [other],
      findings: [],
      entries: [],
      notices: [],
      asOf: '2023-12-15',
      year: 2023,
      county: 'x',
    }).units;
    expect(units[0].indicators.some((i) => i.rowId === 'keyfield.养老服务')).toBe(false);
    expect(units[0].indicators.some((i) => i.rowId === 'keyfield.义务教育')).toBe(true);
  });
});
