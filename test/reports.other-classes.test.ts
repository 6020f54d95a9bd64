import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerReport } from '../cli/report.ts';
import { registerScore } from '../cli/score.ts';
import { parseRubric } from '../config/index.ts';
import { scoreDistributionOption, writeAnnualReport, writeMonthlyReport } from '../reports/index.ts';
import { computeScores, type ScoresFile } from '../scoring/index.ts';
import { addManualEntries, type ManualEntry } from '../store/index.ts';
import { readDocx, tempDir, type DocxParts } from './fixtures/reports/read.ts';
import { addRun, finding, runCli, tempStore } from './fixtures/scoring/helpers.ts';
import { manualEntry } from './helpers/manual-entry.ts';

// A county whose rubric names its classes 乡镇 and 部门 (labels 乡镇人民政府, 县政府部门): every document of the year
// (scores.json and the CLI lines, 评分表, 考核结果报告 with its histogram, the monthly 通报) names those classes with
// their unit counts, in the rubric's order, and nothing in them says A类 or B类.
const FIXTURE = new URL('./fixtures/rubrics/other-classes/', import.meta.url).pathname;
const TOTALS: Record<string, number> = { t1: 90, t2: 80, t3: 70, d1: 85, d2: 60 };

let dir: string;
let scores: ScoresFile;
let scoreLines: string;
let xlsxText: string;
let summary: DocxParts;
let summaryHtml: string;
let monthly: DocxParts;

async function cellTexts(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    out.push(`[${ws.name}]`);
    ws.eachRow((r) =>
      r.eachCell((c) =>
        out.push(typeof c.value === 'object' && c.value && 'text' in c.value ? String(c.value.text) : String(c.value ?? '')),
      ),
    );
  }
  return out.join('\n');
}

beforeAll(async () => {
  const t = tempStore();
  dir = t.dir;
  for (const f of ['county.yaml', 'rubric.yaml']) copyFileSync(join(FIXTURE, f), join(dir, f));
  addManualEntries(
    t.store,
    Object.entries(TOTALS).map(([unitId, value]) => ({ year: 2023, unitId, target: 'work', value, note: '考核小组评分', by: '李四' })),
  );
  addRun(t.store, {
    asOf: '2023-12-15',
    findings: [
      finding({ unitId: 't2', checkId: 'column.missing', indicator: 'notice.monthly', column: 'guide', subject: 'guide', monthly: true }),
    ],
  });
  t.store.close();
  const config = join(dir, 'county.yaml');
  const cli = (args: string[]) => runCli([registerScore, registerReport], [...args, '--config', config, '--db', t.dbPath]);
  scoreLines = await cli(['score', '--as-of', '2023-12-15', '--out', join(dir, 'out')]);
  scores = JSON.parse(readFileSync(join(dir, 'out', 'scores.json'), 'utf8')) as ScoresFile;
  await cli(['report', 'annual', '--as-of', '2023-12-15', '--out', join(dir, 'annual')]);
  await cli(['report', 'monthly', '--month', '2023-12', '--draft', '--out', join(dir, 'monthly')]);
  const annual = readdirSync(join(dir, 'annual'));
  xlsxText = await cellTexts(join(dir, 'annual', annual.find((f) => f.endsWith('.xlsx'))!));
  summary = await readDocx(join(dir, 'annual', annual.find((f) => f.endsWith('.docx'))!));
  summaryHtml = readFileSync(join(dir, 'annual', annual.find((f) => f.endsWith('.html'))!), 'utf8');
  monthly = await readDocx(join(dir, 'monthly', readdirSync(join(dir, 'monthly')).find((f) => f.endsWith('.docx') && f.includes('通报'))!));
}, 120_000);

