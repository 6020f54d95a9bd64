import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, listServiceRuns, getJobState, beginServiceRun, type Store } from '../store/index.ts';
import { Scheduler, type JobSpec, type JobContext } from '../service/scheduler.ts';
import { lastDueAtOrBefore } from '../service/cron-time.ts';

const TZ = 'Asia/Shanghai';
// Shanghai is UTC+8 all year
const sh = (local: string): Date => new Date(`${local}+08:00`);

describe('lastDueAtOrBefore (Asia/Shanghai)', () => {
  it('finds the 1st-of-month 02:00 fire time in Shanghai, not UTC', () => {
    expect(lastDueAtOrBefore('0 2 1 * *', sh('2024-01-15T10:00:00'), TZ)?.toISOString()).toBe(sh('2024-01-01T02:00:00').toISOString());
    expect(lastDueAtOrBefore('0 2 1 * *', sh('2024-01-01T01:59:00'), TZ)?.toISOString()).toBe(sh('2023-12-01T02:00:00').toISOString());
    expect(lastDueAtOrBefore('0 2 1 * *', sh('2024-01-01T02:00:30'), TZ)?.toISOString()).toBe(sh('2024-01-01T02:00:00').toISOString());
  });
  it('handles weekly and stepped expressions', () => {
    // 2024-01-10 is a Wednesday; the Monday before is 01-08
    expect(lastDueAtOrBefore('0 3 * * 1', sh('2024-01-10T12:00:00'), TZ)?.toISOString()).toBe(sh('2024-01-08T03:00:00').toISOString());
    expect(lastDueAtOrBefore('*/15 * * * *', sh('2024-01-10T12:44:00'), TZ)?.toISOString()).toBe(sh('2024-01-10T12:30:00').toISOString());
  });
});

describe('Scheduler with a fake clock', () => {
  let dir: string;
  let store: Store;
  let now: Date;
  let logs: string[];
  let started: JobContext[];

  const monthlyJob = (run?: (ctx: JobContext) => Promise<void>): JobSpec => ({
    name: 'monthly',
    label: '每月全覆盖检查',
    cron: '0 2 1 * *',
    run: async (ctx) => {
      started.push(ctx);
      await run?.(ctx);
      return { outcome: 'complete', runId: started.length, counts: { findings: 3 } };
    },
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zwgk-sched-'));
    store = openStore({ dbPath: join(dir, 't.db') });
    logs = [];
    started = [];
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const scheduler = (jobs: JobSpec[]) => new Scheduler({ store, jobs, timezone: TZ, now: () => now, log: (l) => logs.push(l) });

  it('a due monthly run starts once: at 02:00 on the 1st, and a second tick for the same time does nothing', async () => {
    const s = scheduler([monthlyJob()]);
    now = sh('2023-12-01T02:30:00');
    beginServiceRun(store, {
      job: 'monthly',
      trigger: 'schedule',
      dueAt: sh('2023-12-01T02:00:00').toISOString(),
      startedAt: now.toISOString(),
    });
    now = sh('2024-01-01T01:59:00');
    expect(await s.runDue('catchup')).toEqual([]);
    expect(await s.fire('monthly', now)).toBe('not-due');
    now = sh('2024-01-01T02:00:00');
    expect(await s.fire('monthly', now)).toBe('started');
    expect(await s.fire('monthly', now)).toBe('not-due');
    now = sh('2024-01-01T02:05:00');
    expect(await s.runDue('catchup')).toEqual([]);
    expect(started).toHaveLength(1);
    expect(started[0].dueAt?.toISOString()).toBe(sh('2024-01-01T02:00:00').toISOString());
    const runs = listServiceRuns(store).filter((r) => r.job === 'monthly' && r.outcome === 'complete');
    expect(runs).toHaveLength(1);
    expect(runs[0].counts).toEqual({ findings: 3 });
    expect(runs[0].durationMs).toBe(0);
    expect(getJobState(store, 'monthly').lastDue).toBe(sh('2024-01-01T02:00:00').toISOString());
  });

  it('runs missed while the service was down catch up once, for the newest due time', async () => {
    const s = scheduler([monthlyJob()]);
    now = sh('2023-11-01T02:00:00');
    expect(await s.fire('monthly', now)).toBe('started');
    // down from November to mid-January: December and January were missed
    now = sh('2024-01-15T09:00:00');
    expect(await s.runDue('catchup')).toEqual(['complete']);
    expect(await s.runDue('catchup')).toEqual([]);
    expect(started.map((c) => [c.trigger, c.dueAt?.toISOString()])).toEqual([
      ['schedule', sh('2023-11-01T02:00:00').toISOString()],
      ['catchup', sh('2024-01-01T02:00:00').toISOString()],
    ]);
    expect(logs.some((l) => l.includes('补做一次'))).toBe(true);
  });

  it('an overlapping trigger waits with a log line and runs as soon as the running job ends', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const weekly: JobSpec = {
      name: 'newmedia',
      label: '每周新媒体检查',
      cron: '0 3 * * 1',
      run: async (ctx) => {
        started.push(ctx);
        return { outcome: 'complete' };
      },
    };
    const s = scheduler([monthlyJob(() => gate), weekly]);
    now = sh('2024-01-01T02:00:00'); // a Monday: both jobs are due today
    const first = s.fire('monthly', now);
    expect(s.runningJob).toBe('monthly');
    now = sh('2024-01-01T03:00:00');
    expect(await s.fire('newmedia', now)).toBe('waiting');
    const wait = logs.find((l) => l.includes('等待'));
    expect(wait).toContain('每周新媒体检查');
    expect(wait).toContain('每月全覆盖检查正在运行');
    expect(started).toHaveLength(1);
    release();
    expect(await first).toBe('started');
    await s.idle();
    expect(started.map((c) => c.dueAt?.toISOString())).toEqual([
      sh('2024-01-01T02:00:00').toISOString(),
      sh('2024-01-01T03:00:00').toISOString(),
    ]);
    expect(
      listServiceRuns(store)
        .map((r) => `${r.job}:${r.outcome}`)
        .sort(),
    ).toEqual(['monthly:complete', 'newmedia:complete']);
    expect(await s.runDue('catchup')).toEqual([]);
  });

  it('a run cut off by a crash is marked interrupted at start and resumed', async () => {
    let unfinished = true;
    const job: JobSpec = { ...monthlyJob(), hasUnfinished: () => unfinished };
    const inner = job.run;
    job.run = async (ctx) => {
      unfinished = false;
      return inner(ctx);
    };
    now = sh('2024-01-01T02:00:00');
    beginServiceRun(store, { job: 'monthly', trigger: 'schedule', dueAt: now.toISOString(), startedAt: now.toISOString() });
    now = sh('2024-01-01T05:00:00');
    const s = scheduler([job]);
    expect(await s.runDue('catchup')).toEqual(['complete']);
    expect(started).toEqual([{ trigger: 'catchup', dueAt: sh('2024-01-01T02:00:00'), resume: true }]);
    const outcomes = listServiceRuns(store)
      .map((r) => r.outcome)
      .sort();
    expect(outcomes).toEqual(['complete', 'interrupted']);
  });
});
