// column.stale and column.blank on the other columns of a unit's navigation (nav:<label>), judged by the kind their
// name gives them. The labels are those of real left navs: 恩格贝 信息公开 (人事信息, 政府采购, 信息公开制度;
// ../shared/real-pages nm-ordos-engebei-xxgknb-list) and 邯郸 信息公开 (规划计划, 收费项目; hb-handan-xxgk-gkzn).
import { describe, expect, it } from 'vitest';
import { CHECKS, columnName } from '../checks/index.ts';
import { columnName as reportColumnName } from '../reports/index.ts';
import type { ColumnObservation } from '../store/index.ts';
import { col, item, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'egb', name: '恩格贝示范区', class: 'A', home: 'http://egb.test/xxgk/' }]);
const unit = config.units[0];
const ctx = makeCtx(config, '2023-12-15');
const run = (id: string, columns: ColumnObservation[]) => CHECKS.find((c) => c.id === id)!.run(ctx, unit, unitObs(unit, { columns }));

function navCol(
  label: string,
  kind: string | null,
  word: string | null,
  items = [item('某条信息', '2023-12-01')],
  over: Partial<ColumnObservation> = {},
) {
  return col('egb', `nav:${label}`, items, { label, url: `http://egb.test/xxgk/${label}/`, nav: { kind, word, subColumns: 0 }, ...over });
}

describe('column.stale on navigation columns', () => {
  it('a 人事 column is judged by one year, and the finding says which word made it one', () => {
    const f = run('column.stale', [navCol('人事信息', '人事规划', '人事', [item('2022年公开招聘结果公示', '2022-11-20')])]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'deduction', confidence: 'high', column: 'nav:人事信息' });
    expect(f[0].title).toBe('"人事信息"栏目超过 365 天未更新');
    expect(f[0].detail).toContain('按名称中的"人事"归为人事规划类（更新期限 365 天）');
  });

  it('the same age in a 人事 column is within its year, while a 动态 column of that age is late', () => {
    const rows = [item('工作情况', '2023-09-01')];
    const f = run('column.stale', [navCol('人事信息', '人事规划', '人事', rows), navCol('乡镇动态', '动态', '动态', rows)]);
    expect(f.map((x) => x.column)).toEqual(['nav:乡镇动态']);
    expect(f[0].title).toContain('14 天');
  });

  it('a column of no kind, and a static page, get no staleness finding however old their rows', () => {
    const old = [item('2019年采购公告', '2019-03-01')];
    const f = run('column.stale', [navCol('政府采购', null, null, old), navCol('信息公开制度', '静态', '制度', old)]);
    expect(f).toEqual([]);
  });

  it('a newest row whose year was inferred makes the deduction low', () => {
    const f = run('column.stale', [
      navCol('通知公告', '通知公告', '通知公告', [item('关于春节值班的通知', '2023-01-20', { dateSource: 'list-year-inferred' })]),
    ]);
    expect(f).toHaveLength(1);
    expect(f[0].confidence).toBe('low');
  });

  it('a list shown oldest first with pages not read is low: its newest row may be on a later page', () => {
    const rows = [item('2019年人事任免', '2019-02-01'), item('2020年人事任免', '2020-03-01'), item('2021年人事任免', '2021-04-01')];
    const f = run('column.stale', [navCol('人事信息', '人事规划', '人事', rows, { pagesRead: 1, totalPagesSeen: 4 })]);
    expect(f[0].confidence).toBe('low');
    expect(f[0].detail).toContain('从旧到新');
    expect(run('column.stale', [navCol('人事信息', '人事规划', '人事', rows, { pagesRead: 4, totalPagesSeen: 4 })])[0].confidence).toBe(
      'high',
    );
  });

  it('a column outside the unit’s folder may be the portal’s: its deductions go to a person', () => {
    const portal = { url: 'http://egb.test/tzgg/' };
    const stale = run('column.stale', [navCol('通知公告', '通知公告', '通知公告', [item('关于春节值班的通知', '2023-01-20')], portal)]);
    expect(stale[0]).toMatchObject({ confidence: 'low' });
    expect(stale[0].confidenceReason).toContain('不在本单位目录');
    const blank = run('column.blank', [navCol('通知公告', '通知公告', '通知公告', [], { status: 'blank', ...portal })]);
    expect(blank[0]).toMatchObject({ confidence: 'low' });
  });

  it('a pinned old row does not decide: the newest non-pinned row does', () => {
    const rows = [item('置顶：机构职责', '2020-01-01', { pinned: true }), item('人事任免通知', '2023-10-01')];
    expect(run('column.stale', [navCol('人事任免', '人事规划', '任免', rows)])).toEqual([]);
  });

  it('a navigation column read as a single page with text is no list and cannot be late', () => {
    expect(run('column.stale', [navCol('人事信息', '人事规划', '人事', [], { status: 'ok' })])).toEqual([]);
  });
});

describe('column.blank on navigation columns', () => {
  const blank = (label: string, kind: string | null, word: string | null, over: Partial<ColumnObservation> = {}) =>
    navCol(label, kind, word, [], { status: 'blank', ...over });

  it('a list column by its kind with no row is blank, its kind in the detail', () => {
    const f = run('column.blank', [blank('规划计划', '人事规划', '规划计划')]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ confidence: 'high', column: 'nav:规划计划' });
    expect(f[0].title).toBe('"规划计划"栏目为空白栏目');
    expect(f[0].detail).toContain('按名称中的"规划计划"归为人事规划类');
  });

  it('a page of no kind, a static page or a channel without rows is no evidence of a blank column', () => {
    // 网上咨询投诉 is a form, 信息公开查询 a search page (恩格贝 nav), 收费项目 of no kind (邯郸 nav)
    const f = run('column.blank', [
      blank('收费项目', null, null),
      blank('信息公开查询', '静态', '信息公开查询'),
      blank('网上咨询投诉', '互动', '咨询'),
    ]);
    expect(f).toEqual([]);
  });

  it('a 暂无信息 placeholder is positive evidence whatever the kind', () => {
    const f = run('column.blank', [blank('收费项目', null, null, { placeholder: '暂无信息' })]);
    expect(f[0].confidence).toBe('high');
    expect(f[0].detail).toContain('暂无信息');
  });

  it('a page of sub-columns is a navigation page, not a blank column', () => {
    const hub = blank('人事信息', '人事规划', '人事', { nav: { kind: '人事规划', word: '人事', subColumns: 3 } });
    expect(run('column.blank', [hub])).toEqual([]);
  });
});

describe('names of navigation columns', () => {
  it('a nav: column is shown by its own label in findings and in reports', () => {
    expect(columnName('nav:人事信息')).toBe('人事信息');
    expect(reportColumnName('nav:人事信息')).toBe('人事信息');
  });
});
