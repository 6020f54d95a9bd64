import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CountyConfig } from '../config/index.ts';
import { assessmentWindow } from '../config/index.ts';
import { loadRubric } from '../config/rubric.ts';
import { openStore, loadUnitObservations, saveFindings, type Store, type ErrorClass } from '../store/index.ts';
import { runInspection, captureScreenshots, errorClassLabel, type ProgressSink } from '../crawler/index.ts';
import { runChecks, loadCheckSettings, type Finding } from '../checks/index.ts';
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
}

export interface InspectOutcome {
  runId: number;
  status: 'complete' | 'failed' | 'interrupted';
  findings: Finding[];
  findingsFile: string | null;
  stats: Record<string, unknown>;
  siteResultsFile?: string | null; // site-19hao.json: the 19号 self-check of the configured sites (site:)
}

/** The public findings.json row (issue 2 contract, extended with identity, kind and confidence). */
export function toFindingsJson(findings: Finding[]): unknown[] {
  return findings.map((f) => ({
    id: f.id, unitId: f.unitId, unitName: f.unitName, checkId: f.checkId, indicator: f.indicator, title: f.title, detail: f.detail,
    occurrences: f.occurrences, suggestedPoints: f.suggestedPoints,
    evidence: f.evidence.map((e) => ({ url: e.url, excerpt: e.excerpt, snapshot: e.snapshot, ...(e.screenshot ? { screenshot: e.screenshot } : {}), fetchedAt: e.fetchedAt ?? null })),
    status: f.status, kind: f.kind, confidence: f.confidence, column: f.column, subject: f.subject, monthly: f.monthly, key: f.key,
  }));
}

/** Runs the checks on a stored run's observations and attaches screenshots of the pages that back deductions. */
export async function checkRun(store: Store, runId: number, config: CountyConfig, asOf: string): Promise<Finding[]> {
  const observations = loadUnitObservations(store, runId, config.units.map((u) => u.id));
  const rubric = loadRubric(config.rubric, config.year);
  const settings = loadCheckSettings(config.rules);
  const findings = runChecks({ asOf, window: assessmentWindow(config, asOf), config, rubric, settings }, observations);
  const evidenceUrls = findings.filter((f) => f.kind === 'deduction').flatMap((f) => f.evidence.map((e) => e.url)).filter((u) => /^https?:/.test(u));
  const shots = await captureScreenshots(store, runId, evidenceUrls, config);
  for (const f of findings) for (const e of f.evidence) if (!e.screenshot && shots.has(e.url)) e.screenshot = shots.get(e.url)!;
  saveFindings(store, runId, findings);
  return findings;
}

export async function inspectCounty(opts: InspectOptions): Promise<InspectOutcome> {
  const log = opts.log ?? (() => undefined);
  const store = openStore({ dbPath: opts.dbPath });
  try {
    const result = await runInspection({ store, config: opts.config, configPath: opts.configPath, asOf: opts.asOf, resume: opts.resume, progress: opts.progress });
    log(summaryLine(result.run.id, result.stats));
    if (result.status !== 'complete') {
      return { runId: result.run.id, status: result.status, findings: [], findingsFile: null, stats: result.stats };
    }
    const findings = await checkRun(store, result.run.id, opts.config, result.run.asOf);
    mkdirSync(resolve(opts.outDir), { recursive: true });
    const findingsFile = join(resolve(opts.outDir), 'findings.json');
    writeFileSync(findingsFile, `${JSON.stringify(toFindingsJson(findings), null, 2)}\n`);
    const sites = await inspectSites({
      store, config: opts.config, configDir: dirname(resolve(opts.configPath)), asOf: result.run.asOf, runId: result.run.id, outDir: opts.outDir,
      now: inspectionClock(result.run.asOf),
    });
    for (const r of sites.results) log(siteSummaryLine(r));
    return { runId: result.run.id, status: 'complete', findings, findingsFile, stats: result.stats, siteResultsFile: sites.file };
  } finally {
    store.close();
  }
}

export function summaryLine(runId: number, s: Record<string, unknown>): string {
  const fetch = (s.fetch ?? {}) as { errors?: Record<string, number> };
  const errors = Object.entries(fetch.errors ?? {}).map(([k, v]) => `${errorClassLabel(k as ErrorClass) ?? k} ${v}`).join('，') || '无';
  return `第 ${runId} 次检查：单位 ${s.unitsDone}/${s.units}（首页无法访问 ${s.unitsUnreachable}），抓取页面 ${s.pagesFetched}，` +
    `${(Number(s.bytes ?? 0) / 1048576).toFixed(1)} MB，304 复用 ${s.notModified}，近期已验证未重抓：详情页 ${s.skippedFreshDetails}、未变列表的后续页 ${s.skippedFreshListPages ?? 0}，` +
    `${Number(s.rendersReused ?? 0) > 0 ? `页面未变、沿用上次浏览器渲染 ${s.rendersReused}，` : ''}续跑复用 ${s.reusedFromEarlierAttempt}，错误 ${errors}，用时 ${s.seconds} 秒`;
}
