// 门户网站 19号 自查报告: one page in the office's 公文 style (.docx) and the same content as HTML.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Paragraph, Table } from 'docx';
import { indicatorFileZh } from '../config/index.ts';
import type { Site19Result } from '../scoring/index.ts';
import * as D from './docx-style.ts';
import { escapeHtml, monthZh, safeFileName } from './format.ts';
import { htmlTable, page } from './html.ts';

export interface SelfCheck19Input {
  county: string;
  result: Site19Result;
  trend: { month: string; verdict: string; deductionScore: number | null; vetoes: number }[];
  issuedOn: string; // YYYY-MM-DD
  issuer?: string;
}

const VETO_STATE: Record<string, string> = {
  hit: '触发',
  suspected: '疑似（待人工确认）',
  warning: '预警',
  clear: '未发现',
  manual: '需人工核查',
};
const EFFECT: Record<string, string> = { veto: '单项否决', deduction: '扣分', warning: '预警', info: '提示' };

interface Content {
  title: string;
  paragraphs: string[];
  sections: { heading: string; headers: string[]; rows: string[][] }[];
  issuer: string;
  date: string;
}

const selfCheck19Title = (siteName: string, month: string): string => `${siteName}${monthZh(month)}自查报告`;

/** The file name (without .docx/.html) the 自查报告 of a site and month is written under. */
export function selfCheck19FileName(siteName: string, month: string): string {
  return safeFileName(selfCheck19Title(siteName, month));
}

function build(input: SelfCheck19Input): Content {
  const r = input.result;
  // The reason already states the score (or that a veto leaves nothing scored): the conclusion says it once.
  const paragraphs = [
    `依据${r.table.title}（${indicatorFileZh(r.table.file)}），对${r.siteName}开展${monthZh(r.month)}自查，检查日期 ${r.asOf}。`,
    `自查结论：${r.verdict}。${r.verdictReason}。`,
  ];
  if (r.unverified.length) paragraphs.push(`说明：以下分值或阈值尚未与原文核实，结论仅供内部参考：${r.unverified.join('；')}。`);
  const sections = [
    {
      heading: '一、单项否决指标',
      headers: ['指标', '结果', '说明'],
      rows: r.vetoes.map((v) => [v.name, VETO_STATE[v.state] ?? v.state, v.note]),
    },
    {
      heading: '二、扣分指标',
      headers: ['指标', '分值', '扣分', '待确认', '方式'],
      rows: r.deductions.map((d) => [
        d.name,
        String(d.weight),
        String(d.deducted),
        String(d.pending),
        d.mode === 'manual' ? '人工核查' : d.mode === 'skipped' ? '不适用' : '自动检查',
      ]),
    },
    {
      heading: '三、发现的问题',
      headers: ['类别', '问题', '可信度', '网址'],
      rows: r.findings.map((f) => [
        EFFECT[f.effect] ?? f.effect,
        f.title,
        f.confidence === 'high' ? '确定' : '待人工确认',
        f.evidence[0]?.url ?? '',
      ]),
    },
    {
      heading: '四、各月自查结果',
      headers: ['月份', '结论', '扣分部分得分', '单项否决'],
      rows: input.trend.map((t) => [
        monthZh(t.month),
        t.verdict,
        t.deductionScore === null ? '—' : String(t.deductionScore),
        String(t.vetoes),
      ]),
    },
  ];
  return {
    title: selfCheck19Title(r.siteName, r.month),
    paragraphs,
    sections,
    issuer: input.issuer ?? `${input.county}人民政府办公室`,
    date: input.issuedOn,
  };
}

function docxChildren(c: Content): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [D.title(c.title), ...c.paragraphs.map((p) => D.body(p))];
  for (const s of c.sections) {
    out.push(D.heading1(s.heading));
    out.push(s.rows.length ? D.table(s.headers, s.rows) : D.body('无。'));
  }
  out.push(...D.signature(c.issuer, c.date));
  return out;
}

function htmlBody(c: Content): string {
  const parts = [`<h1>${escapeHtml(c.title)}</h1>`, ...c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`)];
  for (const s of c.sections)
    parts.push(`<h2>${escapeHtml(s.heading)}</h2>`, s.rows.length ? htmlTable(s.headers, s.rows, []) : '<p>无。</p>');
  parts.push(`<p class="sign">${escapeHtml(c.issuer)}</p><p class="sign">${escapeHtml(c.date)}</p>`);
  return parts.join('\n');
}

/** Writes the 自查报告 as .docx and .html; returns the paths. */
export async function writeSelfCheck19Report(input: SelfCheck19Input, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const c = build(input);
  const base = join(outDir, safeFileName(c.title));
  await writeFile(`${base}.docx`, await D.documentBuffer({ title: c.title, creator: c.issuer }, docxChildren(c)));
  await writeFile(`${base}.html`, page(c.title, htmlBody(c)));
  return [`${base}.docx`, `${base}.html`];
}
