import type { CountyConfig } from '../config/index.ts';
import { loadRubric } from '../config/rubric.ts';
import type { Store } from '../store/index.ts';
import { listTrackedFindings, listRuns } from '../store/index.ts';
import { scoreFromStore } from '../scoring/index.ts';
import { addWorkdays } from '../checks/index.ts';
import { writeMonthlyReport, writeAllUnitReports, writeUnitReport, writeAnnualReport } from '../reports/index.ts';
import { siteMonthlyReports } from './site-selfcheck.ts';

export interface ReportRequest {
  store: Store;
  config: CountyConfig;
  outDir: string;
  issuedOn: string; // YYYY-MM-DD
  deadline?: string;
  pdf?: boolean;
}

function unitsOf(config: CountyConfig) {
  return config.units.map((u) => ({ id: u.id, name: u.name, class: u.class }));
}

/** Default 整改 deadline: 10 working days after the report is issued. */
export function defaultDeadline(issuedOn: string): string {
  return addWorkdays(issuedOn, 10).value;
}

function monthsUpTo(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: m }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
}

export async function monthlyReport(req: ReportRequest & { month: string; draft: boolean }): Promise<string[]> {
  const unitNames = new Map(req.config.units.map((u) => [u.id, u.name]));
  const findings = listTrackedFindings(req.store, { month: req.month, unitNames });
  const history = monthsUpTo(req.month).map((month) => {
    const counts: Record<string, number> = {};
    for (const f of listTrackedFindings(req.store, { month, unitNames })) {
      if (!f.monthly || f.kind !== 'deduction' || (f.status !== 'confirmed' && f.status !== 'adjusted')) continue;
      counts[f.checkId] = (counts[f.checkId] ?? 0) + 1;
    }
    return { month, counts };
  });
  const run = listRuns(req.store, 500).find((r) => r.kind === 'inspection' && r.status === 'complete' && r.asOf.startsWith(req.month));
  const stats = (run?.stats ?? {}) as { pagesFetched?: number; fetch?: { linkChecks?: number } };
  const files = await writeMonthlyReport({
    county: req.config.county, month: req.month, findings, units: unitsOf(req.config), deadline: req.deadline ?? defaultDeadline(req.issuedOn),
    draft: req.draft, history, issuedOn: req.issuedOn, pdf: req.pdf,
    runInfo: run ? { asOf: run.asOf, pagesFetched: stats.pagesFetched, linksChecked: stats.fetch?.linkChecks } : undefined,
  }, req.outDir);
  // The portal's own 19号 自查报告 of the month beside the 通报 (issue 19).
  return [...files, ...await siteMonthlyReports({ store: req.store, config: req.config, month: req.month, outDir: req.outDir, issuedOn: req.issuedOn })];
}

export async function unitReports(req: ReportRequest & { unitId?: string; draft?: boolean; asOf?: string }): Promise<string[]> {
  const unitNames = new Map(req.config.units.map((u) => [u.id, u.name]));
  const findings = listTrackedFindings(req.store, { asOf: req.asOf, unitNames, unitId: req.unitId }).filter((f) => f.lifecycle.phase !== 'rectified');
  const common = {
    county: req.config.county, findings, deadline: req.deadline ?? defaultDeadline(req.issuedOn), draft: req.draft, asOf: req.asOf,
    issuedOn: req.issuedOn, pdf: req.pdf, screenshots: (id: string) => req.store.screenshots.get(id),
  };
  if (req.unitId) {
    const unit = unitsOf(req.config).find((u) => u.id === req.unitId)!;
    return writeUnitReport({ ...common, unit }, req.outDir);
  }
  return writeAllUnitReports({ ...common, units: unitsOf(req.config) }, req.outDir);
}

export async function annualReport(req: ReportRequest & { year: number; asOf: string; scoresFile?: string }): Promise<{ files: string[]; scores: ReturnType<typeof scoreFromStore> }> {
  const rubric = loadRubric(req.config.rubric, req.year);
  const scores = scoreFromStore(req.store, { config: req.config, rubric, year: req.year, asOf: req.asOf });
  const unitNames = new Map(req.config.units.map((u) => [u.id, u.name]));
  const pending = listTrackedFindings(req.store, { asOf: req.asOf, year: req.year, unitNames }).filter((f) => f.status === 'pending');
  const files = await writeAnnualReport({ scores, rubric, pending, issuedOn: req.issuedOn, pdf: req.pdf }, req.outDir);
  return { files, scores };
}
