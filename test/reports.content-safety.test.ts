import { describe, it, expect, beforeAll } from 'vitest';
import { CHECKS, type Finding } from '../checks/index.ts';
import { idCheckChar } from '../checks/content/pii.ts';
import type { AttachmentObservation } from '../store/index.ts';
import { writeMonthlyReport, writeUnitReport } from '../reports/index.ts';
import { attachment as attachmentOf, detail, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';
import { readDocx, tempDir, type DocxParts } from './fixtures/reports/read.ts';
import { readFileSync } from 'node:fs';

// Content-safety findings as the checks write them (masked value, place, excerpt) in the monthly 通报 and the
// unit's 整改通知单: their own section, first — 严重表述错误, 隐私泄露, then 有害信息 and 错别字 — before the rest.
const config = makeConfig([{ id: 'mzj', name: '民政局', class: 'B', home: 'http://portal.test/zwgk/mzj/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const run = (id: string, obs: ReturnType<typeof unitObs>) => CHECKS.find((c) => c.id === id)!.run(ctx, unit, obs);
const ID = (() => {
  const s = '14082119700101123';
  return s + idCheckChar(s);
})();
const ID2 = (() => {
  const s = '14082119851212456';
  return s + idCheckChar(s);
})();
const MASKED = `${ID.slice(0, 6)}********${ID.slice(14)}`;

// linked from a 通知公告 page, under its own name: the report names both
const attachment = (over: Partial<AttachmentObservation>) =>
  attachmentOf('mzj', { pageUrl: 'http://portal.test/zwgk/mzj/tzgg/1.html', url: 'http://portal.test/zwgk/mzj/f/救助名单.xls', ...over });

let findings: Finding[];
let monthly: DocxParts;
let monthlyHtml: string;
let notice: DocxParts;

beforeAll(async () => {
  const rows = [
    ['1', '王建国', ID, '13812345678'],
    ['2', '李秀英', ID2, '13923456789'],
  ];
  const obs = unitObs(unit, {
    details: [detail('mzj', 'policies', '关于做好年终工作的通知', '各单位要认真布署年终各项工作，深入学习习近平新时代特色社会主义思想。')],
    attachments: [
      attachment({
        tables: [{ sheet: '名单', headers: ['序号', '姓名', '身份证号码', '联系电话'], rows }],
        text: rows.map((r) => r.join('\t')).join('\n'),
      }),
    ],
  });
  const content = [...run('content.typo', obs), ...run('content.expression', obs), ...run('privacy.exposure', obs)];
  expect(content.map((f) => f.checkId).sort()).toEqual(['content.expression', 'content.typo', 'privacy.exposure']);
  const other: Finding = {
    ...content[0],
    id: 'f-missing',
    key: 'mzj|column.missing|guide|guide',
    checkId: 'column.missing',
    column: 'guide',
    subject: 'guide',
    title: '缺少"政府信息公开指南"栏目',
    detail: '在 民政局 的信息公开页面及其导航中未找到"政府信息公开指南"栏目。',
    evidence: [{ url: 'http://portal.test/zwgk/mzj/', excerpt: '未找到栏目', snapshot: null }],
  };
  // the ordinary finding first, as a run lists them: the documents must still put content safety first
  findings = [other, ...content].map((f) => ({ ...f, status: 'confirmed' as const }));
  const dir = await tempDir();
  const mFiles = await writeMonthlyReport(
    { county: '临猗县', month: '2023-12', findings, units: [unit], deadline: '2023-12-29', draft: false, issuedOn: '2023-12-18' },
    dir,
  );
  monthly = await readDocx(mFiles[0]);
  monthlyHtml = readFileSync(mFiles[1], 'utf8');
  const uFiles = await writeUnitReport(
    { county: '临猗县', unit, findings, deadline: '2023-12-29', asOf: '2023-12-15', issuedOn: '2023-12-18' },
    dir,
  );
  notice = await readDocx(uFiles[0]);
});

describe('content safety in the monthly 通报', () => {
  it('has its own section before the other problems, 严重表述错误 then 隐私泄露 then 错别字', () => {
    const t = monthly.text;
    const at = (s: string) => {
      const i = t.indexOf(s);
      expect(i, s).toBeGreaterThan(-1);
      return i;
    };
    expect(at('二、内容安全问题')).toBeLessThan(at('（一）严重表述错误'));
    expect(at('（一）严重表述错误')).toBeLessThan(at('（二）泄露个人信息（隐私泄露）'));
    expect(at('（二）泄露个人信息（隐私泄露）')).toBeLessThan(at('（三）错别字'));
    expect(at('（三）错别字')).toBeLessThan(at('三、其他问题'));
    expect(at('三、其他问题')).toBeLessThan(at('（一）必设栏目缺失'));
    expect(at('（一）必设栏目缺失')).toBeLessThan(at('四、整改要求'));
    expect(t).not.toContain('二、发现的主要问题');
  });

  it('each item names the masked value and the page or attachment, never the raw number', () => {
    expect(monthly.text).toContain(`发现内容：${MASKED} 等`);
    expect(monthly.text).toContain('位置：附件“救助名单.xls”（xls，链接自 http://portal.test/zwgk/mzj/tzgg/1.html）');
    expect(monthly.text).toContain('位置：页面“关于做好年终工作的通知”；发现内容：布署→部署');
    expect(monthly.text).toContain('【布署】');
    expect(monthly.text).toContain('网址：http://portal.test/zwgk/mzj/f/救助名单.xls');
    // an excerpt ending a sentence is not followed by a second 。 before the address
    expect(monthly.text).not.toMatch(/。。|。；/);
    for (const text of [monthly.text, monthlyHtml, notice.text])
      for (const raw of [ID, ID2, '13812345678', '王建国']) expect(text).not.toContain(raw);
    expect(monthly.text).toMatch(
      /1\.通报的内容安全问题中，严重表述错误、泄露个人信息和疑似有害信息属于单项否决类问题，相关单位须立即撤下或更正/,
    );
  });

  it('a 通报 without content-safety problems keeps its single 二、发现的主要问题', async () => {
    const files = await writeMonthlyReport(
      {
        county: '临猗县',
        month: '2023-12',
        findings: findings.filter((f) => f.checkId === 'column.missing'),
        units: [unit],
        deadline: '2023-12-29',
        draft: false,
        issuedOn: '2023-12-18',
      },
      await tempDir(),
    );
    const t = (await readDocx(files[0])).text;
    expect(t).toContain('二、发现的主要问题');
    expect(t).toContain('三、整改要求');
    expect(t).not.toContain('内容安全');
  });
});

describe('content safety in the 整改通知单', () => {
  it('lists content-safety problems first under their own heading, with place, masked value and what to do', () => {
    const t = notice.text;
    const at = (s: string) => {
      const i = t.indexOf(s);
      expect(i, s).toBeGreaterThan(-1);
      return i;
    };
    expect(at('一、内容安全问题')).toBeLessThan(at('问题1：表述不规范'));
    expect(at('问题1：表述不规范')).toBeLessThan(at('问题2：附件公开了未脱敏的个人信息'));
    expect(at('问题2：附件公开了未脱敏的个人信息')).toBeLessThan(at('问题3：错别字'));
    expect(at('问题3：错别字')).toBeLessThan(at('二、其他问题'));
    expect(at('二、其他问题')).toBeLessThan(at('问题4：缺少'));
    expect(t).toContain('所在位置');
    expect(t).toContain(`${MASKED} 等 `);
    expect(t).toContain('立即撤下该页面或附件');
    expect(t).toContain('立即处理');
  });
});
