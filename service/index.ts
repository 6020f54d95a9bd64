// Public API of service/: the scheduler and the web workspace of `zwgk serve`.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { CountyConfig } from '../config/index.ts';
import { loadRubricForConfig } from '../config/index.ts';
import { openStore, requeueStaleRechecks, type Store } from '../store/index.ts';
import type { ServiceContext } from './context.ts';
import { lastDueAtOrBefore, zonedDate } from './cron-time.ts';
import { serviceJobs } from './jobs.ts';
import { startProbeLoop } from './probes.ts';
import { Scheduler } from './scheduler.ts';
import { loadServiceSettings } from './settings.ts';
import { createApp } from './web/app.ts';
import { startReminderLoop } from '../notify/index.ts';
import { rectifyDeadline } from './reports.ts';

export type { ServiceContext } from './context.ts';
export { Scheduler, type JobSpec, type JobResult, type JobContext } from './scheduler.ts';
export { lastDueAtOrBefore, isValidCron } from './cron-time.ts';
export { serviceJobs, runRecheck } from './jobs.ts';
export { createApp, type AppOptions } from './web/app.ts';
export { canAccessUnit } from './web/auth.ts';
export { generateRunReports, listReportFiles } from './reports.ts';
export { loadServiceSettings } from './settings.ts';
export { selfcheckRefusal } from './selfcheck-limits.ts';
export { ProbeLoop, probeTimesForDay } from './probe-schedule.ts';

export interface ServiceOptions {
  dbPath: string;
  config: CountyConfig;
  configPath: string;
  outDir: string;
  port?: number; // 0 = any free port
  host?: string; // default 127.0.0.1
  secureCookies?: boolean;
  asOf?: string; // fixed inspection date (demo against the sample portal); default: today in the schedule's time zone
  scheduler?: boolean; // start the cron timers and catch up (default true)
  now?: () => Date;
  log?: (line: string) => void;
}

export interface RunningService {
  url: string;
  port: number;
  ctx: ServiceContext;
  scheduler: Scheduler;
  close(): Promise<void>;
}

export function createServiceContext(opts: ServiceOptions, store: Store): ServiceContext {
  const now = opts.now ?? (() => new Date());
  return {
    store,
    dbPath: opts.dbPath,
    config: opts.config,
    configPath: opts.configPath,
    rubric: loadRubricForConfig(opts.config, opts.config.year),
    settings: loadServiceSettings(),
    outDir: opts.outDir,
    asOf: () => opts.asOf ?? zonedDate(now(), opts.config.schedule.timezone),
    now,
    log: opts.log ?? ((l) => process.stderr.write(`${l}\n`)),
  };
}

function schedulerFor(ctx: ServiceContext): Scheduler {
  return new Scheduler({
    store: ctx.store,
    jobs: serviceJobs(ctx),
    timezone: ctx.config.schedule.timezone,
    now: ctx.now,
    log: ctx.log,
    retryMs: ctx.settings.refusedRetryMinutes * 60_000,
  });
}

/** `zwgk serve --once`: resumes cut-off runs, runs what is due and the re-check queue, then returns. */
export async function runDueOnce(opts: ServiceOptions): Promise<string[]> {
  const store = openStore({ dbPath: opts.dbPath });
  try {
    requeueStaleRechecks(store);
    return await schedulerFor(createServiceContext(opts, store)).runDue('once');
  } finally {
    store.close();
  }
}

/** The 整改 deadline reminders of `zwgk serve`: looked for a minute after start, then hourly; each goes out once. */
export function startServiceReminders(ctx: ServiceContext): { stop(): void } {
  return startReminderLoop(ctx, (asOf) => rectifyDeadline(ctx, asOf));
}

/** Starts the web workspace (and, unless disabled, the scheduler with a catch-up of missed runs). */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const store = openStore({ dbPath: opts.dbPath });
  requeueStaleRechecks(store);
  const ctx = createServiceContext(opts, store);
  const scheduler = schedulerFor(ctx);
  const kickRecheck = (): void => {
    if (!scheduler.runningJob) void scheduler.fire('recheck');
  };
  const app = createApp(ctx, {
    secureCookies: opts.secureCookies ?? false,
    onRecheckQueued: kickRecheck,
    schedule: () => serviceJobs(ctx).map((j) => ({ label: j.label, next: nextFire(j.cron, ctx) })),
  });
  const host = opts.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host }, () => resolveServer(s));
  });
  const port = (server.address() as AddressInfo).port;
  let catchUp: Promise<unknown> = Promise.resolve();
  let probes: ReturnType<typeof startProbeLoop> = null;
  let reminders: ReturnType<typeof startReminderLoop> | null = null;
  if (opts.scheduler ?? true) {
    scheduler.start();
    probes = startProbeLoop(ctx);
    reminders = startServiceReminders(ctx);
    catchUp = scheduler.runDue('catchup').catch((err) => ctx.log(`[调度] 补做失败：${err instanceof Error ? err.message : String(err)}`));
  }
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    ctx,
    scheduler,
    close: async () => {
      await scheduler.stop();
      probes?.stop();
      reminders?.stop();
      await new Promise<void>((r) => server.close(() => r()));
      await catchUp;
      await scheduler.idle();
      store.close();
    },
  };
}

/** The next time after now a cron expression fires, shown in Beijing time. */
function nextFire(expr: string, ctx: ServiceContext): string | null {
  const now = ctx.now();
  const tz = ctx.config.schedule.timezone;
  for (const days of [1, 8, 40]) {
    let next: Date | null = null;
    for (
      let hi = lastDueAtOrBefore(expr, new Date(now.getTime() + days * 86_400_000), tz, days + 1);
      hi && hi > now;
      hi = lastDueAtOrBefore(expr, new Date(hi.getTime() - 60_000), tz, days + 1)
    )
      next = hi;
    if (next) return next.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  }
  return null;
}
