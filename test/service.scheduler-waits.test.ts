import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, listServiceRuns, getJobState, RunConflictError, type Store } from '../store/index.ts';
import { Scheduler, type JobSpec, type JobContext } from '../service/scheduler.ts';

const TZ = 'Asia/Shanghai';
const sh = (local: string): Date => new Date(`${local}+08:00`);

describe('Scheduler: due work is never lost to a busy service or a held store (fake clock)', () => {
  let dir: string;
  let store: Store;
  let now: Date;
  let logs: string[];
  let monthlyStarts: JobContext[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zwgk-sched-wait-'));
    store = openStore({ dbPath: join(dir, 't.db') });
    logs = [];
    monthlyStarts = [];
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const scheduler = (jobs: JobSpec[]) =>
    new Scheduler({ store, jobs, timezone: TZ, now: () => now, log: (l) => logs.push(l), retryMs: 10 * 60_000 });
  const monthly = (run?: () => Promise<void>): JobSpec => ({
    name: 'monthly',
    label: '每月全覆盖检查',
    cron: '0 2 1 * *',
    run: async (ctx) => {
      monthlyStarts.push(ctx);
      await run?.();
      return { outcome: 'complete' };
    },
  });

  it('a monthly run that finds a 自查 running at 02:00 runs when it ends; the 自查 queue stops after its current unit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const queue = ['u1', 'u2', 'u3'];
    const checked: string[] = [];
    const recheck: JobSpec = {
      name: 'recheck',
      label: '整改复查与自查',
      cron: '*/5 * * * *',
      hasWork: () => queue.length > 0,
      run: async (_ctx, control) => {
        while (queue.length) {
          const unit = queue.shift()!;
          if (unit === 'u1') await gate; // the first unit's crawl is still going at 02:00
          checked.push(unit);
          if (control?.shouldYield()) break;
        }
        return { outcome: 'complete' };
      },
    };
    const s = scheduler([monthly(), recheck]);
    now = sh('2024-01-01T01:55:00');
    // the December run is done; January's is due at 02:00
    store.db.prepare("INSERT INTO job_state (job, last_due) VALUES ('monthly', ?)").run(sh('2023-12-01T02:00:00').toISOString());
    const selfcheck = s.fire('recheck', now);
    expect(s.runningJob).toBe('recheck');
    now = sh('2024-01-01T02:00:00');
    expect(await s.fire('monthly', now)).toBe('waiting');
    expect(monthlyStarts).toHaveLength(0);
    now = sh('2024-01-01T02:07:00');
    release();
    await selfcheck;
    await s.idle();
    expect(checked).toEqual(['u1']); // u2 and u3 wait for the next queue run
    expect(monthlyStarts).toHaveLength(1);
    expect(monthlyStarts[0].dueAt?.toISOString()).toBe(sh('2024-01-01T02:00:00').toISOString());
    expect(getJobState(store, 'monthly').lastDue).toBe(sh('2024-01-01T02:00:00').toISOString());
    expect(listServiceRuns(store).some((r) => r.outcome === 'skipped')).toBe(false);
  });

  it('a run refused because another process holds the store stays due and is retried after the back-off', async () => {
    let held = true;
    const job: JobSpec = {
      name: 'monthly',
      label: '每月全覆盖检查',
      cron: '0 2 1 * *',
      run: async (ctx) => {
        if (held) throw new RunConflictError(7, 4242);
        monthlyStarts.push(ctx);
        return { outcome: 'complete' };
      },
    };
    const s = scheduler([job]);
    now = sh('2024-01-01T02:00:00');
    await s.fire('monthly', now);
    expect(monthlyStarts).toHaveLength(0);
    // the due slot is not used up
    expect(s.dueFor(job, now)?.toISOString()).toBe(sh('2024-01-01T02:00:00').toISOString());
    expect(getJobState(store, 'monthly').lastDue).toBeNull();
    expect(logs.some((l) => l.includes('10 分钟后重试'))).toBe(true);
    // within the back-off nothing is tried, even though the store is free again
    held = false;
    now = sh('2024-01-01T02:05:00');
    await s.tick();
    expect(monthlyStarts).toHaveLength(0);
    now = sh('2024-01-01T02:11:00');
    await s.tick();
    expect(monthlyStarts).toHaveLength(1);
    expect(monthlyStarts[0].dueAt?.toISOString()).toBe(sh('2024-01-01T02:00:00').toISOString());
    expect(getJobState(store, 'monthly').lastDue).toBe(sh('2024-01-01T02:00:00').toISOString());
    await s.tick();
    expect(monthlyStarts).toHaveLength(1);
    expect(
      listServiceRuns(store)
        .map((r) => r.outcome)
        .sort(),
    ).toEqual(['complete', 'skipped']);
  });

  it('a refused run keeps an older due time it was owed', async () => {
    const s = scheduler([
      {
        ...monthly(),
        run: async () => {
          throw new RunConflictError(1, 99);
        },
      },
    ]);
    store.db.prepare("INSERT INTO job_state (job, last_due) VALUES ('monthly', ?)").run(sh('2023-12-01T02:00:00').toISOString());
    now = sh('2024-01-01T02:00:00');
    await s.fire('monthly', now);
    expect(getJobState(store, 'monthly').lastDue).toBe(sh('2023-12-01T02:00:00').toISOString());
  });
});
