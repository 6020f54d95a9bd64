import { describe, it, expect, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { writeAnnualReport, type ScoresFile } from '../reports/index.ts';
import { buildFindings, buildScores, sampleUnits, FORMULA_TEXT } from './fixtures/reports/build.ts';
import { fixtureRubric } from './fixtures/reports/rubric.ts';
import { readDocx, tempDir, type DocxParts } from './fixtures/reports/read.ts';

const units = sampleUnits();
const findings = buildFindings(units);
const scores: ScoresFile = buildScores(findings, units);
const pending = findings.filter((f) => f.status === 'pending' && f.kind === 'deduction');

/** A 得分 cell is a formula whose cached result is the engine's figure (a zero result may be omitted). */
function points(v: ExcelJS.CellValue): number {
  if (v && typeof v === 'object' && 'formula' in v) return Number(v.result ?? 0);
  return Number(v ?? 0);
}

function headerIndex(ws: ExcelJS.Worksheet): Map<string, number> {
  const row = ws.getRow(3);
  const m = new Map<string, number>();
  row.eachCell((c, n) => m.set(String(c.value), n));
  return m;
}

describe('年度考核评分表 (.xlsx)', () => {
  let wb: ExcelJS.Workbook;
  let files: string[];
  beforeAll(async () => {
    files = await writeAnnualReport({ scores, rubric: fixtureRubric, pending, issuedOn: '2023-12-20' }, await tempDir());
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files[0]);
  });

  it('writes the workbook, the summary .docx and .html', () => {
    expect(files.map((f) => f.slice(f.lastIndexOf('.')))).toEqual(['.xlsx', '.docx', '.html']);
  });

  it('has a summary sheet, a pending sheet and one sheet per unit', () => {
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['汇总排名', '待确认事项']);
    expect(wb.worksheets).toHaveLength(2 + units.length);
    for (const u of units) expect(wb.getWorksheet(u.name), u.name).toBeDefined();
  });

  it('lays each unit sheet out like 附件2/3 and its total reconciles with scores.json', () => {
    for (const u of scores.units) {
      const ws = wb.getWorksheet(u.unitName)!;
      const col = headerIndex(ws);
      for (const h of ['一级指标', '二级指标', '三级指标', '赋分', '扣分标准', '加分标准', '考核方式', '得分', '评分依据'])
        expect(col.has(h), h).toBe(true);
      const rows: ExcelJS.Row[] = [];
      ws.eachRow((r, n) => {
        if (n > 3) rows.push(r);
      });
      const total = rows.at(-1)!;
      expect(total.getCell(1).value).toBe('合计');
      const cell = total.getCell(col.get('得分')!).value as ExcelJS.CellFormulaValue;
      expect(cell.formula).toMatch(/^SUM\(K4:K\d+\)$/);
      expect(cell.result).toBe(u.total);
      const sum = rows.slice(0, -1).reduce((s, r) => s + points(r.getCell(col.get('得分')!).value), 0);
      expect(sum).toBeCloseTo(u.total, 6);
      for (const ind of u.indicators) {
        const r = rows.find((x) => x.getCell(3).value === ind.level3 && x.getCell(2).value === ind.level2)!;
        expect(points(r.getCell(col.get('得分')!).value)).toBe(ind.points);
        const row = fixtureRubric.classes[u.class].rows.find((x) => x.id === ind.rowId)!;
        expect(r.getCell(col.get('扣分标准')!).value).toBe(row.deductionText);
      }
    }
  });

  it('gives every deduction a 评分依据 and an evidence URL (or the manual entry it rests on)', () => {
    let deductions = 0;
    for (const u of scores.units) {
      const ws = wb.getWorksheet(u.unitName)!;
      const col = headerIndex(ws);
      ws.eachRow((r, n) => {
        if (n <= 3 || r.getCell(1).value === '合计') return;
        const ded = Number(r.getCell(col.get('扣分')!).value ?? 0);
        if (!ded) return;
        deductions++;
        const basis = String(r.getCell(col.get('评分依据')!).value ?? '');
        const links = String(r.getCell(col.get('证据链接')!).value ?? '').split('\n');
        expect(basis.trim(), `${u.unitName} row ${n}`).not.toBe('');
        expect(links.length).toBeGreaterThan(0);
        for (const l of links) expect(l, `${u.unitName} row ${n}`).toMatch(/^(https?:\/\/\S+|人工录入：\S+)$/);
        expect(links.some((l) => l.startsWith('http')) || basis.includes('会议纪要')).toBe(true);
      });
    }
    expect(deductions).toBeGreaterThan(20);
  });

  it('ranks A and B separately with totals, grades and overrides from scores.json', () => {
    const ws = wb.getWorksheet('汇总排名')!;
    const seen = new Map<string, { cls: string; rank: number; total: number; grade: string; final: string }>();
    ws.eachRow((r) => {
      const name = r.getCell(3).value as ExcelJS.CellHyperlinkValue | string | null;
      if (name && typeof name === 'object' && 'hyperlink' in name) {
        const total = r.getCell(4).value as ExcelJS.CellFormulaValue;
        expect(total.formula).toMatch(/^'.+'!K\d+$/);
        seen.set(name.text, {
          cls: String(r.getCell(2).value),
          rank: Number(r.getCell(1).value),
          total: Number(total.result),
          grade: String(r.getCell(6).value),
          final: String(r.getCell(7).value),
        });
      }
    });
    expect(seen.size).toBe(units.length);
    for (const u of scores.units) {
      const s = seen.get(u.unitName)!;
      expect(s).toEqual({
        cls: fixtureRubric.classes[u.class].label,
        rank: u.rank,
        total: u.total,
        grade: u.grade,
        final: u.gradeOverride?.grade ?? u.grade,
      });
    }
    const text: string[] = [];
    ws.eachRow((r) => text.push(String(r.getCell(1).value ?? '')));
    expect(text).toContain('A类（乡镇）');
    expect(text.indexOf('A类（乡镇）')).toBeLessThan(text.indexOf('B类（县直单位）'));
  });

  it('lists every pending item on the pending sheet', () => {
    const ws = wb.getWorksheet('待确认事项')!;
    const problems: unknown[] = [];
    ws.eachRow((r, n) => {
      if (n > 1) problems.push(r.getCell(6).value);
    });
    for (const f of pending) expect(problems).toContain(f.title.startsWith('=') ? `'${f.title}` : f.title);
    const ranged = scores.units.flatMap((u) => u.indicators.flatMap((i) => i.basis.filter((b) => b.status === 'pending' && !b.findingId)));
    expect(ranged.length).toBeGreaterThan(0);
    for (const b of ranged) expect(problems).toContain(b.text);
  });

  it('writes formula-looking crawled text as plain text, never as a formula', () => {
    let hits = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((r) =>
        r.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula) expect(String((c.value as ExcelJS.CellFormulaValue).formula)).not.toMatch(/HYPERLINK/i);
          if (typeof c.value === 'string' && c.value.includes('HYPERLINK')) {
            hits++;
            expect(c.type).toBe(ExcelJS.ValueType.String);
            expect(c.value).not.toMatch(/^[=+\-@]/);
          }
        }),
      );
    }
    expect(hits).toBeGreaterThan(0);
    const cells: unknown[] = [];
    wb.getWorksheet('待确认事项')!.eachRow((r) => cells.push(r.getCell(6).value, r.getCell(7).value));
    expect(cells).toContain(`'${FORMULA_TEXT}`);
  });
});

describe('领导小组 summary (.docx)', () => {
  let docx: DocxParts;
  beforeAll(async () => {
    const files = await writeAnnualReport({ scores, rubric: fixtureRubric, pending, issuedOn: '2023-12-20' }, await tempDir());
    docx = await readDocx(files[1]);
  });

  it('lists every unit with its rank, total and grade by class', () => {
    expect(docx.text).toContain('县政务公开领导小组：');
    for (const u of scores.units) {
      const row = docx.xml
        .split('</w:tr>')
        .map((r) => [...r.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]))
        .find((c) => c[1] === u.unitName)!;
      expect(row.slice(0, 3)).toEqual([String(u.rank), u.unitName, String(u.total)]);
    }
    expect(docx.text).toContain(`A类乡镇${units.filter((u) => u.class === 'A').length}个`);
  });

  it('puts grade overrides and pending items before the 领导小组', () => {
    const o = scores.units.find((u) => u.gradeOverride)!;
    expect(docx.text).toContain(`${o.unitName}：建议等次由“${o.grade}”调整为“${o.gradeOverride!.grade}”`);
    expect(docx.text).toMatch(/尚有\d+项检查结果待人工确认/);
    expect(docx.media).toHaveLength(1);
  });
});
