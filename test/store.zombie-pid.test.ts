import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, pidAlive, startRun, findResumableRun } from '../store/index.ts';

/** A child of `sleep 5` that has exited and is never reaped: a zombie for five seconds. */
async function zombie(): Promise<{ pid: number; stop: () => void }> {
  const holder = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = await new Promise<number>((res) => holder.stdout.once('data', (d: Buffer) => res(Number(d.toString().trim()))));
  const state = () => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return s[s.lastIndexOf(')') + 2];
    } catch {
      return '?';
    }
  };
  for (let i = 0; i < 100 && state() !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
  expect(state()).toBe('Z');
  return { pid, stop: () => holder.kill('SIGKILL') };
}

describe.runIf(existsSync('/proc/self/stat'))('a zombie process is not alive (issue 15)', () => {
  it('pidAlive is false for a zombie and a run it owned can be resumed', async () => {
    const z = await zombie();
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-zombie-'));
    try {
      expect(pidAlive(process.pid)).toBe(true);
      expect(pidAlive(z.pid)).toBe(false);
      const store = openStore({ dbPath: join(dir, 'z.db') });
      const run = startRun(store, { kind: 'inspection', county: 't', configPath: 'c', configHash: 'h', asOf: '2023-12-15' });
      store.db.prepare('UPDATE runs SET pid = ? WHERE id = ?').run(z.pid, run.id);
      expect(findResumableRun(store)?.id).toBe(run.id);
      // a new run is not refused either: the zombie's run is marked interrupted
      const next = startRun(store, { kind: 'inspection', county: 't', configPath: 'c', configHash: 'h', asOf: '2023-12-15' });
      expect(next.id).toBeGreaterThan(run.id);
      store.close();
    } finally {
      z.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
