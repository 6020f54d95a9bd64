// Opens the generated documents in a real office suite (LibreOffice, headless) and checks what a clerk sees
// when printing them. CI installs LibreOffice and poppler (.ci/run); elsewhere the test says it is skipped.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { writeAnnualReport, writeMonthlyReport, writeUnitReport } from '../reports/index.ts';
import { buildFindings, buildScores, fixtureRunInfo, sampleUnits } from './fixtures/reports/build.ts';
import { fixtureRubric } from './fixtures/reports/rubric.ts';
import { tempDir } from './fixtures/reports/read.ts';

const hasOffice = spawnSync('soffice', ['--version']).status === 0 && spawnSync('pdftotext', ['-v']).status === 0;
if (!hasOffice && process.env.CI) throw new Error('CI must have LibreOffice (soffice) and poppler-utils: .ci/run installs them');
if (!hasOffice)
  console.warn(
    'reports.office-suite: skipped, LibreOffice (soffice) or pdftotext not installed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)',
  );

/** Internal identifiers that must never reach a document: check ids, column keys, review states in English. */
const INTERNAL =
  /\b(column|link|site|newmedia|consultation|notice|decisions|keyfield|catalog)\.[a-z-]+|keyField:|\((confirmed|pending|dismissed|adjusted)\)|\bundefined\b|\bNaN\b/;

