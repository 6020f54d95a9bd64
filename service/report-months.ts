// Generated reports by inspection month, final versions apart from drafts (审核稿/送审稿), and one zip per month.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { getRun } from '../store/index.ts';
import type { ServiceContext } from './context.ts';
import { listReportFiles, reportsDir, type ReportFile } from './reports.ts';

export interface ReportMonth {
  month: string;
  final: ReportFile[];
  draft: ReportFile[];
}

/** A document still under review carries it in its name (the writers add 审核稿 or 送审稿 while findings are pending). */
export const isDraftReport = (f: ReportFile): boolean => /审核稿|送审稿|草稿/.test(f.path.split('/').pop() ?? '');

/** Reports grouped by the month of the inspection they were written for, newest month first. */
export function reportMonths(ctx: ServiceContext, files: ReportFile[] = listReportFiles(ctx)): ReportMonth[] {
  const monthOf = new Map<number, string>();
  const byMonth = new Map<string, ReportMonth>();
  for (const f of files) {
    let month = '未标明月份';
    if (f.runId !== null) {
      if (!monthOf.has(f.runId)) monthOf.set(f.runId, getRun(ctx.store, f.runId)?.asOf.slice(0, 7) ?? '未标明月份');
      month = monthOf.get(f.runId)!;
    }
    const m = byMonth.get(month) ?? { month, final: [], draft: [] };
    (isDraftReport(f) ? m.draft : m.final).push(f);
    byMonth.set(month, m);
  }
  return [...byMonth.values()].sort((a, b) => b.month.localeCompare(a.month));
}

/** One zip of the given files, each under its path in the reports folder (run-N/… so two runs of a month never collide). */
export async function zipReports(ctx: ServiceContext, files: ReportFile[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.path, readFileSync(resolve(reportsDir(ctx), f.path)), { date: new Date(f.modified) });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
