// catalog.item-missing decides by the place an item is published, read from pages modelled on real 标准目录
// (test/fixtures/real-modelled/catalog/README.md names them): an item published under other titles in the column
// the catalogue links to, or in the column of its name, is no gap; an empty linked column is a gap at high
// confidence; an item with no place found is low (indirect evidence) and says why.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { extractDetail, extractListRows } from '../crawler/index.ts';
import type { ColumnObservation, DetailObservation } from '../store/index.ts';
import { col, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const HOST = 'http://www.fengan-demo.invalid';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/real-modelled/catalog/${name}`, import.meta.url), 'utf8');
const config = makeConfig([{ id: 'shimen', name: '石门镇政府', class: 'A', home: `${HOST}/zwgk/shimen/` }]);
const [unit] = config.units;
const ctx = makeCtx(config, '2024-12-31');
const check = CHECKS.find((c) => c.id === 'catalog.item-missing')!;

function listColumn(key: string, label: string, url: string, file: string): ColumnObservation {
  const got = extractListRows(fixture(file), url, { asOf: '2024-12-31' });
  return col('shimen', key, got.rows, { label, url, placeholder: got.rows.length === 0 ? got.placeholder : null });
}

function catalogObservations(extra: ColumnObservation[] = []) {
  const url = `${HOST}/zwgk/shimen/bzml/202402/t20240214_501.html`;
  const d = extractDetail(fixture('snzj-catalog.html'), url);
  const detail: DetailObservation = {
    runId: 1,
    unitId: 'shimen',
    columnKey: 'catalog',
    url,
    title: d.title,
    publishedAt: d.publishedAt,
    text: d.text,
    fields: d.fields,
    links: d.links,
    tables: d.tables,
    contentHash: null,
    fetchedAt: '2024-12-31T00:00:00Z',
  };
  const catalog = col('shimen', 'catalog', [], { status: 'ok', url });
  const columns = [
    catalog,
    listColumn('snzj:政策文件', '政策文件', `${HOST}/zwgk/shimen/snzj/zcwj/`, 'snzj-zcwj.html'),
    listColumn('catalog:资金明细', '资金明细', `${HOST}/zwgk/shimen/snzj/zjmx/`, 'snzj-zjmx.html'),
    listColumn('catalog:资金分配结果', '资金分配结果', `${HOST}/zwgk/shimen/snzj/fpjg/index.html`, 'snzj-fpjg.html'),
    ...extra,
  ];
  return unitObs(unit, { columns, details: [detail] });
}

describe('catalog.item-missing by the place of each item (德安县 涉农资金领域 标准目录, modelled)', () => {
  const findings = check.run(ctx, unit, catalogObservations());
  const by = new Map(findings.map((f) => [f.subject, f]));

  it('reads the four 公开事项 below the caption row and the two-row header, and no header word as an item', () => {
    expect([...by.keys()].sort()).toEqual(['监督举报', '资金分配结果'].sort());
    expect(by.has('特定群体')).toBe(false);
  });

  it('政策文件: published under other titles in the column of the same name → no deduction', () => {
    expect(by.has('政策文件')).toBe(false);
  });

  it('资金明细: the catalogue links to a column whose rows are 发放明细表 → no deduction', () => {
    expect(by.has('资金明细')).toBe(false);
  });

  it('资金分配结果: the linked column was read and shows 暂无信息 → deduction, high, with the column as evidence', () => {
    const f = by.get('资金分配结果')!;
    expect(f.confidence).toBe('high');
    expect(f.confidenceReason).toContain('目录链接指向栏目');
    expect(f.evidence.map((e) => e.url)).toContain(`${HOST}/zwgk/shimen/snzj/fpjg/index.html`);
    expect(f.detail).toContain('暂无信息');
  });

  it('监督举报: no link, no column of that name, no title → low, with the reason it is indirect', () => {
    const f = by.get('监督举报')!;
    expect(f.confidence).toBe('low');
    expect(f.confidenceReason).toContain('需人工核实');
  });

  it('a linked column that could not be read is not a confirmed gap', () => {
    const obs = catalogObservations();
    const fpjg = obs.columns.find((c) => c.columnKey === 'catalog:资金分配结果')!;
    Object.assign(fpjg, { status: 'unreachable', note: '栏目页无法访问：timeout' });
    const f = check.run(ctx, unit, obs).find((x) => x.subject === '资金分配结果')!;
    expect(f.confidence).toBe('low');
    expect(f.confidenceReason).toContain('未能读取');
  });

  it('a column of the item whose newest row is before the assessment window is out of date, for a person to judge', () => {
    const old = col(
      'shimen',
      'jdjb',
      [{ ...extractListRows(fixture('snzj-zjmx.html'), `${HOST}/x/`, { asOf: '2024-12-31' }).rows[0], date: '2022-03-01' }],
      {
        label: '监督举报',
      },
    );
    const f = check.run(ctx, unit, catalogObservations([old])).find((x) => x.subject === '监督举报')!;
    expect(f.confidence).toBe('low');
    expect(f.detail).toContain('2022-03-01');
  });
});