function toPdf(files: string[], outDir: string): string[] {
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${outDir}/lo-profile`, '--convert-to', 'pdf', '--outdir', outDir, ...files],
    { stdio: 'ignore', timeout: 180_000 },
  );
  return readdirSync(outDir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(outDir, f));
}

function pages(pdf: string): string[] {
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  return Array.from({ length: n }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-'], { encoding: 'utf8' }),
  );
}

function pageSizes(pdf: string): { w: number; h: number }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ w: Number(m[1]), h: Number(m[2]) }));
}

describe.skipIf(!hasOffice)('documents opened in LibreOffice', () => {
  const units = sampleUnits();
  const findings = buildFindings(units);
  const scores = buildScores(findings, units);
  let monthlyPages: string[];
  let unitPages: string[];
  let annualPdf: string;
  let annualFile: string;

  beforeAll(async () => {
    const dir = await tempDir('zwgk-office-');
    const documents = {
      office: '临猗县人民政府办公室',
      docNumber: '临政办函〔{year}〕{n}号',
      copyTo: '县委办公室',
      contact: { name: '王明', phone: '0359-4022123' },
      publicNote: '此件公开发布',
    };
    const [monthlyDocx] = await writeMonthlyReport(
      {
        county: '临猗县（示例）',
        month: '2023-11',
        findings,
        units,
        deadline: '2023-12-29',
        runInfo: fixtureRunInfo,
        issuedOn: '2023-12-15',
        draft: false,
        documents,
      },
      join(dir, 'm'),
    );
    const [unitDocx] = await writeUnitReport(
      {
        county: '临猗县（示例）',
        unit: units[0],
        findings,
        deadline: '2023-12-29',
        asOf: '2023-12-15',
        serial: 5,
        documents: { ...documents, workspaceUrl: 'https://zwgk.example.gov.cn/' },
      },
      join(dir, 'u'),
    );
    [annualFile] = await writeAnnualReport(
      { scores, rubric: fixtureRubric, pending: findings.filter((f) => f.status === 'pending'), issuedOn: '2023-12-20' },
      join(dir, 'a'),
    );
    const [monthlyPdf] = toPdf([monthlyDocx], join(dir, 'm'));
    const [unitPdf] = toPdf([unitDocx], join(dir, 'u'));
    [annualPdf] = toPdf([annualFile], join(dir, 'a'));
    monthlyPages = pages(monthlyPdf);
    unitPages = pages(unitPdf);
  }, 300_000);

  it('通报: the 附件 starts on a page of its own, after the 落款 and 附注, and the 版记 closes the last page', () => {
    const attachment = monthlyPages.findIndex((p) => p.trimStart().startsWith('附件') && p.includes('问题统计表'));
    expect(attachment).toBeGreaterThan(0);
    const before = monthlyPages.slice(0, attachment).join('\n');
    expect(before).toContain('临猗县人民政府办公室');
    expect(before).toContain('（此件公开发布；联系人：王明');
    expect(monthlyPages[attachment]).not.toContain('整改要求');
    const last = monthlyPages.at(-1)!;
    expect(last).toMatch(/抄送：县委办公室。/);
    expect(last).toMatch(/临猗县人民政府办公室\s+2023 ?年 ?12 ?月 ?15 ?日印发/);
  });

  it('通报: 红头 and 发文字号 head the first page; the title names the issuing office', () => {
    const first = monthlyPages[0].replace(/\s+/g, '');
    expect(first.indexOf('临猗县人民政府办公室')).toBeLessThan(first.indexOf('临政办函〔2023〕11号'));
    expect(first).toContain('临猗县人民政府办公室关于2023年11月份全县政府网站和政务新媒体全覆盖检查情况的通报');
  });

  it('整改通知单: 编号, how to report back, the contact, no problem table split from its heading or across pages, 反馈表 on its own page', () => {
    const all = unitPages.join('\n').replace(/\s+/g, '');
    expect(all).toContain('编号：整改〔2023〕12-05号');
    expect(all).toContain('点击“已整改”，系统将自动复查');
    expect(all).toContain('https://zwgk.example.gov.cn/');
    expect(all).toContain('联系人：王明，联系电话：0359-4022123');
    const problems = [...all.matchAll(/问题(\d+)：/g)].map((m) => Number(m[1]));
    expect(problems.length).toBeGreaterThan(1);
    for (const n of new Set(problems)) {
      const page = unitPages.find((p) => p.replace(/\s+/g, '').includes(`问题${n}：`))!.replace(/\s+/g, '');
      const after = page.slice(page.indexOf(`问题${n}：`));
      expect(after, `问题${n}`).toContain('整改时限');
    }
    const feedback = unitPages.findIndex((p) => p.includes('整改情况反馈表') && p.includes('完成时间'));
    expect(feedback).toBeGreaterThan(0);
    expect(unitPages[feedback].trimStart().startsWith('附件')).toBe(true);
  });

  it('no document shows an internal identifier', () => {
    for (const [name, text] of [
      ['通报', monthlyPages.join('\n')],
      ['整改通知单', unitPages.join('\n')],
      ['评分表', pages(annualPdf).join('\n')],
    ] as const) {
      expect(text, name).not.toMatch(INTERNAL);
    }
  });

  it('评分表: every page is A4 landscape and no unit sheet prints wider than one page (its header row is on every page)', () => {
    const sizes = pageSizes(annualPdf);
    expect(sizes.length).toBeGreaterThan(units.length);
    for (const s of sizes) {
      expect(Math.round(s.w)).toBe(842);
      expect(Math.round(s.h)).toBe(595);
    }
    for (const [i, p] of pages(annualPdf).entries()) expect(/一级指标|名次|序号/.test(p), `page ${i + 1}`).toBe(true);
  });

  it("评分表: 得分 cells are formulas that an evaluator's edit recomputes, and the 一级指标 shows its weight", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(annualFile);
    const ws = wb.getWorksheet(units[0].name)!;
    const header = ws.getRow(3).values as string[];
    const col = header.indexOf('得分');
    let formulas = 0;
    let rows = 0;
    ws.eachRow((r, n) => {
      if (n <= 3 || r.getCell(1).value === '合计') return;
      rows++;
      if (typeof r.getCell(col).value === 'object' && r.getCell(col).formula) formulas++;
    });
    expect(formulas).toBe(rows);
    expect(String(ws.getCell(4, 1).value)).toMatch(/（\d+(\.\d+)?分）$/);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
  });
});
