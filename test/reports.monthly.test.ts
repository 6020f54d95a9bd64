import { describe, it, expect, beforeAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import { writeMonthlyReport } from '../reports/index.ts';
import { buildFindings, sampleUnits, fixtureRunInfo, fixtureHistory, SCRIPT_TITLE } from './fixtures/reports/build.ts';
import { readDocx, tempDir, type DocxParts } from './fixtures/reports/read.ts';

const units = sampleUnits();
const findings = buildFindings(units);
const base = {
  county: '临猗县（示例）',
  month: '2023-11',
  findings,
  units,
  deadline: '2023-12-29',
  runInfo: fixtureRunInfo,
  history: fixtureHistory,
  issuedOn: '2023-12-15',
};
const confirmedMonthly = findings.filter((f) => f.monthly && f.kind === 'deduction' && f.status === 'confirmed');
const pendingMonthly = findings.filter((f) => f.monthly && f.kind === 'deduction' && f.status === 'pending');

describe('monthly 通报', () => {
  let files: string[];
  let docx: DocxParts;
  let html: string;
  beforeAll(async () => {
    files = await writeMonthlyReport({ ...base, draft: false }, await tempDir());
    docx = await readDocx(files.find((f) => f.endsWith('.docx'))!);
    html = await readFile(files.find((f) => f.endsWith('.html'))!, 'utf8');
  });

  it('writes a .docx and an .html', () => {
    expect(files.map((f) => f.slice(f.lastIndexOf('.')))).toEqual(['.docx', '.html']);
  });

  it('has the 公文 parts: title, 主送, sections, deadline, 落款 and date', () => {
    expect(docx.text).toContain('关于2023年11月份全县政府网站和政务新媒体全覆盖检查情况的通报');
    // 主送 from the units covered: the 示范区 is neither a township nor a 县直 department, so it is named
    expect(docx.text).toContain('各乡（镇）人民政府，临猗现代农业产业示范区管委会，县直各有关单位：');
    for (const h of ['一、检查基本情况', '二、发现的主要问题', '三、整改要求']) expect(docx.text).toContain(h);
    expect(docx.text).toContain('2023年12月29日前');
    expect(docx.text).toContain('临猗县人民政府办公室');
    expect(docx.text).not.toContain('临猗县（示例）人民政府办公室');
    expect(docx.text).toContain('2023年12月15日');
  });

  it('the 附件 table gives 单位名称 the widest column, the counts share the rest evenly', () => {
    const attachment = docx.xml.slice(docx.xml.lastIndexOf('<w:tbl>'));
    const header = attachment.slice(0, attachment.indexOf('</w:tr>'));
    const widths = [...header.matchAll(/<w:tcW w:type="pct" w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(widths.length).toBeGreaterThan(4);
    expect(widths[1]).toBe(Math.max(...widths)); // 单位名称 is the widest column
    expect(widths[1]).toBeGreaterThan(widths[3]);
    expect(new Set(widths.slice(3)).size).toBe(1);
  });

  it('notifies only confirmed findings, grouped by kind, with their units and URLs', () => {
    expect(docx.text).toContain(`共发现问题${confirmedMonthly.length}个，涉及${new Set(confirmedMonthly.map((f) => f.unitId)).size}个单位`);
    for (const f of confirmedMonthly) {
      expect(docx.text).toContain(f.evidence[0].url);
      expect(docx.text).toContain(f.unitName);
    }
    for (const f of pendingMonthly) expect(docx.text).not.toContain(f.title);
    expect(docx.text).not.toContain('已排除的问题');
    expect(docx.text).not.toContain('预警');
    const blank = confirmedMonthly.filter((f) => f.checkId === 'column.blank');
    expect(docx.text).toContain(`空白栏目（${blank.length}个，涉及${new Set(blank.map((f) => f.unitId)).size}个单位）`);
    expect(docx.text.indexOf('网站无法访问（')).toBeLessThan(docx.text.indexOf('空白栏目（'));
  });

  it('has a unit table whose rows and 合计 match the findings', () => {
    const rowOf = (name: string) =>
      docx.xml
        .split('</w:tr>')
        .map((r) => [...r.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]))
        .find((cells) => cells[1] === name)!;
    for (const u of units) {
      const cells = rowOf(u.name);
      expect(Number(cells.at(-1))).toBe(confirmedMonthly.filter((f) => f.unitId === u.id).length);
    }
    expect(Number(rowOf('合计').at(-1))).toBe(confirmedMonthly.length);
  });

  it('uses the 公文 fonts and 「— N —」 page numbers', async () => {
    expect(docx.xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(docx.xml).toContain('w:eastAsia="黑体"');
    expect(await docx.zip.file('word/styles.xml')!.async('string')).toContain('w:eastAsia="仿宋_GB2312"');
    expect(docx.footers).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*> —<\/w:t>/);
    expect(docx.xml).toMatch(/<w:pgSz w:w="1190\d" w:h="168\d\d"/);
  });

  it('embeds the charts in the docx and the html', () => {
    expect(docx.media.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('<img alt="各单位问题数量" src="data:image/svg+xml;base64,');
    expect(html).toContain('<img alt="各月问题数量趋势"');
  });

  it('escapes crawled text in the html', () => {
    expect(html).not.toContain(SCRIPT_TITLE);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(docx.text).toContain(SCRIPT_TITLE); // plain text in Word, never markup
  });
});

describe('monthly 通报 draft mode', () => {
  it('shows pending findings marked 【待确认】 and says it must not be issued', async () => {
    const files = await writeMonthlyReport({ ...base, draft: true }, await tempDir());
    expect(files[0]).toContain('审核稿');
    const docx = await readDocx(files[0]);
    expect(docx.text).toContain('不得印发');
    for (const f of pendingMonthly) expect(docx.text).toContain(`【待确认】${f.title}`);
    expect(docx.text).toContain(`共发现问题${confirmedMonthly.length + pendingMonthly.length}个`);
    const html = await readFile(files[1], 'utf8');
    expect(html).toContain('class="pending"');
  });

  it('says so when nothing is to be notified', async () => {
    const files = await writeMonthlyReport({ ...base, findings: [], history: [], draft: false }, await tempDir());
    const docx = await readDocx(files[0]);
    expect(docx.text).toContain('本月未发现需要通报的问题');
    expect(docx.media).toHaveLength(0);
  });
});
