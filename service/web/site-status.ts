// What the workspace shows of each configured site (the portal, units with a site of their own): availability this
// week and this month from the stored probes, the failures, the latest 19号 result and its 自查报告 files.
import { dirname } from 'node:path';
import { configuredSites, vetoThreshold, type ConfiguredSite } from '../../config/index.ts';
import { availabilityShare, availabilityWindow, type AvailabilityShare } from '../../checks/index.ts';
import { selfCheck19FileName } from '../../reports/index.ts';
import type { Site19Result } from '../../scoring/index.ts';
import { listProbes, listSiteResults, type ProbeRecord } from '../../store/index.ts';
import { indicatorTableFor } from '../../inspection/index.ts';
import type { ServiceContext } from '../context.ts';
import { listReportFiles, type ReportFile } from '../reports.ts';

export interface AvailabilityPeriod extends AvailabilityShare {
  from: string;
  to: string;
  label: string;
}

export interface SiteStatus {
  site: ConfiguredSite;
  asOf: string;
  week: AvailabilityPeriod;
  month: AvailabilityPeriod;
  probesPerDay: number;
  failures: ProbeRecord[]; // in the week or this month (whichever starts earlier), newest first
  result: { month: string; asOf: string; result: Site19Result } | null; // the latest month scored
  trend: { month: string; verdict: string; deductionScore: number | null }[];
  reports: ReportFile[]; // the latest result's 自查报告 (.docx, .html) from the newest run that wrote it
}

const MONTH_FAILURES_SHOWN = 200;

export function siteList(ctx: ServiceContext): ConfiguredSite[] {
  return configuredSites(ctx.config);
}

/** The latest 自查报告 of the site for that month: the files of the newest run that wrote them. */
function latestReports(files: ReportFile[], site: ConfiguredSite, month: string): ReportFile[] {
  const base = selfCheck19FileName(site.name, month);
  const mine = files.filter(
    (f) => f.runId !== null && (f.path === `run-${f.runId}/site/${base}.docx` || f.path === `run-${f.runId}/site/${base}.html`),
  );
  const newest = Math.max(...mine.map((f) => f.runId!));
  return mine.filter((f) => f.runId === newest).sort((a, b) => a.path.localeCompare(b.path));
}

export function siteStatus(ctx: ServiceContext, site: ConfiguredSite, files: ReportFile[] = listReportFiles(ctx)): SiteStatus {
  const asOf = ctx.asOf();
  const table = indicatorTableFor(ctx.config, dirname(ctx.configPath));
  const vetoShare = vetoThreshold(table, 'site.availability', 'vetoShare').value;
  const warnShare = vetoThreshold(table, 'site.availability', 'warnShare').value;
  const monitorDays = vetoThreshold(table, 'site.availability', 'monitorDays').value;
  const weekWindow = availabilityWindow(asOf, monitorDays);
  const monthWindow = { from: new Date(Date.parse(`${asOf.slice(0, 7)}-01T00:00:00+08:00`)).toISOString(), to: weekWindow.to };
  const from = weekWindow.from < monthWindow.from ? weekWindow.from : monthWindow.from;
  const probes = listProbes(ctx.store, site.id, from, weekWindow.to);
  const period = (w: { from: string; to: string }, label: string): AvailabilityPeriod => ({
    ...availabilityShare(probes, w, vetoShare, warnShare),
    ...w,
    label,
  });
  const results = listSiteResults<Site19Result>(ctx.store, site.id);
  const result = results.at(-1) ?? null;
  return {
    site,
    asOf,
    week: period(weekWindow, `近 ${monitorDays} 天`),
    month: period(monthWindow, `本月（${Number(asOf.slice(5, 7))}月）`),
    probesPerDay: vetoThreshold(table, 'site.availability', 'probesPerDay').value,
    failures: probes
      .filter((p) => !p.ok)
      .reverse()
      .slice(0, MONTH_FAILURES_SHOWN),
    result,
    trend: results.map((r) => ({ month: r.month, verdict: r.result.verdict, deductionScore: r.result.deductionScore })),
    reports: result ? latestReports(files, site, result.month) : [],
  };
}
