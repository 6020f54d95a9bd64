// A month without a complete inspection is 未检查 in every month-by-month picture (the 通报's trend chart and a
// unit's 逐月情况 in the workspace), never a month with zero problems.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerReport } from '../cli/report.ts';
import { renderChartSvg, trendOption, writeMonthlyReport, type MonthCounts } from '../reports/index.ts';
import { unitTrend } from '../service/web/unit-trend.ts';
import { unitPage } from '../service/web/views/unit.ts';
import { listRuns, listTrackedFindings } from '../store/index.ts';
import { buildFindings, fixtureRunInfo, sampleUnits } from './fixtures/reports/build.ts';
import { readDocx, tempDir } from './fixtures/reports/read.ts';
import { addRun, finding, runCli, tempStore } from './fixtures/scoring/helpers.ts';

const FIXTURE = new URL('./fixtures/rubrics/other-classes/', import.meta.url).pathname;

interface TrendShape {
  xAxis: { data: string[] };
  series: { name: string; data: (number | string)[] }[];
}

const history: MonthCounts[] = [
  { month: '2023-07', counts: null }, // before the first inspection: not drawn at all
  { month: '2023-08', counts: { 'column.stale': 3, 'link.broken': 2 } },
  { month: '2023-09', counts: null },
  // 2023-10 absent: no inspection either
  { month: '2023-11', counts: { 'column.stale': 1 } },
  { month: '2023-12', counts: {} }, // inspected, nothing found: a real 0
];

describe('the 通报 trend chart', () => {
  const option = trendOption(history) as unknown as TrendShape;

  it('labels each month without an inspection 未检查 and starts at the first inspected month', () => {
    expect(option.xAxis.data).toEqual(['2023年8月', '2023年9月\n未检查', '2023年10月\n未检查', '2023年11月', '2023年12月']);
  });

  it('draws no bar for a month without an inspection, and a real 0 for an inspected month with none', () => {
    for (const s of option.series) {
      expect(s.data[1]).toBe('-');
      expect(s.data[2]).toBe('-');
      expect(s.data[4]).toBe(0);
    }
    expect(option.series.find((s) => s.name === '栏目不更新')?.data).toEqual([3, '-', '-', 1, 0]);
  });

  it('shows 未检查 in the rendered chart', () => {
    const svg = renderChartSvg(trendOption(history));
    expect(svg.match(/未检查/g)?.length).toBe(2);
  });

  it('the 通报 says under the chart which months had no inspection', async () => {
    const units = sampleUnits();
    const files = await writeMonthlyReport(
      {
        county: '临猗县（示例）',
        month: '2023-12',
        findings: buildFindings(units),
        units,
        deadline: '2023-12-29',
        runInfo: fixtureRunInfo,
        history,
        issuedOn: '2023-12-15',
        draft: false,
      },
      await tempDir(),
    );
    const note = '注：2023年9月、2023年10月未开展全覆盖检查，图中标为“未检查”，不表示当月没有问题。';
    expect((await readDocx(files.find((f) => f.endsWith('.docx'))!)).text).toContain(note);
    expect(readFileSync(files.find((f) => f.endsWith('.html'))!, 'utf8')).toContain(note);
  });
});

function storeWithGap() {
  const t = tempStore();
  for (const f of ['county.yaml', 'rubric.yaml']) copyFileSync(join(FIXTURE, f), join(t.dir, f));
  const stale = finding({ unitId: 't1', checkId: 'column.stale', indicator: 'notice.monthly', column: 'guide', monthly: true });
  const confirmed = { ...stale, status: 'confirmed' as const };
  addRun(t.store, { asOf: '2023-10-15', findings: [confirmed] });
  addRun(t.store, { asOf: '2023-12-15', findings: [confirmed] });
  return t;
}

describe('zwgk report monthly with a month between two inspections that had none', () => {
  it('the 通报 of December marks November 未检查, not zero', async () => {
    const t = storeWithGap();
    t.store.close();
    const out = join(t.dir, 'monthly');
    await runCli(
      [registerReport],
      ['report', 'monthly', '--month', '2023-12', '--config', join(t.dir, 'county.yaml'), '--db', t.dbPath, '--out', out],
    );
    const docx = await readDocx(join(out, readdirSync(out).find((f) => f.endsWith('.docx') && f.includes('通报'))!));
    expect(docx.text).toContain('图2 各月问题数量趋势');
    expect(docx.text).toContain('注：2023年11月未开展全覆盖检查');
    expect(docx.text).not.toMatch(/2023年[1-9]月、|2023年10月未/); // the months before the first inspection are not listed
  });
});

describe("a unit's 逐月情况 in the workspace", () => {
  const t = storeWithGap();
  const findings = listTrackedFindings(t.store, { unitId: 't1' });
  const trend = unitTrend(findings, listRuns(t.store, 100));
  t.store.close();

  it('lists the month between two inspections with no figures', () => {
    expect(trend.map((m) => [m.month, m.found, m.remaining])).toEqual([
      ['2023-10', 1, 0],
      ['2023-11', null, null],
      ['2023-12', 1, 1],
    ]);
  });

  it('renders that month as 未检查, never as 0, and keeps the month figures of the newest inspection', () => {
    const html = unitPage({
      unitId: 't1',
      unitName: '东镇人民政府',
      findings,
      rechecks: new Map(),
      trend,
      deadline: () => '2023-12-29',
      isUnitUser: true,
    });
    const november = html.split('<tr>').find((row) => row.includes('2023年11月'))!;
    // 发现, 本月新增 and 仍存在 say 未检查; 已整改 stays a count (a re-check can fall in any month)
    expect(november.match(/未检查/g)?.length).toBe(3);
    expect(november).toContain('当月未开展全覆盖检查');
    expect(november).not.toContain('<meter');
    expect(html).toContain('2023年12月：本月新增 <strong id="m-added">0</strong> 条');
  });
});
