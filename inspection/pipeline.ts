import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CountyConfig, Rubric } from '../config/index.ts';
import { assessmentWindow } from '../config/index.ts';
import { loadRubricForConfig } from '../config/index.ts';
import {
  openStore,
  loadUnitObservations,
  saveFindings,
  loadFindings,
  faultedUnits,
  findResumableRun,
  resumeRun,
  finishStep,
  completeRun,
  type Store,
  type ErrorClass,
  type RunRecord,
  type RunStep,
} from '../store/index.ts';
import { runInspection, captureScreenshots, errorClassLabel, type ProgressSink } from '../crawler/index.ts';
import { runChecks, loadCheckSettings, type Finding } from '../checks/index.ts';
import type { RunStats } from '../model/index.ts';
import { inspectSites, inspectionClock, siteSummaryLine } from './site-selfcheck.ts';

export interface InspectOptions {
  config: CountyConfig;
  configPath: string;
  asOf: string;
  dbPath: string;
  outDir: string;
  resume?: boolean;
  progress?: ProgressSink;
  log?: (line: string) => void;
  /** The run's reports (the service's 通报 and notices): the last step, redone on resume when a crash cut it off. */
  reports?: (runId: number) => Promise<void>;
}

export interface InspectOutcome {
  runId: number;
  status: 'complete' | 'failed' | 'interrupted';
  findings: Finding[];
  findingsFile: string | null;
  stats: RunStats;
  siteResultsFile?: string | null; // site-19hao.json: the 19号 self-check of the configured sites (site:)
}

/** The public findings.json row (issue 2 contract, extended with identity, kind and confidence). */
export function toFindingsJson(findings: Finding[]): unknown[] {
  return findings.map((f) => ({
    id: f.id,
    unitId: f.unitId,
    unitName: f.unitName,
    checkId: f.checkId,
    indicator: f.indicator,
    title: f.title,
    detail: f.detail,
    occurrences: f.occurrences,
    suggestedPoints: f.suggestedPoints,
    evidence: f.evidence.map((e) => ({
      url: e.url,
      excerpt: e.excerpt,
      snapshot: e.snapshot,
      ...(e.screenshot ? { screenshot: e.screenshot } : {}),
      fetchedAt: e.fetchedAt ?? null,
    })),
    status: f.status,
    kind: f.kind,
    confidence: f.confidence,
    confidenceReason: f.confidenceReason ?? null,
    column: f.column,
    subject: f.subject,
    monthly: f.monthly,
    key: f.key,
  }));
}

/** The checks on a stored run's observations, nothing saved (the service's new-media run, scripts/recheck.ts). */
export function findingsOfRun(store: Store, runId: number, config: CountyConfig, asOf: string, rubric?: Rubric): Finding[] {
  // a unit cut off by its budget (or whose home could not be analysed) was not observed: no finding either way
  const faulted = faultedUnits(store, runId);
  const observations = loadUnitObservations(
    store,
    runId,
    config.units.map((u) => u.id).filter((id) => !faulted.has(id)),
  );
  const settings = loadCheckSettings(config.rules);
  const context = {
    asOf,
    window: assessmentWindow(config, asOf),
    config,
    rubric: rubric ?? loadRubricForConfig(config, config.year),
    settings,
  };
  return runChecks(context, observations);
}

/** Runs the checks on a stored run's observations and attaches screenshots of the pages that back deductions. */
export async function checkRun(store: Store, runId: number, config: CountyConfig, asOf: string): Promise<Finding[]> {
  const findings = findingsOfRun(store, runId, config, asOf);
  // a screenshot cannot be masked: no page or attachment that publishes personal numbers is photographed
  const leaking = new Set(findings.filter((f) => f.checkId === 'privacy.exposure').flatMap((f) => f.evidence.map((e) => e.url)));
  const evidenceUrls = findings
    .filter((f) => f.kind === 'deduction')
    .flatMap((f) => f.evidence.map((e) => e.url))
    .filter((u) => /^https?:/.test(u) && !leaking.has(u));
  const shots = await captureScreenshots(store, runId, evidenceUrls, config);
  for (const f of findings) for (const e of f.evidence) if (!e.screenshot && shots.has(e.url)) e.screenshot = shots.get(e.url)!;
  saveFindings(store, runId, findings);
  return findings;
}

