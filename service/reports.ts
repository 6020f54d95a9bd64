import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { addWorkdays } from '../checks/index.ts';
import { rubricClasses } from '../config/index.ts';
import { listTrackedFindings, getRun, runCoverage } from '../store/index.ts';
import { scoreFromStore } from '../scoring/index.ts';
import { writeAllUnitReports, writeAnnualReport, writeMonthlyReport, type ReportUnit } from '../reports/index.ts';
import { unitNames, type ServiceContext } from './context.ts';
import { siteMonthlyReports } from '../inspection/index.ts';
import { notifyReportsIssued } from '../notify/index.ts';

function reportUnits(ctx: Pick<ServiceContext, 'config'>): ReportUnit[] {
  return ctx.config.units.map((u) => ({ id: u.id, name: u.name, class: u.class }));
}

/** 整改期限: the configured number of working days after the inspection date. */
export function rectifyDeadline(ctx: Pick<ServiceContext, 'settings'>, asOf: string): string {
  return addWorkdays(asOf, ctx.settings.rectifyWorkingDays).value;
}

export function reportsDir(ctx: Pick<ServiceContext, 'outDir'>): string {
  return resolve(ctx.outDir, 'reports');
}

/** After an inspection run: the month's 通报 (draft while findings are pending), each unit's 整改通知单, the annual score sheet. */
export async function generateRunReports(ctx: ServiceContext, runId: number): Promise<string[]> {
  const run = getRun(ctx.store, runId);
  if (!run) return [];
  const findings = listTrackedFindings(ctx.store, { runId, unitNames: unitNames(ctx) });
  const units = reportUnits(ctx);
  const deadline = rectifyDeadline(ctx, run.asOf);
  const dir = join(reportsDir(ctx), `run-${runId}`);
  const draft = findings.some((f) => f.status === 'pending' && f.kind !== 'warning');
  const written: string[] = [];
  written.push(
    ...(await writeMonthlyReport(
      {
        county: ctx.config.county,
        month: run.asOf.slice(0, 7),
        findings,
        units,
        deadline,
        draft,
        classes: rubricClasses(ctx.rubric, units),
        runInfo: {
          asOf: run.asOf,
          columnsChecked: runCoverage(ctx.store, runId).columns,
          accountsChecked: runCoverage(ctx.store, runId).accounts,
        },
        documents: ctx.config.documents,
      },
      dir,
    )),
  );
  // The 19号 自查报告 of the portal (and of units with a site of their own) for the month, when the run scored them.
  written.push(
    ...(await siteMonthlyReports({ store: ctx.store, config: ctx.config, month: run.asOf.slice(0, 7), outDir: dir, issuedOn: run.asOf })),
  );
  written.push(
    ...(await writeAllUnitReports(
      {
        county: ctx.config.county,
        findings,
        units,
        deadline,
        draft,
        asOf: run.asOf,
        screenshots: (id) => ctx.store.screenshots.get(id),
        documents: ctx.config.documents,
      },
      join(dir, '整改通知单'),
      { dirPerUnit: true },
    )),
  );
  const year = Number(run.asOf.slice(0, 4));
  if (year === ctx.config.year) {
    const scores = scoreFromStore(ctx.store, { config: ctx.config, rubric: ctx.rubric, year, asOf: run.asOf });
    const pending = listTrackedFindings(ctx.store, { year, asOf: run.asOf, status: 'pending', unitNames: unitNames(ctx) });
    written.push(...(await writeAnnualReport({ scores, rubric: ctx.rubric, pending }, join(dir, '年度评分'))));
  }
  await notifyReportsIssued(ctx, { runId, asOf: run.asOf, findings, draft, deadline }); // never throws; sends only what was not sent
  return written;
}

export interface ReportFile {
  path: string; // relative to the reports dir, '/'-separated
  runId: number | null;
  unitId: string | null; // for 整改通知单: the unit it is addressed to
  size: number;
  modified: string;
}

/** Every generated report file, newest run first. */
export function listReportFiles(ctx: ServiceContext): ReportFile[] {
  const root = reportsDir(ctx);
  if (!existsSync(root)) return [];
  const out: ReportFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) {
        walk(full);
        continue;
      }
      const rel = relative(root, full).split(sep).join('/');
      const runMatch = /^run-(\d+)\//.exec(rel);
      // a 整改通知单 is readable by its unit: it lies in the folder named by that unit's id (never matched by name)
      const unitDir = /^run-\d+\/整改通知单\/([^/]+)\/[^/]+$/.exec(rel)?.[1];
      const unit = unitDir ? (ctx.config.units.find((u) => u.id === unitDir) ?? null) : null;
      out.push({
        path: rel,
        runId: runMatch ? Number(runMatch[1]) : null,
        unitId: unit?.id ?? null,
        size: st.size,
        modified: st.mtime.toISOString(),
      });
    }
  };
  walk(root);
  return out.sort((a, b) => (b.runId ?? 0) - (a.runId ?? 0) || a.path.localeCompare(b.path));
}

/** The absolute path of a listed report, or null: only files the listing returned can be downloaded. */
export function resolveReportFile(ctx: ServiceContext, rel: string): ReportFile | null {
  return listReportFiles(ctx).find((f) => f.path === rel) ?? null;
}
