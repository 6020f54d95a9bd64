// Reports are tied to units by id: two units whose names differ only in a space, or a name with characters a file
// name cannot hold, each get and see their own 整改通知单; a sheet name with an apostrophe still makes valid formulas.
import { describe, it, expect, afterEach } from 'vitest';
import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parseCountyConfig } from '../config/index.ts';
import { writeAllUnitReports, writeAnnualReport } from '../reports/index.ts';
import { createServiceContext, generateRunReports, listReportFiles } from '../service/index.ts';
import type { Store } from '../store/index.ts';
import { addRun, finding, tempStore } from './fixtures/scoring/helpers.ts';
import { buildFindings, buildScores, sampleUnits } from './fixtures/reports/build.ts';
import { fixtureRubric } from './fixtures/reports/rubric.ts';
import { tempDir } from './fixtures/reports/read.ts';

const CONFIG = `county: 测试县
year: 2023
rubric: builtin:2023
units:
  - { id: shuiwu, name: 水务局, class: B, home: https://example.gov.cn/shuiwu/ }
  - { id: shuiwu2, name: 水务 局, class: B, home: https://example.gov.cn/shuiwu2/ }
  - { id: ziran, name: '自然资源/规划局', class: B, home: https://example.gov.cn/ziran/ }
`;

let store: Store | null = null;
let dir = '';
afterEach(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('整改通知单 by unit id', () => {
  it('the workspace maps each notice to its unit by id: no shared file, file-unsafe names included', async () => {
    ({ store, dir } = tempStore());
    const config = parseCountyConfig(CONFIG, 'test.yaml');
    const ctx = createServiceContext({ dbPath: '', config, configPath: 'test.yaml', outDir: dir, log: () => undefined }, store);
    const runId = addRun(store, {
      asOf: '2023-12-15',
      findings: ['shuiwu', 'shuiwu2', 'ziran'].map((unitId) =>
        finding({ unitId, checkId: 'column.blank', indicator: 'notice.monthly', column: 'deptInfo', subject: `deptInfo-${unitId}` }),
      ),
    });
    await generateRunReports(ctx, runId);
    const notices = listReportFiles(ctx).filter((f) => f.path.includes('/整改通知单/') && f.path.endsWith('.docx'));
    expect(notices.map((f) => f.unitId).sort()).toEqual(['shuiwu', 'shuiwu2', 'ziran']);
    expect(new Set(notices.map((f) => f.path)).size).toBe(3);
    const ziran = notices.find((f) => f.unitId === 'ziran')!;
    expect(ziran.path).not.toContain('自然资源/规划局');
  }, 60_000);

  it('report --all without folders gives colliding names distinct files', async () => {
    dir = await tempDir();
    const units = [
      { id: 'shuiwu', name: '水务局', class: 'B' as const },
      { id: 'shuiwu2', name: '水务 局', class: 'B' as const },
    ];
    const findings = units.map((u) =>
      finding({
        unitId: u.id,
        unitName: u.name,
        checkId: 'column.blank',
        indicator: 'notice.monthly',
        column: 'deptInfo',
        subject: `s-${u.id}`,
        status: 'confirmed',
      }),
    );
    const files = await writeAllUnitReports({ county: '测试县', units, findings, deadline: '2023-12-29' }, dir);
    const docx = files.filter((f) => f.endsWith('.docx'));
    expect(docx).toHaveLength(2);
    expect(new Set(docx).size).toBe(2);
  });
});

describe('xlsx sheet references', () => {
  it('quotes sheet names in formulas and links, and an apostrophe in a unit name still gives a readable workbook', async () => {
    const units = sampleUnits();
    units[0] = { ...units[0], name: "张家'湾镇" };
    const findings = buildFindings(units);
    const scores = buildScores(findings, units);
    dir = await tempDir();
    const files = await writeAnnualReport({ scores, rubric: fixtureRubric, pending: [], issuedOn: '2023-12-20' }, dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.find((f) => f.endsWith('.xlsx'))!);
    const refs: string[] = [];
    wb.getWorksheet('汇总排名')!.eachRow((r) => {
      const total = r.getCell(4).value as ExcelJS.CellFormulaValue | null;
      const link = r.getCell(3).value as ExcelJS.CellHyperlinkValue | null;
      if (link && typeof link === 'object' && 'text' in link && link.text === "张家'湾镇") refs.push(link.hyperlink, total!.formula);
    });
    expect(refs).toHaveLength(2);
    expect(refs[0]).toBe("#'张家’湾镇'!A1");
    expect(refs[1]).toMatch(/^'张家’湾镇'!/);
    expect(wb.getWorksheet('张家’湾镇')?.pageSetup.printTitlesRow).toBeTruthy();
  });
});
