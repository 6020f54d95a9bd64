import { describe, it, expect } from 'vitest';
import { runChecks, CHECKS } from '../checks/index.ts';
import { col, detail, item, makeConfig, makeCtx, missing, page, unitObs, feed } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'yishi', name: '猗氏镇政府', class: 'A', home: 'http://portal.test/zwgk/yishi/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const run = (id: string, obs = unitObs(unit)) => CHECKS.find((c) => c.id === id)!.run(ctx, unit, obs);

describe('column.missing', () => {
  it('fires once per required column observed missing', () => {
    const f = run(
      'column.missing',
      unitObs(unit, {
        columns: [missing('yishi', 'budget'), missing('yishi', 'catalog'), col('yishi', 'guide', [item('指南', '2023-01-01')])],
      }),
    );
    expect(f.map((x) => x.subject).sort()).toEqual(['budget', 'catalog']);
    expect(f[0]).toMatchObject({ indicator: 'notice.monthly', kind: 'deduction', suggestedPoints: -1, monthly: true, status: 'pending' });
    expect(f[0].title).toContain('缺少');
  });

  it('a column that moved (found by another label/URL) is not missing; nor a parent found via its sub-columns', () => {
    const moved = col('yishi', 'budget', [item('2023年部门预算', '2023-03-01')], {
      label: '预决算公开',
      url: 'http://portal.test/new/yjs/',
    });
    const f = run(
      'column.missing',
      unitObs(unit, {
        columns: [moved, missing('yishi', 'majorProjects'), col('yishi', 'majorProjects:施工', [item('施工信息', '2023-05-01')])],
      }),
    );
    expect(f).toEqual([]);
  });

  it('does not fire for a non-required column', () => {
    expect(run('column.missing', unitObs(unit, { columns: [missing('yishi', 'decisions')] }))).toEqual([]);
  });
});

describe('column.blank', () => {
  it('fires for a blank list and for a guide body shorter than 20 characters', () => {
    const guide = col('yishi', 'guide', [item('指南', '2023-01-01')]);
    const f = run(
      'column.blank',
      unitObs(unit, {
        columns: [col('yishi', 'deptInfo', [], { placeholder: '暂无信息' }), guide],
        details: [detail('yishi', 'guide', '政府信息公开指南', '详见附件。')],
      }),
    );
    expect(f.map((x) => x.subject).sort()).toEqual(['deptInfo', 'guide']);
    expect(f.find((x) => x.subject === 'deptInfo')!.detail).toContain('暂无信息');
  });

  it('unreachable and unrendered columns are not blank', () => {
    const f = run(
      'column.blank',
      unitObs(unit, {
        columns: [col('yishi', 'deptInfo', [], { status: 'unreachable' }), col('yishi', 'policies', [], { status: 'unrendered' })],
      }),
    );
    expect(f).toEqual([]);
  });
});

