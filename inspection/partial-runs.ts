// Runs narrower than the county's monthly inspection: the weekly new-media check and a unit's 自查 / 已整改 re-check.
import type { CountyConfig, Rubric } from '../config/index.ts';
import { runInspection, type InspectionResult } from '../crawler/index.ts';
import { saveFindings, type Store } from '../store/index.ts';
import type { Finding } from '../model/index.ts';
import { checkRun, findingsOfRun } from './pipeline.ts';
import { preflightInspection } from './preflight.ts';

export interface PartialRunOptions {
  store: Store;
  config: CountyConfig;
  configPath: string;
  asOf: string;
  resume?: boolean;
  rubric?: Rubric;
}

export interface PartialRunOutcome {
  crawl: InspectionResult;
  /** null when the crawl did not complete (nothing was checked). */
  findings: Finding[] | null;
}

/** 每周新媒体检查: the feeds of the units with accounts, then only the newmedia.* findings are recorded. */
export async function inspectNewMedia(opts: PartialRunOptions): Promise<PartialRunOutcome> {
  const config = { ...opts.config, units: opts.config.units.filter((u) => (u.newMedia ?? []).length > 0) };
  preflightInspection(config, opts.configPath, { asOf: opts.asOf });
  const crawl = await runInspection({ ...opts, config, kind: 'newmedia' });
  if (crawl.status !== 'complete') return { crawl, findings: null };
  const findings = findingsOfRun(opts.store, crawl.run.id, config, crawl.run.asOf, opts.rubric).filter((f) =>
    f.checkId.startsWith('newmedia.'),
  );
  saveFindings(opts.store, crawl.run.id, findings);
  return { crawl, findings };
}

/** A unit's 自查 or the re-check after an 已整改 claim: that unit crawled and checked as a 'selfcheck' run. */
export async function inspectUnitAgain(opts: PartialRunOptions & { unitId: string }): Promise<PartialRunOutcome> {
  const config = { ...opts.config, units: opts.config.units.filter((u) => u.id === opts.unitId) };
  preflightInspection(config, opts.configPath, { asOf: opts.asOf });
  const crawl = await runInspection({ ...opts, config, kind: 'selfcheck', resume: false });
  if (crawl.status !== 'complete') return { crawl, findings: null };
  return { crawl, findings: await checkRun(opts.store, crawl.run.id, config, crawl.run.asOf) };
}
