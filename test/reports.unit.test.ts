import { describe, it, expect, beforeAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import { writeUnitReport, writeAllUnitReports, checkRule } from '../reports/index.ts';
import { buildFindings, sampleUnits, SCRIPT_TITLE, TINY_PNG } from './fixtures/reports/build.ts';
import { readDocx, tempDir, type DocxParts } from './fixtures/reports/read.ts';

const units = sampleUnits();
const findings = buildFindings(units);
const unit = units[0];
const open = findings.filter(
  (f) => f.unitId === unit.id && f.kind === 'deduction' && (f.status === 'confirmed' || f.status === 'adjusted'),
);

describe('整改通知单', () => {
  let files: string[];
  let docx: DocxParts;
  let html: string;
  const asked: string[] = [];
  beforeAll(async () => {
    files = await writeUnitReport(
      {
        county: '临猗县（示例）',
        unit,
        findings,
        deadline: '2023-12-29',
        asOf: '2023-12-15',
        issuedOn: '2023-12-15',
        screenshots: (id) => {
          asked.push(id);
          return TINY_PNG;
        },
      },
      await tempDir(),
    );
    docx = await readDocx(files[0]);
    html = await readFile(files[1], 'utf8');
  });

  it('writes one .docx and one .html named for the unit', () => {
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/整改通知单-猗氏镇政府\.docx$/);
  });

  it('lists every open finding with URL, problem, rule, evidence and deadline', () => {
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(docx.text).toContain(`发现以下${open.length}个问题`);
    for (const f of open) {
      expect(docx.text).toContain(f.title);
      expect(docx.text).toContain(f.evidence[0].url);
      expect(docx.text).toContain(f.detail);
      expect(docx.text).toContain(checkRule(f.checkId));
      expect(docx.text).toContain(f.evidence[0].excerpt);
    }
    expect(docx.text.match(/2023年12月29日前/g)!.length).toBeGreaterThanOrEqual(open.length);
    expect(docx.text).toContain('整改情况反馈表');
  });

  it("never shows another unit's findings", () => {
    for (const f of findings.filter((x) => x.unitId !== unit.id)) expect(docx.text).not.toContain(f.evidence[0].url);
  });

  it('embeds the screenshot where there is one', () => {
    expect(asked).toEqual(['shot-guide']);
    expect(docx.media).toHaveLength(1);
    expect(html).toContain(`src="data:image/png;base64,${TINY_PNG.toString('base64')}"`);
  });

  it('escapes crawled text in the html and links only http(s) URLs', () => {
    expect(html).not.toContain(SCRIPT_TITLE);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="http://sample-portal.invalid/zwgk/yishi/bmxxgk/"');
  });

  it('shows pending findings only in a draft, marked', async () => {
    const u = units.find((x) => findings.some((f) => f.unitId === x.id && f.status === 'pending' && f.kind === 'deduction'))!;
    const pending = findings.filter((f) => f.unitId === u.id && f.status === 'pending' && f.kind === 'deduction');
    const final = await readDocx(
      (await writeUnitReport({ county: '临猗县', unit: u, findings, deadline: '2023-12-29' }, await tempDir()))[0],
    );
    for (const f of pending) expect(final.text).not.toContain(f.title);
    const draft = await readDocx(
      (await writeUnitReport({ county: '临猗县', unit: u, findings, deadline: '2023-12-29', draft: true }, await tempDir()))[0],
    );
    for (const f of pending) expect(draft.text).toContain(`【待确认】${f.title}`);
  });

  it('lists warnings apart, as not scored', async () => {
    const u = units[1];
    const d = await readDocx((await writeUnitReport({ county: '临猗县', unit: u, findings, deadline: '2023-12-29' }, await tempDir()))[0]);
    expect(d.text).toContain('预警提示（不扣分');
    expect(d.text).toContain('将于7日内超期');
    expect(d.text).not.toContain('已排除的问题');
  });
});

describe('整改通知单 --all', () => {
  it('writes one notice per unit with something to fix, and none for the others', async () => {
    const files = await writeAllUnitReports({ county: '临猗县', units, findings, deadline: '2023-12-29' }, await tempDir());
    const withIssues = units.filter((u) =>
      findings.some((f) => f.unitId === u.id && f.status !== 'dismissed' && (f.kind === 'warning' || f.status === 'confirmed')),
    );
    expect(files.filter((f) => f.endsWith('.docx'))).toHaveLength(withIssues.length);
    for (const u of withIssues) expect(files.some((f) => f.endsWith(`整改通知单-${u.name}.docx`))).toBe(true);
  });
});
