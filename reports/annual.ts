// 年度考核评分表 (.xlsx) and the 领导小组 summary (.docx + .html, PDF when asked), rendered from scores.json as given.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../checks/index.ts';
import type { Rubric } from '../config/index.ts';
import { pendingBasis } from './annual-basis.ts';
import { buildAnnualSummary, summaryDocx, summaryHtml } from './annual-summary.ts';
import { annualWorkbook } from './annual-xlsx.ts';
import { renderChart } from './charts.ts';
import { scoreClasses } from './classes.ts';
import { scoreDistributionOption } from './chart-options.ts';
import * as D from './docx-style.ts';
import { safeFileName } from './format.ts';
import { page } from './html.ts';
import { renderPdf } from './pdf.ts';
import type { ScoresFile } from './types.ts';

export interface AnnualInput {
  scores: ScoresFile;
  rubric: Rubric;
  pending?: Finding[]; // findings still in review (status pending)
  issuedOn?: string;
  pdf?: boolean;
}

/** Writes the 评分表 .xlsx, the summary .docx and .html (and .pdf when asked); returns the paths written. */
export async function writeAnnualReport(input: AnnualInput, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const { scores, rubric } = input;
  const pending = (input.pending ?? []).filter((f) => f.status === 'pending' && f.kind !== 'warning');
  const known = new Set(pending.map((f) => f.id));
  const otherPending = pendingBasis(scores).filter((b) => !b.findingId || !known.has(b.findingId));
  const pendingCount = pending.length + otherPending.length;
  const pendingUnits = new Set([...pending.map((f) => f.unitName), ...otherPending.map((b) => b.unitName)]).size;
  const xlsx = join(outDir, safeFileName(`${scores.year}年度政务公开工作考核评分表`) + '.xlsx');
  await writeFile(xlsx, await annualWorkbook(scores, rubric, pending));

  const summary = buildAnnualSummary(scores, rubric.grading?.order ?? [], { items: pendingCount, units: pendingUnits }, input.issuedOn);
  const chart = scores.units.length
    ? renderChart(scoreDistributionOption(scores.units, scoreClasses(scores)), { width: 760, height: 360 })
    : null;
  const base = join(outDir, safeFileName(`${scores.year}年度政务公开工作考核结果报告（送审稿）`));
  await writeFile(`${base}.docx`, await D.documentBuffer({ title: summary.title, creator: summary.issuer }, summaryDocx(summary, chart)));
  await writeFile(`${base}.html`, page(summary.title, summaryHtml(summary, chart)));
  const written = [xlsx, `${base}.docx`, `${base}.html`];
  if (input.pdf && (await renderPdf(`${base}.html`, `${base}.pdf`))) written.push(`${base}.pdf`);
  return written;
}
