// 月度全覆盖检查情况通报: .docx in 公文 style plus the same content as HTML (and PDF when asked).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Paragraph, Table } from 'docx';
import { renderChart, svgDataUri, type Chart } from './charts.ts';
import { trendMonths, trendOption, uninspectedMonths, unitBarsHeight, unitBarsOption } from './chart-options.ts';
import * as D from './docx-style.ts';
import { escapeHtml, monthZh, safeFileName, sectionNumber } from './format.ts';
import { htmlTable, link, page } from './html.ts';
import { buildMonthlyContent, groupHeading, groupRule, type MonthlyContent, type MonthlyInput } from './monthly-content.ts';
import { renderPdf } from './pdf.ts';

interface MonthlyCharts {
  units: Chart | null;
  trend: Chart | null;
  /** 注 under the trend when a month in it had no inspection, so that no reader takes the gap for 0. */
  trendNote: string | null;
}

function trendNote(gaps: string[]): string | null {
  return gaps.length ? `注：${gaps.map(monthZh).join('、')}未开展全覆盖检查，图中标为“未检查”，不表示当月没有问题。` : null;
}

function buildCharts(input: MonthlyInput, c: MonthlyContent): MonthlyCharts {
  const units = c.unitCounts.length
    ? renderChart(unitBarsOption(c.unitCounts, `${monthZh(input.month)}份各单位问题数量`), {
        width: 760,
        height: unitBarsHeight(c.unitCounts.length),
      })
    : null;
  const current = { month: input.month, counts: Object.fromEntries(c.groups.map((g) => [g.checkId, g.count])) };
  const history = [...(input.history ?? []).filter((h) => h.month !== input.month), current];
  const inspected = trendMonths(history).filter((h) => h.counts !== null).length;
  const trend = inspected > 1 ? renderChart(trendOption(history), { width: 760, height: 380 }) : null;
  return { units, trend, trendNote: trend ? trendNote(uninspectedMonths(history)) : null };
}

interface ProblemSection {
  heading: string;
  lead: string | null;
  groups: MonthlyContent['groups'];
}

/**
 * 二、内容安全问题 (when there are any) before the other problems: 严重表述错误 and 隐私泄露 are 单项否决-class.
 * Without content-safety problems the 通报 keeps its one section 二、发现的主要问题.
 */
function problemSections(c: MonthlyContent): ProblemSection[] {
  const content = c.groups.slice(0, c.contentGroups);
  const other = c.groups.slice(c.contentGroups);
  if (!content.length) return other.length ? [{ heading: '发现的主要问题', lead: null, groups: other }] : [];
  const sections: ProblemSection[] = [
    {
      heading: '内容安全问题',
      lead: '以下问题涉及严重表述错误、个人信息泄露、疑似有害信息和错别字，其中前三类属于《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决类问题。所列个人信息号码均已脱敏，文字问题的原文以【】标出。',
      groups: content,
    },
  ];
  if (other.length) sections.push({ heading: '其他问题', lead: null, groups: other });
  return sections;
}

/** 附件 table: 序号, a 单位名称 wide enough for a name on one or two lines, 类别, then the counts evenly. */
function attachmentWidths(columns: number): number[] {
  const counts = Math.max(1, columns - 3);
  return [6, 18, 8, ...Array.from({ length: counts }, () => Math.floor((68 / counts) * 10) / 10)];
}

function docxChildren(c: MonthlyContent, charts: MonthlyCharts): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (c.draft) out.push(D.body([D.run('【审核稿】含待确认问题，仅供内部审核，不得印发', { color: 'C00000' })], { indent: false }));
  out.push(...D.redHeader(c.frame.redHeader, c.frame.docNumber));
  out.push(D.titleInLines(c.titleLines), D.mainTo(c.mainTo), D.body(c.intro));
  out.push(D.heading1('一、检查基本情况'), ...c.basics.map((p) => D.body(p)));
  const sections = problemSections(c);
  if (!c.groups.length) out.push(D.heading1('二、发现的主要问题'), D.body('本月未发现需要通报的问题。'));
  sections.forEach((sec, n) => {
    out.push(D.heading1(`${sectionNumber(n + 2)}、${sec.heading}`));
    if (sec.lead) out.push(D.body(sec.lead));
    sec.groups.forEach((g, i) => {
      out.push(D.heading2(groupHeading(i, g)));
      const rule = groupRule(g);
      if (rule) out.push(D.body(rule));
      for (const u of g.units) {
        u.items.forEach((item, k) => {
          const lead = u.items.length > 1 ? `${u.unitName}（${k + 1}）：` : `${u.unitName}：`;
          out.push(
            D.body(
              [
                D.run(lead),
                D.run(item.text, item.pending ? { color: 'C00000' } : {}),
                ...(item.url ? [D.run(`。网址：${item.url}`)] : [D.run('。')]),
              ],
              { ragged: !!item.url },
            ),
          );
        });
      }
    });
  });
  if (charts.units) out.push(D.picture(charts.units.png, charts.units.width * 2, charts.units.height * 2), D.caption(`图1 各单位问题数量`));
  if (charts.trend)
    out.push(D.picture(charts.trend.png, charts.trend.width * 2, charts.trend.height * 2), D.caption(`图2 各月问题数量趋势`));
  if (charts.trendNote) out.push(D.body(charts.trendNote));
  out.push(
    D.heading1(`${sectionNumber(Math.max(1, sections.length) + 2)}、整改要求`),
    ...c.requirements.map((p, i) => D.body(`${i + 1}.${p}`)),
  );
  out.push(D.blank(), D.body(`附件：${c.tableTitle}`));
  out.push(...D.signature(c.issuer, c.date), D.note(c.frame.note));
  out.push(D.attachmentLabel(), D.title(c.tableTitle));
  out.push(D.table(c.tableHeaders, c.tableRows, attachmentWidths(c.tableHeaders.length)));
  out.push(...D.banji(c.frame.copyTo, c.frame.printer, c.date));
  return out;
}