const STEP_LABELS: Record<RunStep, string> = {
  crawl: '抓取',
  checks: '检查规则',
  findings: '写出检查结果',
  reports: '生成报告',
  done: '完成',
};

/**
 * crawl → checks → findings → reports, each step recorded in the run: the run is complete only once its findings
 * (and reports, when asked for) are written, and `resume` continues from the step that did not finish.
 */
export async function inspectCounty(opts: InspectOptions): Promise<InspectOutcome> {
  const log = opts.log ?? (() => undefined);
  const store = openStore({ dbPath: opts.dbPath });
  try {
    let run: RunRecord;
    let stats: RunStats;
    const open = opts.resume ? findResumableRun(store, 'inspection') : null;
    if (open && open.step && open.step !== 'crawl') {
      run = resumeRun(store, open.id);
      stats = run.stats;
      log(`第 ${run.id} 次检查的抓取已完成，从"${STEP_LABELS[run.step!]}"继续`);
    } else {
      const result = await runInspection({
        store,
        config: opts.config,
        configPath: opts.configPath,
        asOf: opts.asOf,
        resume: opts.resume,
        progress: opts.progress,
        finish: false,
      });
      log(summaryLine(result.run.id, result.stats));
      if (result.status !== 'complete') {
        return { runId: result.run.id, status: result.status, findings: [], findingsFile: null, stats: result.stats };
      }
      run = result.run;
      stats = result.stats;
    }
    const faults = faultedUnits(store, run.id);
    for (const [unitId, why] of faults) log(`单位 ${opts.config.units.find((u) => u.id === unitId)?.name ?? unitId} 本次未能检查：${why}`);
    let step: RunStep = run.step ?? 'checks';
    let findings: Finding[] | null = null;
    if (step === 'checks') {
      findings = await checkRun(store, run.id, opts.config, run.asOf);
      step = finishStep(store, run.id, 'checks');
    }
    findings ??= loadFindings(store, run.id, new Map(opts.config.units.map((u) => [u.id, u.name])));
    mkdirSync(resolve(opts.outDir), { recursive: true });
    const findingsFile = join(resolve(opts.outDir), 'findings.json');
    if (step === 'findings') {
      // written whole or not at all: a crash mid-write leaves no half file under the final name
      writeFileSync(`${findingsFile}.tmp`, `${JSON.stringify(toFindingsJson(findings), null, 2)}\n`);
      renameSync(`${findingsFile}.tmp`, findingsFile);
      step = finishStep(store, run.id, 'findings');
    }
    // the portal's own 19号 self-check (availability, home page, identity …) from its stored site observations
    const sites = await inspectSites({
      store,
      config: opts.config,
      configDir: dirname(resolve(opts.configPath)),
      asOf: run.asOf,
      runId: run.id,
      outDir: opts.outDir,
      now: inspectionClock(run.asOf),
    });
    for (const r of sites.results) log(siteSummaryLine(r));
    if (step === 'reports') await opts.reports?.(run.id);
    completeRun(store, run.id, stats);
    return { runId: run.id, status: 'complete', findings, findingsFile, stats, siteResultsFile: sites.file };
  } finally {
    store.close();
  }
}

export function summaryLine(runId: number, s: RunStats): string {
  const errors =
    Object.entries(s.fetch?.errors ?? {})
      .map(([k, v]) => `${errorClassLabel(k as ErrorClass) ?? k} ${v}`)
      .join('，') || '无';
  return (
    `第 ${runId} 次检查：单位 ${s.unitsDone}/${s.units}（首页无法访问 ${s.unitsUnreachable}），抓取页面 ${s.pagesFetched}，` +
    `${((s.bytes ?? 0) / 1048576).toFixed(1)} MB，304 复用 ${s.notModified}，近期已验证未重抓：详情页 ${s.skippedFreshDetails}、未变列表的后续页 ${s.skippedFreshListPages ?? 0}，` +
    `${(s.rendersReused ?? 0) > 0 ? `页面未变、沿用上次浏览器渲染 ${s.rendersReused}，` : ''}续跑复用 ${s.reusedFromEarlierAttempt}，错误 ${errors}，用时 ${s.seconds} 秒`
  );
}
