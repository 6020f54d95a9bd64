import cron, { type ScheduledTask } from 'node-cron';
import {
  beginServiceRun, finishServiceRun, getJobState, markStaleServiceRuns, recordSkippedRun, RunConflictError,
  type ServiceRunRecord, type ServiceTrigger, type Store,
} from '../store/index.ts';
import { lastDueAtOrBefore } from './cron-time.ts';

export interface JobContext {
  trigger: ServiceTrigger;
  dueAt: Date | null;
  resume: boolean; // continue the job's interrupted run instead of starting a new one
}

export interface JobResult {
  outcome: 'complete' | 'failed' | 'interrupted';
  runId?: number | null;
  counts?: Record<string, number>;
  message?: string | null;
}

export interface JobSpec {
  name: string; // 'monthly', 'newmedia', 'recheck'
  label: string; // shown in logs and pages
  cron: string;
  run(ctx: JobContext): Promise<JobResult>;
  /** True when an earlier run of this job was cut off and can be resumed. */
  hasUnfinished?(): boolean;
  /** Jobs without a fixed due period (the re-check queue) run whenever they have work; they are not caught up. */
  hasWork?(): boolean;
}

export interface SchedulerOptions {
  store: Store;
  jobs: JobSpec[];
  timezone: string;
  now?: () => Date;
  log?: (line: string) => void;
}

export type ExecuteOutcome = 'started' | 'skipped' | 'not-due';

/**
 * Runs the service's jobs on their cron schedules. One job at a time (in-process mutex, plus the store's
 * run conflict check for other processes); a trigger that finds another job running is skipped and logged.
 */
export class Scheduler {
  private busy: string | null = null;
  private tasks: ScheduledTask[] = [];
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: SchedulerOptions) {
    this.now = opts.now ?? (() => new Date());
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
  }

  get runningJob(): string | null {
    return this.busy;
  }

  job(name: string): JobSpec {
    const job = this.opts.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    return job;
  }

  /** The scheduled time a job is due for now, or null when its newest due time already ran. */
  dueFor(job: JobSpec, now = this.now()): Date | null {
    const due = lastDueAtOrBefore(job.cron, now, this.opts.timezone);
    if (!due) return null;
    const state = getJobState(this.opts.store, job.name);
    return !state.lastDue || Date.parse(state.lastDue) < due.getTime() ? due : null;
  }

  /**
   * At start and for --once: resumes cut-off runs, then runs each job whose newest due time has not run —
   * once, however many due times were missed while the service was down.
   */
  async runDue(trigger: ServiceTrigger = 'catchup'): Promise<ServiceRunRecord['outcome'][]> {
    markStaleServiceRuns(this.opts.store, this.now().toISOString());
    const outcomes: ServiceRunRecord['outcome'][] = [];
    for (const job of this.opts.jobs) {
      if (job.hasUnfinished?.()) {
        const state = getJobState(this.opts.store, job.name);
        this.log(`[调度] ${job.label}：上次运行未完成，继续执行`);
        outcomes.push(await this.runNow(job, { trigger, dueAt: state.lastDue ? new Date(state.lastDue) : null, resume: true }));
      }
      if (job.hasWork) {
        if (job.hasWork()) outcomes.push(await this.runNow(job, { trigger, dueAt: null, resume: false }));
        continue;
      }
      const due = this.dueFor(job);
      if (due) {
        if (trigger === 'catchup') this.log(`[调度] ${job.label}：计划于 ${due.toISOString()} 的运行未执行，现补做一次`);
        outcomes.push(await this.runNow(job, { trigger, dueAt: due, resume: false }));
      }
    }
    return outcomes;
  }

  /** What a cron tick calls: runs the job for the due time at `firedAt` unless that time already ran. */
  async fire(name: string, firedAt: Date = this.now()): Promise<ExecuteOutcome> {
    const job = this.job(name);
    if (job.hasWork) {
      if (!job.hasWork()) return 'not-due';
      const r = await this.runNow(job, { trigger: 'schedule', dueAt: null, resume: false });
      return r === 'skipped' ? 'skipped' : 'started';
    }
    const due = this.dueFor(job, firedAt);
    if (!due) return 'not-due';
    const r = await this.runNow(job, { trigger: 'schedule', dueAt: due, resume: false });
    return r === 'skipped' ? 'skipped' : 'started';
  }

  /** Runs a job now unless another is running (then records and logs the skip). */
  async runNow(job: JobSpec, ctx: JobContext): Promise<ServiceRunRecord['outcome']> {
    const store = this.opts.store;
    const at = this.now().toISOString();
    const dueAt = ctx.dueAt ? ctx.dueAt.toISOString() : null;
    if (this.busy) {
      const message = `${this.jobLabel(this.busy)}正在运行，本次${job.label}触发已跳过`;
      this.log(`[调度] 跳过 ${job.label}（${ctx.trigger}${dueAt ? `，计划 ${dueAt}` : ''}）：${message}`);
      recordSkippedRun(store, { job: job.name, trigger: ctx.trigger, dueAt, at, message });
      return 'skipped';
    }
    this.busy = job.name;
    const id = beginServiceRun(store, { job: job.name, trigger: ctx.trigger, dueAt, startedAt: at });
    this.log(`[调度] 开始 ${job.label}（${ctx.trigger}${dueAt ? `，计划 ${dueAt}` : ''}）`);
    try {
      const result = await job.run(ctx);
      finishServiceRun(store, id, { ...result, finishedAt: this.now().toISOString() });
      this.log(`[调度] ${job.label}结束：${result.outcome}${result.message ? `，${result.message}` : ''}`);
      return result.outcome;
    } catch (err) {
      const conflict = err instanceof RunConflictError;
      const message = err instanceof Error ? err.message : String(err);
      finishServiceRun(store, id, { outcome: conflict ? 'skipped' : 'failed', finishedAt: this.now().toISOString(), message });
      this.log(`[调度] ${job.label}${conflict ? '跳过（另一进程正在检查）' : '失败'}：${message}`);
      return conflict ? 'skipped' : 'failed';
    } finally {
      this.busy = null;
    }
  }

  /** Starts the cron timers (node-cron, in the configured time zone). */
  start(): void {
    for (const job of this.opts.jobs) {
      const task = cron.schedule(job.cron, (ctx) => { void this.fire(job.name, ctx.date); }, { timezone: this.opts.timezone, name: `zwgk-${job.name}` });
      this.tasks.push(task);
    }
  }

  async stop(): Promise<void> {
    for (const t of this.tasks) await t.destroy();
    this.tasks = [];
  }

  private jobLabel(name: string): string {
    return this.opts.jobs.find((j) => j.name === name)?.label ?? name;
  }
}
