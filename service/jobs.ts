import { join } from 'node:path';
import { inspectCounty, inspectNewMedia, inspectUnitAgain, preflightInspection } from '../inspection/index.ts';
import { findResumableRun, nextQueuedRecheck, RunConflictError, updateRecheck, type RecheckRecord } from '../store/index.ts';
import type { RunStats } from '../model/index.ts';
import type { JobResult, JobSpec } from './scheduler.ts';
import type { ServiceContext } from './context.ts';
import { generateRunReports } from './reports.ts';
import { notifyRecheckResult } from '../notify/index.ts';

function countsOf(stats: RunStats, extra: Record<string, number>): Record<string, number> {
  return {
    units: stats.units ?? 0,
    unitsDone: stats.unitsDone ?? 0,
    unitsUnreachable: stats.unitsUnreachable ?? 0,
    pagesFetched: stats.pagesFetched ?? 0,
    ...extra,
  };
}

/** 每月全覆盖检查: crawl all units, run the checks, then write the month's reports. Resumes a cut-off run. */
function monthlyJob(ctx: ServiceContext): JobSpec {
  return {
    name: 'monthly',
    label: '每月全覆盖检查',
    cron: ctx.config.schedule.monthly,
    hasUnfinished: () => findResumableRun(ctx.store, 'inspection') !== null,
    run: async ({ resume }): Promise<JobResult> => {
      const asOf = ctx.asOf();
      preflightInspection(ctx.config, ctx.configPath, { asOf, outDir: join(ctx.outDir, 'inspections', asOf) });
      let reports: string[] = [];
      // the reports are the run's last step: a crash while writing them leaves the run resumable at that step
      const outcome = await inspectCounty({
        config: ctx.config,
        configPath: ctx.configPath,
        asOf,
        dbPath: ctx.dbPath,
        outDir: join(ctx.outDir, 'inspections', asOf),
        resume,
        log: ctx.log,
        reports: async (runId) => {
          reports = await generateRunReports(ctx, runId);
        },
      });
      if (outcome.status !== 'complete') {
        return {
          outcome: outcome.status,
          runId: outcome.runId,
          counts: countsOf(outcome.stats, {}),
          message: '检查未完成，下次启动时继续',
        };
      }
      const deductions = outcome.findings.filter((f) => f.kind === 'deduction').length;
      return {
        outcome: 'complete',
        runId: outcome.runId,
        counts: countsOf(outcome.stats, { findings: outcome.findings.length, deductions, reports: reports.length }),
      };
    },
  };
}

/** 每周新媒体更新检查: reads every account's feed only and records the newmedia.* findings. */
function newMediaJob(ctx: ServiceContext): JobSpec {
  return {
    name: 'newmedia',
    label: '每周新媒体检查',
    cron: ctx.config.schedule.newMediaWeekly,
    hasUnfinished: () => findResumableRun(ctx.store, 'newmedia') !== null,
    run: async ({ resume }): Promise<JobResult> => {
      const { crawl: result, findings } = await inspectNewMedia({
        store: ctx.store,
        config: ctx.config,
        configPath: ctx.configPath,
        asOf: ctx.asOf(),
        resume,
        rubric: ctx.rubric,
      });
      if (!findings) return { outcome: result.status, runId: result.run.id, counts: countsOf(result.stats, {}) };
      return { outcome: 'complete', runId: result.run.id, counts: countsOf(result.stats, { findings: findings.length }) };
    },
  };
}

/**
 * A unit's 自查 or the re-check after an 已整改 claim: crawls and checks that unit's columns as a 'selfcheck' run.
 * The finding lifecycle then shows a claimed finding rectified only if this run fetched its page and no longer sees it.
 */
export async function runRecheck(ctx: ServiceContext, recheck: RecheckRecord): Promise<JobResult> {
  const unit = ctx.config.units.find((u) => u.id === recheck.unitId);
  if (!unit) {
    updateRecheck(ctx.store, recheck.id, { state: 'failed', finishedAt: ctx.now().toISOString(), message: '单位不在县配置中' });
    return { outcome: 'failed', message: `单位 ${recheck.unitId} 不在县配置中` };
  }
  updateRecheck(ctx.store, recheck.id, { state: 'running' });
  try {
    const { crawl: result, findings } = await inspectUnitAgain({
      store: ctx.store,
      config: ctx.config,
      configPath: ctx.configPath,
      asOf: ctx.asOf(),
      unitId: unit.id,
    });
    if (!findings) {
      updateRecheck(ctx.store, recheck.id, {
        state: 'failed',
        runId: result.run.id,
        finishedAt: ctx.now().toISOString(),
        message: '复查未完成',
      });
      return { outcome: result.status, runId: result.run.id, counts: countsOf(result.stats, {}) };
    }
    const open = findings.filter((f) => f.kind === 'deduction').length;
    updateRecheck(ctx.store, recheck.id, {
      state: 'done',
      runId: result.run.id,
      finishedAt: ctx.now().toISOString(),
      message: `发现扣分问题 ${open} 条`,
    });
    return { outcome: 'complete', runId: result.run.id, counts: countsOf(result.stats, { findings: findings.length, deductions: open }) };
  } catch (err) {
    // refused because another process holds the store: the request waits in the queue for the retry
    if (err instanceof RunConflictError) updateRecheck(ctx.store, recheck.id, { state: 'queued' });
    else
      updateRecheck(ctx.store, recheck.id, {
        state: 'failed',
        finishedAt: ctx.now().toISOString(),
        message: err instanceof Error ? err.message : String(err),
      });
    throw err;
  }
}

/** Works through the re-check queue, one unit at a time; stops after the current unit when a scheduled inspection is due. */
function recheckJob(ctx: ServiceContext): JobSpec {
  return {
    name: 'recheck',
    label: '整改复查与自查',
    cron: ctx.settings.recheckCron,
    hasWork: () => nextQueuedRecheck(ctx.store) !== null,
    run: async (_job, control): Promise<JobResult> => {
      const counts = { rechecks: 0, failed: 0 };
      let last: JobResult = { outcome: 'complete' };
      for (let r = nextQueuedRecheck(ctx.store); r; r = nextQueuedRecheck(ctx.store)) {
        last = await runRecheck(ctx, r).finally(() => notifyRecheckResult(ctx, r.id));
        counts.rechecks++;
        if (last.outcome !== 'complete') counts.failed++;
        if (control?.shouldYield()) {
          ctx.log('[调度] 有到期的计划检查，复查队列暂停，检查结束后继续');
          break;
        }
      }
      return { outcome: counts.failed ? 'failed' : 'complete', runId: last.runId ?? null, counts };
    },
  };
}

export function serviceJobs(ctx: ServiceContext): JobSpec[] {
  return [monthlyJob(ctx), newMediaJob(ctx), recheckJob(ctx)];
}
