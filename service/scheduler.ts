import cron, { type ScheduledTask } from 'node-cron';
import {
  beginServiceRun,
  finishServiceRun,
  getJobState,
  markStaleServiceRuns,
  releaseDueSlot,
  RunConflictError,
  type ServiceRunRecord,
  type ServiceTrigger,
  type Store,
} from '../store/index.ts';
import { lastDueAtOrBefore } from './cron-time.ts';

export interface JobContext {
  trigger: ServiceTrigger;
  dueAt: Date | null;
  resume: boolean; // continue the job's interrupted run instead of starting a new one
}

/** What a running job may ask the scheduler: whether other due work is waiting (a queue job then stops after its current item). */
interface JobControl {
  shouldYield(): boolean;
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
  run(ctx: JobContext, control?: JobControl): Promise<JobResult>;
  /** True when an earlier run of this job was cut off and can be resumed. */
  hasUnfinished?(): boolean;
  /** Jobs without a fixed due period (the re-check queue) run whenever they have work; they are not caught up. */
  hasWork?(): boolean;
}

interface SchedulerOptions {
  store: Store;
  jobs: JobSpec[];
  timezone: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** How long a run refused because another process holds the store waits before it is tried again (default 10 min). */
  retryMs?: number;
  /** How often the timer looks for due work that is waiting (default 1 min). */
  tickMs?: number;
}

type ExecuteOutcome = 'started' | 'waiting' | 'not-due';

/**
 * Runs the service's jobs on their cron schedules. One job at a time (in-process mutex, plus the store's
 * run conflict check for other processes). A trigger that finds another job running waits and runs as soon
 * as that job ends; a run refused because another process holds the store keeps its due time and is retried.
 */
export class Scheduler {
  private busy: string | null = null;
  private tasks: ScheduledTask[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly waiting = new Set<string>();
  private readonly retryAfter = new Map<string, number>(); // job -> epoch ms before which a refused run is not retried
  private draining: Promise<void> = Promise.resolve();
  private stopped = false;
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
  async runDue(trigger: ServiceTrigger = 'catchup'): Promise<(ServiceRunRecord['outcome'] | 'waiting')[]> {
    markStaleServiceRuns(this.opts.store, this.now().toISOString());
    const outcomes: (ServiceRunRecord['outcome'] | 'waiting')[] = [];
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
      return r === 'waiting' ? 'waiting' : 'started';
    }
    const due = this.dueFor(job, firedAt);
    if (!due) return 'not-due';
    const r = await this.runNow(job, { trigger: 'schedule', dueAt: due, resume: false });
    return r === 'waiting' ? 'waiting' : 'started';
  }

  /**
   * What the timer calls every minute: runs due work that is waiting — a run that found the service busy, or
   * one refused because another process held the store once its retry time has come. Does nothing while busy.
   */
  async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    const now = this.now();
    for (const job of this.opts.jobs) {
      if (this.busy) return;
      if ((this.retryAfter.get(job.name) ?? 0) > now.getTime()) continue;
      if (job.hasWork) {
        if (this.waiting.has(job.name) && job.hasWork()) await this.runNow(job, { trigger: 'schedule', dueAt: null, resume: false });
        this.waiting.delete(job.name);
        continue;
      }
      const due = this.dueFor(job, now);
      if (due) await this.runNow(job, { trigger: 'schedule', dueAt: due, resume: false });
      this.waiting.delete(job.name);
    }
  }

  /** Resolves when no job is running and nothing that waited for the last one is still to start. */
  async idle(): Promise<void> {
    await this.draining;
  }

  /** Runs a job now; when another is running it waits and runs as soon as that one ends. */
  async runNow(job: JobSpec, ctx: JobContext): Promise<ServiceRunRecord['outcome'] | 'waiting'> {
    const store = this.opts.store;
    const at = this.now().toISOString();
    const dueAt = ctx.dueAt ? ctx.dueAt.toISOString() : null;
    if (this.busy) {
      if (!this.waiting.has(job.name)) {
        this.log(
          `[调度] ${job.label}（${ctx.trigger}${dueAt ? `，计划 ${dueAt}` : ''}）等待：${this.jobLabel(this.busy)}正在运行，结束后立即执行`,
        );
      }
      this.waiting.add(job.name);
      return 'waiting';
    }
    this.busy = job.name;
    this.waiting.delete(job.name);
    const previousDue = getJobState(store, job.name).lastDue;
    const id = beginServiceRun(store, { job: job.name, trigger: ctx.trigger, dueAt, startedAt: at });
    this.log(`[调度] 开始 ${job.label}（${ctx.trigger}${dueAt ? `，计划 ${dueAt}` : ''}）`);
    const control: JobControl = { shouldYield: () => this.otherWorkDue(job) };
    try {
      const result = await job.run(ctx, control);
      finishServiceRun(store, id, { ...result, finishedAt: this.now().toISOString() });
      this.log(`[调度] ${job.label}结束：${result.outcome}${result.message ? `，${result.message}` : ''}`);
      return result.outcome;
    } catch (err) {
      const conflict = err instanceof RunConflictError;
      const message = err instanceof Error ? err.message : String(err);
      const retryMs = this.opts.retryMs ?? 600_000;
      if (conflict) {
        // the run never started: its due time is still owed
        if (dueAt) releaseDueSlot(store, job.name, dueAt, previousDue);
        this.retryAfter.set(job.name, this.now().getTime() + retryMs);
      }
      finishServiceRun(store, id, {
        outcome: conflict ? 'skipped' : 'failed',
        finishedAt: this.now().toISOString(),
        message: conflict ? `另一进程正在使用数据库，${Math.round(retryMs / 60_000)} 分钟后重试：${message}` : message,
      });
      this.log(
        `[调度] ${job.label}${conflict ? `暂缓（另一进程正在检查），${Math.round(retryMs / 60_000)} 分钟后重试` : '失败'}：${message}`,
      );
      return conflict ? 'skipped' : 'failed';
    } finally {
      this.busy = null;
      if (this.waiting.size > 0) this.drainSoon();
    }
  }

  private drainSoon(): void {
    this.draining = this.draining
      .then(() => this.tick())
      .catch((err) => this.log(`[调度] ${err instanceof Error ? err.message : String(err)}`));
  }

  /** True when a job other than `current` is waiting, or a job with a due time has one not yet run. */
  private otherWorkDue(current: JobSpec): boolean {
    const now = this.now();
    return this.opts.jobs.some(
      (j) =>
        j.name !== current.name &&
        !j.hasWork &&
        (this.waiting.has(j.name) || (this.dueFor(j, now) !== null && (this.retryAfter.get(j.name) ?? 0) <= now.getTime())),
    );
  }

  /** Starts the cron timers (node-cron, in the configured time zone) and the minute timer for waiting work. */
  start(): void {
    this.stopped = false;
    for (const job of this.opts.jobs) {
      const task = cron.schedule(
        job.cron,
        (ctx) => {
          void this.fire(job.name, ctx.date);
        },
        { timezone: this.opts.timezone, name: `zwgk-${job.name}` },
      );
      this.tasks.push(task);
    }
    this.timer = setInterval(() => this.drainSoon(), this.opts.tickMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.tasks) await t.destroy();
    this.tasks = [];
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private jobLabel(name: string): string {
    return this.opts.jobs.find((j) => j.name === name)?.label ?? name;
  }
}
