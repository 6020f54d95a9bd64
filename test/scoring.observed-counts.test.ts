// Quota rows fed by what the web shows: items per column per month from the newest inspection run's lists.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCountyConfig, parseRubric } from '../config/index.ts';
import { periodCountsFromList, scoreFromStore } from '../scoring/index.ts';
import { saveUnitObservations, type ColumnListRead, type ColumnObservation, type ListItem } from '../store/index.ts';
import { addRun, tempStore } from './fixtures/scoring/helpers.ts';

function items(perMonth: number[], year = 2023): ListItem[] {
  return perMonth.flatMap((count, m) =>
    Array.from(
      { length: count },
      (_, k): ListItem => ({
        title: `信息 ${m + 1}-${k + 1}`,
        url: `https://example.gov.cn/t1/${m + 1}/${k + 1}.html`,
        date: `${year}-${String(m + 1).padStart(2, '0')}-${String((k % 28) + 1).padStart(2, '0')}`,
        dateSource: 'list',
        pinned: false,
      }),
    ),
  );
}

const list = (over: Partial<ColumnListRead>): ColumnListRead => ({
  runId: 1,
  runAsOf: '2023-12-31',
  unitId: 't1',
  columnKey: 'policies',
  pagesRead: 3,
  totalPagesSeen: 3,
  items: [],
  ...over,
});

describe('periodCountsFromList', () => {
  it('a list read in full counts every month ended by the run, a month with no row as 0', () => {
    const counts = periodCountsFromList(list({ runAsOf: '2023-04-10', items: items([3, 0, 2, 5]) }), 2023, 'month');
    expect(counts.map((c) => [c.period, c.count])).toEqual([
      ['2023-01', 3],
      ['2023-02', 0],
      ['2023-03', 2],
    ]);
  });

  it('quarters; a row listed twice (置顶 and in place) counts once', () => {
    const rows = items([1, 1, 1, 2]);
    const counts = periodCountsFromList(list({ items: [...rows, { ...rows[0], pinned: true }] }), 2023, 'quarter');
    expect(counts.map((c) => [c.period, c.count])).toEqual([
      ['2023-Q1', 3],
      ['2023-Q2', 2],
      ['2023-Q3', 0],
      ['2023-Q4', 0],
    ]);
  });

  it('a list read in part covers only the months after its oldest row’s month: older months stay 未录入, never short', () => {
    const counts = periodCountsFromList(list({ pagesRead: 2, totalPagesSeen: 9, items: items([0, 0, 0, 0, 0, 7, 40, 41]) }), 2023, 'month');
    expect(counts[0]).toMatchObject({ period: '2023-07', count: 40 });
    expect(counts.some((c) => c.period <= '2023-06')).toBe(false);
  });

  it('a list with an undated row gives no count at all', () => {
    const rows = items([40, 40]);
    expect(
      periodCountsFromList(
        list({ items: [...rows, { ...rows[0], url: 'https://example.gov.cn/x', date: null, dateSource: null }] }),
        2023,
        'month',
      ),
    ).toEqual([]);
  });
});

describe('zwgk score feeds a quota row with a column from the stored lists', () => {
  it('每月不低于40条 from the policies list: one blank month −10, two months short −5 each; other columns and runs ignored', () => {
    const { store, dir } = tempStore();
    const rubricFile = join(dir, 'constructs.yaml');
    writeFileSync(rubricFile, readFileSync(new URL('./fixtures/rubrics/constructs.yaml', import.meta.url), 'utf8'));
    const rubric = parseRubric(readFileSync(rubricFile, 'utf8'), 'constructs.yaml');
    const configFile = join(dir, 'county.yaml');
    writeFileSync(
      configFile,
      [
        'county: 测试县',
        'year: 2023',
        'rubric: constructs.yaml',
        'units:',
        '  - { id: t1, name: 甲镇, class: 乡镇, home: https://example.gov.cn/t1/ }',
        '  - { id: t2, name: 乙镇, class: 乡镇, home: https://example.gov.cn/t2/ }',
      ].join('\n'),
    );
    const config = loadCountyConfig(configFile);
    const column = (key: string, rows: ListItem[], pages = 1): ColumnObservation => ({
      runId: 0,
      unitId: 't1',
      columnKey: key,
      label: key,
      url: `https://example.gov.cn/t1/${key}/`,
      source: 'discovered',
      status: 'ok',
      pagesRead: pages,
      totalPagesSeen: pages,
      items: rows,
      placeholder: null,
      rendered: false,
      contentHash: null,
      note: null,
      observedAt: '2024-01-02T00:00:00Z',
    });
    const older = addRun(store, { asOf: '2023-06-30', findings: [] });
    saveUnitObservations(store, older, 't1', { columns: [column('policies', items([1]))], details: [], links: [], feeds: [] });
    const newest = addRun(store, { asOf: '2023-12-31', findings: [] });
    saveUnitObservations(store, newest, 't1', {
      columns: [
        column('policies', items([45, 40, 0, 30, 50, 44, 41, 40, 40, 39, 60, 40]), 12),
        column('deptInfo', items(Array(12).fill(1))),
      ],
      details: [],
      links: [],
      feeds: [],
    });
    const scores = scoreFromStore(store, { config, rubric, year: 2023, asOf: '2023-12-31' });
    const row = (unit: string) => scores.units.find((u) => u.unitId === unit)!.indicators.find((i) => i.rowId === 'quantity.monthly')!;
    expect(row('t1')).toMatchObject({ deduction: 20, points: 20 });
    expect(row('t1').basis[0].text).toBe(
      '网上检查：各期发布数量 2023-01 45，2023-02 40，2023-03 0，2023-04 30，2023-05 50，2023-06 44，2023-07 41，2023-08 40，2023-09 40，2023-10 39，2023-11 60，2023-12 40',
    );
    // nothing observed for t2 and nothing entered: 未录入, not twelve blank months
    expect(row('t2')).toMatchObject({ deduction: 0, notEntered: true });
    store.close();
  });
});