describe('column.stale', () => {
  it('fires when the newest dated row is older than the period, and says how it measured', () => {
    const f = run(
      'column.stale',
      unitObs(unit, { columns: [col('yishi', 'deptInfo', [item('镇里开会', '2023-09-30'), item('旧闻', '2023-08-01')])] }),
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ checkId: 'column.stale', column: 'deptInfo', kind: 'deduction', confidence: 'high' });
    expect(f[0].detail).toContain('2023-09-30');
    expect(f[0].detail).toContain('76 天');
    expect(f[0].detail).toContain('14 天');
  });

  it('pinned old rows above new ones do not make a column stale', () => {
    const rows = [item('置顶：旧通知', '2021-01-01', { pinned: true }), item('新动态', '2023-12-10')];
    expect(run('column.stale', unitObs(unit, { columns: [col('yishi', 'deptInfo', rows)] }))).toEqual([]);
  });

  it('a pinned new row does not keep a column fresh', () => {
    const rows = [item('置顶：新通知', '2023-12-14', { pinned: true }), item('旧动态', '2023-10-01')];
    const f = run('column.stale', unitObs(unit, { columns: [col('yishi', 'deptInfo', rows)] }));
    expect(f).toHaveLength(1);
    expect(f[0].detail).toContain('2023-10-01');
  });

  it('undated rows never count as updates', () => {
    const rows = [item('无日期条目', null), item('旧动态', '2023-10-01')];
    expect(run('column.stale', unitObs(unit, { columns: [col('yishi', 'deptInfo', rows)] }))).toHaveLength(1);
  });

  it('year-inferred [MM-DD] dates: fresh stays fresh; a stale verdict resting on an inferred year is low confidence', () => {
    const fresh = [item('动态', '2023-12-12', { dateSource: 'list-year-inferred' })];
    expect(run('column.stale', unitObs(unit, { columns: [col('yishi', 'deptInfo', fresh)] }))).toEqual([]);
    const stale = [item('动态', '2023-11-01', { dateSource: 'list-year-inferred' })];
    const f = run('column.stale', unitObs(unit, { columns: [col('yishi', 'deptInfo', stale)] }));
    expect(f).toHaveLength(1);
    expect(f[0].confidence).toBe('low');
  });

  it('never fires for columns without a period (guide, budget, majorProjects…)', () => {
    const old = [item('老条目', '2020-01-01')];
    const f = run(
      'column.stale',
      unitObs(unit, {
        columns: [
          'guide',
          'functions',
          'budget',
          'majorProjects',
          'majorProjects:施工',
          'annualReport',
          'catalog',
          'decisions',
          'consultation',
        ].map((k) => col('yishi', k, old)),
      }),
    );
    expect(f).toEqual([]);
  });

  it('policies use 183 days; a 双公示 group is judged once over its sub-columns', () => {
    const policies = col('yishi', 'policies', [item('文件', '2023-05-01')]);
    const sgsParent = col('yishi', 'shuanggongshi', [], { status: 'blank' });
    const sgsSub = col('yishi', 'shuanggongshi:行政许可', [item('许可决定', '2023-11-30')]);
    const f = run('column.stale', unitObs(unit, { columns: [policies, sgsParent, sgsSub] }));
    expect(f.map((x) => x.subject)).toEqual(['policies']);
  });

  it('warns (预警, never scored) when a column goes stale within warnDays', () => {
    const f = run('column.stale', unitObs(unit, { columns: [col('yishi', 'deptInfo', [item('动态', '2023-12-05')])] }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'warning', suggestedPoints: 0 });
    expect(f[0].subject.startsWith('预警:')).toBe(true);
  });

  it('a county rule override changes the period', () => {
    const ctx2 = makeCtx(config, '2023-12-15', { columnPeriods: { deptInfo: 90 } });
    const obs = unitObs(unit, { columns: [col('yishi', 'deptInfo', [item('动态', '2023-09-30')])] });
    expect(
      CHECKS.find((c) => c.id === 'column.stale')!
        .run(ctx2, unit, obs)
        .filter((x) => x.kind === 'deduction'),
    ).toEqual([]);
  });
});

describe('unreachable home', () => {
  it('yields only site.unreachable (plus feed-based checks)', () => {
    const home = page(unit.home, { role: 'home', ok: false, status: null, errorClass: 'timeout', attempts: 4, contentHash: null });
    const obs = unitObs(unit, {
      home,
      columns: ['guide', 'functions', 'deptInfo', 'majorProjects', 'budget', 'annualReport', 'catalog'].map((k) => missing('yishi', k)),
      feeds: [feed('yishi', '猗氏镇发布', ['2023-01-05', '2023-12-10'])],
    });
    const f = runChecks(ctx, [obs]).filter((x) => x.kind !== 'warning');
    expect(f.map((x) => x.checkId)).toEqual(['site.unreachable', 'newmedia.stale']);
    expect(f[0].detail).toContain('访问超时');
    expect(f[0].monthly).toBe(true);
  });
});
