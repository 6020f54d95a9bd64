import { describe, it, expect } from 'vitest';
import { CHECKS, runChecks } from '../checks/index.ts';
import { col, item, makeConfig, makeCtx, missing, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([
  { id: 'yishi', name: '猗氏镇政府', class: 'A', home: 'http://portal.test/zwgk/yishi/' },
  { id: 'mzj', name: '民政局', class: 'B', home: 'http://portal.test/zwgk/mzj/' },
  { id: 'tjj', name: '统计局', class: 'B', home: 'http://portal.test/zwgk/tjj/' },
  { id: 'nyj', name: '能源局', class: 'B', home: 'http://portal.test/zwgk/nyj/', keyFields: ['促进民营经济发展壮大'] },
]);
const [town, mzj, tjj, nyj] = config.units;
const ctx = makeCtx(config);
const check = (id: string) => CHECKS.find((c) => c.id === id)!;

describe('deptinfo.stale', () => {
  it('older than 30 days or blank → 2 points; fresh → nothing', () => {
    expect(
      check('deptinfo.stale').run(ctx, town, unitObs(town, { columns: [col('yishi', 'deptInfo', [item('动态', '2023-11-01')])] }))[0],
    ).toMatchObject({ suggestedPoints: -2, indicator: 'deptInfo' });
    expect(check('deptinfo.stale').run(ctx, town, unitObs(town, { columns: [col('yishi', 'deptInfo', [])] }))).toHaveLength(1);
    expect(
      check('deptinfo.stale').run(ctx, town, unitObs(town, { columns: [col('yishi', 'deptInfo', [item('动态', '2023-11-20')])] })),
    ).toEqual([]);
  });
});

describe('majorprojects.missing', () => {
  it('A: 施工 and 竣工 need a row dated in the window', () => {
    const obs = unitObs(town, {
      columns: [col('yishi', 'majorProjects', [item('XX路施工有关信息公示', '2023-06-01'), item('XX项目竣工验收', '2022-11-01')])],
    });
    const f = check('majorprojects.missing').run(ctx, town, obs);
    expect(f.map((x) => x.subject)).toEqual(['竣工']);
    expect(f[0].suggestedPoints).toBe(-2);
  });

  it('B: each of the eight categories by sub-column', () => {
    const cats = ['批准服务', '批准结果', '招标投标', '征收土地', '重大设计变更', '施工', '质量安全监督'];
    const obs = unitObs(mzj, {
      columns: [
        col('mzj', 'majorProjects', [], { status: 'blank' }),
        ...cats.map((c) => col('mzj', `majorProjects:${c}`, [item(`${c}信息`, '2023-04-01')])),
        col('mzj', 'majorProjects:竣工', []),
      ],
    });
    expect(
      check('majorprojects.missing')
        .run(ctx, mzj, obs)
        .map((x) => x.subject),
    ).toEqual(['竣工']);
  });
});

describe('budget.missing', () => {
  it('needs the year budget and the previous year 决算', () => {
    const obs = unitObs(town, {
      columns: [col('yishi', 'budget', [item('猗氏镇2023年部门预算公开', '2023-03-10'), item('猗氏镇2021年部门决算', '2022-09-01')])],
    });
    const f = check('budget.missing').run(ctx, town, obs);
    expect(f.map((x) => x.subject)).toEqual(['决算']);
    expect(f[0]).toMatchObject({ suggestedPoints: -4, indicator: 'budget' });
  });

  it('a 2023年预算执行情况 row under 决算 is not a budget; a missing budget also warns', () => {
    const obs = unitObs(town, { columns: [col('yishi', 'budget', [item('2022年决算及2023年预算执行', '2023-08-01')])] });
    const f = check('budget.missing').run(ctx, town, obs);
    expect(f.filter((x) => x.kind === 'deduction').map((x) => x.subject)).toEqual(['预算']);
    expect(f.filter((x) => x.kind === 'warning')).toHaveLength(1);
  });
});

describe('shuanggongshi.missing', () => {
  it('B only: no 许可/处罚 row dated in the window → 4 points', () => {
    const old = unitObs(mzj, {
      columns: [col('mzj', 'shuanggongshi', [], { status: 'blank' }), col('mzj', 'shuanggongshi:行政许可', [item('许可', '2022-05-01')])],
    });
    expect(check('shuanggongshi.missing').run(ctx, mzj, old)[0]).toMatchObject({ suggestedPoints: -4, indicator: 'shuanggongshi.web' });
    const ok = unitObs(mzj, { columns: [col('mzj', 'shuanggongshi:行政处罚', [item('处罚', '2023-05-01')])] });
    expect(check('shuanggongshi.missing').run(ctx, mzj, ok)).toEqual([]);
    expect(check('shuanggongshi.missing').run(ctx, town, unitObs(town, { columns: [missing('yishi', 'shuanggongshi')] }))).toEqual([]);
  });
});

describe('decisions', () => {
  it('catalog: +3 with a 目录 of the year, −3 when missing, 0 low otherwise', () => {
    const run = (cols: ReturnType<typeof col>[]) => check('decisions.catalog').run(ctx, mzj, unitObs(mzj, { columns: cols }))[0];
    expect(run([col('mzj', 'decisions', [item('民政局2023年重大行政决策事项目录', '2023-02-10')])])).toMatchObject({
      suggestedPoints: 3,
      kind: 'ranged',
    });
    expect(run([missing('mzj', 'decisions')])).toMatchObject({ suggestedPoints: -3 });
    expect(run([col('mzj', 'decisions', [item('民政局2022年重大行政决策事项目录', '2022-02-10')])])).toMatchObject({
      suggestedPoints: 0,
      confidence: 'low',
    });
  });

  it('precomment: +3 when each 征求意见稿 has 解读 and 结果; 0 when one lacks; −3 when none', () => {
    const full = [
      item('关于《临猗县养老服务补贴办法（征求意见稿）》公开征求意见的公告', '2023-04-01'),
      item('《临猗县养老服务补贴办法（征求意见稿）》起草说明', '2023-04-01'),
      item('《临猗县养老服务补贴办法》意见征集结果反馈', '2023-05-10'),
    ];
    const run = (rows: ReturnType<typeof item>[]) =>
      check('decisions.precomment').run(ctx, mzj, unitObs(mzj, { columns: [col('mzj', 'decisions', rows)] }))[0];
    expect(run(full).suggestedPoints).toBe(3);
    expect(run(full.slice(0, 2))).toMatchObject({ suggestedPoints: 0, confidence: 'low' });
    expect(run([item('民政局2023年重大行政决策事项目录', '2023-02-10')]).suggestedPoints).toBe(-3);
  });
});

describe('keyfield.coverage', () => {
  it('a non-responsible unit is never checked on a key field', () => {
    const obs = unitObs(tjj, { columns: [missing('tjj', 'keyField:养老服务'), missing('tjj', 'keyField:社会救助')] });
    expect(check('keyfield.coverage').run(ctx, tjj, obs)).toEqual([]);
  });

  it('responsible unit: missing → min; current with all contents → max; else 0 low', () => {
    const good = ['养老服务基层政务公开标准目录', '养老扶持政策措施汇编', '养老机构行业管理通知'].map((t) => item(t, '2023-11-01'));
    const obs = unitObs(mzj, { columns: [col('mzj', 'keyField:养老服务', good), missing('mzj', 'keyField:社会救助')] });
    const f = check('keyfield.coverage').run(ctx, mzj, obs);
    expect(f.map((x) => [x.indicator, x.suggestedPoints])).toEqual([
      ['keyfield.养老服务', 3],
      ['keyfield.社会救助', -3],
    ]);
    const partial = unitObs(mzj, {
      columns: [col('mzj', 'keyField:养老服务', good.slice(0, 1)), col('mzj', 'keyField:社会救助', [item('救助政策', '2023-01-01')])],
    });
    expect(
      check('keyfield.coverage')
        .run(ctx, mzj, partial)
        .map((x) => [x.suggestedPoints, x.confidence]),
    ).toEqual([
      [0, 'low'],
      [0, 'low'],
    ]);
  });

  it('民营经济 (config keyFields): ±2 per part, missing column → −8', () => {
    const rows = [item('涉企优惠政策目录清单', '2023-05-01'), item('2023年涉企补贴资金公示', '2023-06-01')];
    expect(
      check('keyfield.coverage').run(ctx, nyj, unitObs(nyj, { columns: [col('nyj', 'keyField:促进民营经济发展壮大', rows)] }))[0]
        .suggestedPoints,
    ).toBe(0);
    expect(
      check('keyfield.coverage').run(ctx, nyj, unitObs(nyj, { columns: [missing('nyj', 'keyField:促进民营经济发展壮大')] }))[0]
        .suggestedPoints,
    ).toBe(-8);
  });
});

describe('catalog.item-missing', () => {
  it('A: each 公开事项 without a matching row title is a finding (0.5 points)', () => {
    const catalog = col('yishi', 'catalog', [
      item('1', null, { extra: { 公开事项: '涉农补贴信息' } }),
      item('2', null, { extra: { 公开事项: '宅基地审核' } }),
    ]);
    const obs = unitObs(town, { columns: [catalog, col('yishi', 'deptInfo', [item('2023年涉农补贴发放公示', '2023-05-01')])] });
    const f = check('catalog.item-missing').run(ctx, town, obs);
    expect(f.map((x) => x.subject)).toEqual(['宅基地审核']);
    expect(f[0].suggestedPoints).toBe(-0.5);
  });
});

describe('runChecks', () => {
  it('gives stable ids and order across runs, and sorts by unit then check', () => {
    const obs = [
      unitObs(mzj, { columns: [missing('mzj', 'guide'), col('mzj', 'deptInfo', [item('动态', '2023-01-01')])] }),
      unitObs(town, { columns: [missing('yishi', 'budget')] }),
    ];
    const a = runChecks(ctx, obs);
    const b = runChecks(ctx, structuredClone(obs).reverse());
    expect(a.map((f) => f.id)).toEqual(b.map((f) => f.id));
    expect(a[0].unitId).toBe('yishi');
    expect(new Set(a.map((f) => f.id)).size).toBe(a.length);
    for (const f of a) expect(f.status).toBe('pending');
  });
});