describe('a rubric whose classes are 乡镇 and 部门', () => {
  it('scores.json names the classes in the rubric order with labels and counts; ranks and grades within each', () => {
    expect(scores.classes.map((c) => [c.key, c.label, c.units])).toEqual([
      ['乡镇', '乡镇人民政府', 3],
      ['部门', '县政府部门', 2],
    ]);
    expect(Object.keys(scores.grades)).toEqual(['乡镇', '部门']);
    expect(scores.units.map((u) => [u.unitId, u.total, u.rank])).toEqual([
      ['t1', 90, 1],
      ['t2', 80, 2],
      ['t3', 70, 3],
      ['d1', 85, 1],
      ['d2', 60, 2],
    ]);
    // 乡镇 3: 优秀 ⌊0.9⌋ = 0, 一般和较差 round(0.6) = 1, 良好 2; 部门 2: 一般 round(0.2) = 0
    expect(scores.grades['乡镇'].counts).toEqual({ 优秀: 0, 良好: 2, 一般: 1, 较差: 0 });
    expect(scores.grades['部门'].counts).toEqual({ 优秀: 0, 良好: 2, 一般: 0, 较差: 0 });
  });

  it('zwgk score prints one line per class with its units and grades', () => {
    expect(scoreLines).toContain('乡镇人民政府：3 个单位，优秀 0，良好 2，一般 1，较差 0');
    expect(scoreLines).toContain('县政府部门：2 个单位，优秀 0，良好 2，一般 0，较差 0');
    expect(scoreLines.indexOf('乡镇人民政府：')).toBeLessThan(scoreLines.indexOf('县政府部门：'));
  });

  it('the 评分表 ranks each class under its name, with its count and grades', () => {
    expect(xlsxText).toContain('乡镇人民政府、县政府部门分别排名');
    expect(xlsxText).toContain('乡镇人民政府共3个单位：优秀0个，良好2个，一般1个，较差0个。');
    expect(xlsxText).toContain('县政府部门共2个单位：优秀0个，良好2个，一般0个，较差0个。');
    expect(xlsxText).toContain('东镇人民政府 2023年度政务公开工作考核评分表（乡镇人民政府）');
    expect(xlsxText).toContain('乡镇人民政府排名：1');
    expect(xlsxText.indexOf('\n乡镇人民政府\n')).toBeLessThan(xlsxText.indexOf('\n县政府部门\n'));
  });

  it('the 考核结果报告 counts units and grades per class and gives each class its table', () => {
    for (const text of [summary.text, summaryHtml]) {
      expect(text).toContain('全县5个单位（乡镇人民政府3个、县政府部门2个）');
      expect(text).toContain(
        '乡镇人民政府单位等次建议：优秀0个、良好2个、一般1个、较差0个；县政府部门单位等次建议：优秀0个、良好2个、一般0个、较差0个。',
      );
      expect(text).toContain('（一）乡镇人民政府');
      expect(text).toContain('（二）县政府部门');
      expect(text).toContain('乡镇人民政府名额取整：乡镇人民政府共 3 个单位');
    }
  });

  it('the histogram has one series per class, named by the rubric', () => {
    const option = scoreDistributionOption(scores.units, scores.classes) as {
      legend: { data: string[] };
      series: { name: string; data: number[] }[];
    };
    expect(option.legend.data).toEqual(['乡镇人民政府', '县政府部门']);
    expect(option.series.map((s) => [s.name, s.data.reduce((a, b) => a + b, 0)])).toEqual([
      ['乡镇人民政府', 3],
      ['县政府部门', 2],
    ]);
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([^"]+)/.exec(summaryHtml)![1], 'base64').toString('utf8');
    expect(svg).toContain('乡镇人民政府');
    expect(svg).toContain('县政府部门');
    expect(summary.media).toHaveLength(1);
  });

  it('the monthly 通报 counts the units by class and labels each in its table', () => {
    expect(monthly.text).toContain('全县5个单位（乡镇人民政府3个、县政府部门2个）');
    const row = monthly.xml
      .split('</w:tr>')
      .map((r) => [...r.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]))
      .find((c) => c[1] === '县教育局')!;
    expect(row[2]).toBe('县政府部门');
  });

  it('no document says A类 or B类, nor the 2023 class names', () => {
    for (const text of [scoreLines, xlsxText, summary.text, summaryHtml, monthly.text]) {
      expect(text).not.toMatch(/[AB]\s?类/);
      expect(text).not.toContain('县直单位');
    }
  });
});

describe('a single-class rubric of another place, no grading (config/rubrics/examples/township-2010.yaml)', () => {
  it('names its one class, ranks without a split and suggests no grade', async () => {
    const rubric = parseRubric(
      readFileSync(new URL('../config/rubrics/examples/township-2010.yaml', import.meta.url), 'utf8'),
      'township-2010.yaml',
    );
    const units = [
      { id: 'z1', name: '城关镇', class: '乡镇街道' },
      { id: 'z2', name: '北关街道', class: '乡镇街道' },
    ];
    const entries = addManualEntriesFor(
      units.map((u, i) => ({
        unitId: u.id,
        target: 'quantity.monthly',
        partValues: Object.fromEntries(Array.from({ length: 12 }, (_, m) => [`2010-${String(m + 1).padStart(2, '0')}`, 40 + i * 10])),
      })),
    );
    const scored = computeScores({ rubric, units, findings: [], entries, notices: [], asOf: '2010-12-31', year: 2010, county: '示例市' });
    expect(scored.classes.map((c) => [c.heading, c.units])).toEqual([['乡镇街道', 2]]);
    const out = await tempDir();
    const files = await writeAnnualReport({ scores: scored, rubric }, out);
    const text = (await readDocx(files[1])).text;
    expect(text).toContain('全县2个单位开展了年度考核');
    expect(text).toContain('（一）乡镇街道');
    expect(text).toContain('考核细则未规定等次比例，本报告只列得分和类内名次，不提出等次建议。');
    expect(text).not.toContain('附注');
    const xlsx = await cellTexts(files[0]);
    expect(xlsx).toContain('按得分排名；考核细则未规定等次比例，不提出等次建议。');
    expect(xlsx).toContain('乡镇街道共2个单位。');
    const monthlyFiles = await writeMonthlyReport(
      {
        county: '示例市',
        month: '2010-12',
        findings: [],
        units,
        deadline: '2010-12-31',
        draft: false,
        issuedOn: '2010-12-20',
        classes: scored.classes,
      },
      out,
    );
    const m = (await readDocx(monthlyFiles.find((f) => f.endsWith('.docx'))!)).text;
    expect(m).toContain('全县2个单位在县政府门户网站');
    for (const t of [text, xlsx, m]) expect(t).not.toMatch(/[AB]\s?类|县直/);
  });
});

let seq = 0;
function addManualEntriesFor(specs: { unitId: string; target: string; partValues: Record<string, number> }[]): ManualEntry[] {
  return specs.map((s) => {
    seq++;
    return manualEntry(
      { seq, year: 2010, unitId: s.unitId, target: s.target, note: '录入', by: '李四', at: '2010-12-31T00:00:00Z' },
      { partValues: s.partValues },
    );
  });
}