function htmlBody(c: MonthlyContent, charts: MonthlyCharts): string {
  const parts: string[] = [];
  if (c.draft) parts.push('<p class="draft">【审核稿】含待确认问题，仅供内部审核，不得印发</p>');
  parts.push(
    `<div style="text-align:center;color:#e00;font-size:30pt;font-family:inherit">${escapeHtml(c.frame.redHeader)}</div>`,
    `<p style="text-align:center;text-indent:0;border-bottom:2px solid #e00;padding-bottom:.4em">${escapeHtml(c.frame.docNumber ?? '')}</p>`,
  );
  parts.push(
    `<h1>${c.titleLines.map(escapeHtml).join('<br>')}</h1>`,
    `<p class="to">${escapeHtml(c.mainTo)}</p>`,
    `<p>${escapeHtml(c.intro)}</p>`,
  );
  parts.push('<h2>一、检查基本情况</h2>', ...c.basics.map((p) => `<p>${escapeHtml(p)}</p>`));
  const sections = problemSections(c);
  if (!c.groups.length) parts.push('<h2>二、发现的主要问题</h2>', '<p>本月未发现需要通报的问题。</p>');
  sections.forEach((sec, n) => {
    parts.push(`<h2>${sectionNumber(n + 2)}、${escapeHtml(sec.heading)}</h2>`);
    if (sec.lead) parts.push(`<p>${escapeHtml(sec.lead)}</p>`);
    sec.groups.forEach((g, i) => {
      parts.push(`<h3>${escapeHtml(groupHeading(i, g))}</h3>`);
      const rule = groupRule(g);
      if (rule) parts.push(`<p>${escapeHtml(rule)}</p>`);
      for (const u of g.units) {
        u.items.forEach((item, k) => {
          const lead = u.items.length > 1 ? `${u.unitName}（${k + 1}）：` : `${u.unitName}：`;
          const text = item.pending ? `<span class="pending">${escapeHtml(item.text)}</span>` : escapeHtml(item.text);
          parts.push(
            `<p${item.url ? ' style="text-align:left"' : ''}>${escapeHtml(lead)}${text}${item.url ? `。网址：${link(item.url)}` : '。'}</p>`,
          );
        });
      }
    });
  });
  if (charts.units)
    parts.push(
      `<figure><img alt="各单位问题数量" src="${svgDataUri(charts.units.svg)}"><figcaption>图1 各单位问题数量</figcaption></figure>`,
    );
  if (charts.trend)
    parts.push(
      `<figure><img alt="各月问题数量趋势" src="${svgDataUri(charts.trend.svg)}"><figcaption>图2 各月问题数量趋势</figcaption></figure>`,
    );
  if (charts.trendNote) parts.push(`<p>${escapeHtml(charts.trendNote)}</p>`);
  parts.push(
    `<h2>${sectionNumber(Math.max(1, sections.length) + 2)}、整改要求</h2>`,
    ...c.requirements.map((p, i) => `<p>${i + 1}.${escapeHtml(p)}</p>`),
  );
  parts.push(`<p>&nbsp;</p><p>附件：${escapeHtml(c.tableTitle)}</p><p>&nbsp;</p>`);
  parts.push(`<p class="sign">${escapeHtml(c.issuer)}</p><p class="sign">${escapeHtml(c.date)}</p>`, `<p>${escapeHtml(c.frame.note)}</p>`);
  parts.push(
    `<p class="plain" style="break-before:page;page-break-before:always;margin-top:2em;font-family:inherit">附件</p><h1>${escapeHtml(c.tableTitle)}</h1>`,
  );
  const numeric = c.tableHeaders.map((_, i) => i).filter((i) => i !== 1);
  parts.push(htmlTable(c.tableHeaders, c.tableRows, numeric));
  parts.push(
    `<div style="margin-top:2em;border-top:2px solid #000;border-bottom:2px solid #000">${c.frame.copyTo ? `<p style="text-indent:0;border-bottom:1px solid #000">抄送：${escapeHtml(c.frame.copyTo.replace(/[。.]$/, ''))}。</p>` : ''}` +
      `<p style="text-indent:0;display:flex;justify-content:space-between"><span>${escapeHtml(c.frame.printer)}</span><span>${escapeHtml(c.date)}印发</span></p></div>`,
  );
  return parts.join('\n');
}

/** Writes the 通报 as .docx and .html (and .pdf when input.pdf and Chromium exist); returns the paths written. */
export async function writeMonthlyReport(input: MonthlyInput, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const c = buildMonthlyContent(input);
  const charts = buildCharts(input, c);
  const base = join(outDir, safeFileName(`${monthZh(input.month)}全覆盖检查情况通报${input.draft ? '（审核稿）' : ''}`));
  const docx = `${base}.docx`;
  const html = `${base}.html`;
  await writeFile(docx, await D.documentBuffer({ title: c.title, creator: c.issuer }, docxChildren(c, charts)));
  await writeFile(html, page(c.title, htmlBody(c, charts)));
  const written = [docx, html];
  if (input.pdf && (await renderPdf(html, `${base}.pdf`))) written.push(`${base}.pdf`);
  return written;
}
