import { rubricClasses, type CountyConfig } from '../config/index.ts';
import { loadRubricForConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { listTrackedFindings, listRuns, runCoverage } from '../store/index.ts';
import { scoreFromStore } from '../scoring/index.ts';
import { addWorkdays } from '../checks/index.ts';
import { writeMonthlyReport, writeAllUnitReports, writeUnitReport, writeAnnualReport } from '../reports/index.ts';
import { siteMonthlyReports } from '../inspection/index.ts';

interface ReportRequest {
  store: Store;
  config: CountyConfig;
  outDir: string;
  issuedOn?: string; // YYYY-MM-DD 成文日期; default: the inspection's date (documents never take the machine's clock)
  deadline?: string;
  pdf?: boolean;
}

/** A document was asked for that no inspection backs: nothing is written (exit 1). */
class NoInspectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoInspectionError';
  }
}

function completeInspections(store: Store) {
  return listRuns(store, 5000).filter((r) => r.kind === 'inspection' && r.status === 'complete');
}

function unitsOf(config: CountyConfig) {
  return config.units.map((u) => ({ id: u.id, name: u.name, class: u.class }));
}

/** Default 整改 deadline: 10 working days after the report is issued. */
function defaultDeadline(issuedOn: string): string {
  return addWorkdays(issuedOn, 10).value;
}

function monthsUpTo(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: m }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
}

export async function monthlyReport(req: ReportRequest & { month: string; draft: boolean; number?: number }): Promise<string[]> {
  const run = completeInspections(req.store).find((r) => r.asOf.startsWith(req.month));
  if (!run) {
    throw new NoInspectionError(
      `${req.month.replace('-', '年')}月没有完成的全覆盖检查，未生成通报（数据库 ${req.store.path}；先运行 zwgk inspect --as-of ${req.month}-DD）/ no complete inspection in ${req.month}`,
    );
  }
  const issuedOn = req.issuedOn ?? run.asOf;
  const unitNames = new Map(req.config.units.map((u) => [u.id, u.name]));
  const findings = listTrackedFindings(req.store, { month: req.month, unitNames });
  const inspectedMonths = new Set(completeInspections(req.store).map((r) => r.asOf.slice(0, 7)));
  const history = monthsUpTo(req.month).map((month) => {
    // A month without a complete inspection is 未检查 in the trend, not a month with no problems.
    if (!inspectedMonths.has(month)) return { month, counts: null };
    const counts: Record<string, number> = {};
    for (const f of listTrackedFindings(req.store, { month, unitNames })) {
      if (!f.monthly || f.kind !== 'deduction' || (f.status !== 'confirmed' && f.status !== 'adjusted')) continue;
      counts[f.checkId] = (counts[f.checkId] ?? 0) + 1;
    }
    return { month, counts };
  });
  const coverage = runCoverage(req.store, run.id);
  const stats = run.stats;
  // The rubric names the classes (乡镇、县直单位 …) the 通报 counts units by.
  const classes = rubricClasses(loadRubricForConfig(req.config), req.config.units);
  const files = await writeMonthlyReport(
    {
      county: req.config.county,
      month: req.month,
      findings,
      units: unitsOf(req.config),
      classes,
      deadline: req.deadline ?? defaultDeadline(issuedOn),
      draft: req.draft,
      history,
      issuedOn,
      pdf: req.pdf,
      runInfo: {
        asOf: run.asOf,
        pagesFetched: stats.pagesFetched,
        linksChecked: stats.fetch?.linkChecks,
        columnsChecked: coverage.columns,
        accountsChecked: coverage.accounts,
      },
      documents: req.config.documents,
      number: req.number,
    },
    req.outDir,
  );
  // The portal's own 19号 自查报告 of the month beside the 通报 (issue 19).
  return [
    ...files,
    ...(await siteMonthlyReports({ store: req.store, config: req.config, month: req.month, outDir: req.outDir, issuedOn })),
  ];
}

export async function unitReports(req: ReportRequest & { unitId?: string; draft?: boolean; asOf?: string }): Promise<string[]> {
  const run = completeInspections(req.store).find((r) => req.asOf === undefined || r.asOf <= req.asOf);
  if (!run) throw new NoInspectionError(`没有完成的全覆盖检查，未生成整改通知单（数据库 ${req.store.path}）/ no complete inspection`);
  const issuedOn = req.issuedOn ?? run.asOf;
  const unitNames = new Map(req.config.units.map((u) => [u.id, u.name]));
  const findings = listTrackedFindings(req.store, { asOf: run.asOf, unitNames, unitId: req.unitId }).filter(
    (f) => f.lifecycle.phase !== 'rectified',
  );
  const common = {
    county: req.config.county,
    findings,
    deadline: req.deadline ?? defaultDeadline(issuedOn),
    draft: req.draft,
    asOf: run.asOf,
    issuedOn,
    pdf: req.pdf,
    screenshots: (id: string) => req.store.screenshots.get(id),
    documents: req.config.documents,
  };
  if (req.unitId) {
    const unit = unitsOf(req.config).find((u) => u.id === req.unitId)!;
    return writeUnitReport({ ...common, unit, serial: req.config.units.findIndex((u) => u.id === req.unitId) + 1 }, req.outDir);
  }
  return writeAllUnitReports({ ...common, units: unitsOf(req.config) }, req.outDir);
}

export async function annualReport(
  req: ReportRequest & { year: number; asOf: string; scoresFile?: string },
): Promise<{ files: string[]; scores: ReturnType<typeof scoreFromStore> }> {
  const rubric = loadRubricForConfig(req.config, req.year);
  const scores = scoreFromStore(req.store, { config: req.config, rubric, year: req.year, asOf: req.asOf });
  const unitNames = new Map(req.config.units.map((u) => [u.id, u.name]));
  const pending = listTrackedFindings(req.store, { asOf: req.asOf, year: req.year, unitNames }).filter((f) => f.status === 'pending');
  const files = await writeAnnualReport({ scores, rubric, pending, issuedOn: req.issuedOn ?? req.asOf, pdf: req.pdf }, req.outDir);
  return { files, scores };
}
