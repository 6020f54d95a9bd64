// A real `zwgk inspect` process is killed mid-run; `zwgk inspect --resume` finishes the same run without
// refetching the units that were already done.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSamplePortal, type SamplePortal } from '../sample/index.ts';
import { SAMPLE_CONFIG_PATH, SAMPLE_PLACEHOLDER_ORIGIN } from '../cli/sample-config.ts';
import { ROOT } from './helpers/cli.ts';

let portal: SamplePortal;
beforeAll(async () => {
  portal = await startSamplePortal({ latencyMs: 15 });
});
afterAll(async () => {
  await portal?.close();
});

function doneCount(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM unit_tasks').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('kill and resume', () => {
  it('a killed inspection is resumed with --resume and finishes without refetching finished units', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-resume-'));
    const configFile = join(dir, 'county.yaml');
    writeFileSync(configFile, readFileSync(SAMPLE_CONFIG_PATH, 'utf8').replaceAll(SAMPLE_PLACEHOLDER_ORIGIN, portal.origin));
    const dbPath = join(dir, 'zwgk.db');
    const args = [
      '--import',
      'tsx',
      join(ROOT, 'cli/main.ts'),
      'inspect',
      '--config',
      configFile,
      '--db',
      dbPath,
      '--as-of',
      '2023-12-15',
      '--out',
      dir,
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CI: '1' }, stdio: 'ignore' });
    const deadline = Date.now() + 120_000;
    while (doneCount(dbPath) < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const killedAt = new Date().toISOString();

    const db = new Database(dbPath, { readonly: true });
    const run = db.prepare('SELECT id, status FROM runs').get() as { id: number; status: string };
    const doneBefore = (db.prepare('SELECT unit_id FROM unit_tasks WHERE run_id = ?').all(run.id) as { unit_id: string }[]).map(
      (r) => r.unit_id,
    );
    db.close();
    expect(run.status).toBe('running'); // the killed process could not mark it
    expect(doneBefore.length).toBeGreaterThanOrEqual(6);
    expect(doneBefore.length).toBeLessThan(41);

    // async: the sample portal answers from this process, so a blocking spawnSync would deadlock
    const resumed = await new Promise<{ status: number | null; stderr: string }>((done) => {
      const p = spawn(process.execPath, [...args, '--resume'], {
        cwd: ROOT,
        env: { ...process.env, CI: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('exit', (status) => done({ status, stderr }));
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/续跑复用 [1-9]/);
    expect(existsSync(join(dir, 'findings.json'))).toBe(true);

    const after = new Database(dbPath, { readonly: true });
    const runs = after.prepare('SELECT id, status FROM runs').all() as { id: number; status: string }[];
    expect(runs).toEqual([{ id: run.id, status: 'complete' }]);
    expect((after.prepare('SELECT COUNT(*) AS n FROM unit_tasks WHERE run_id = ?').get(run.id) as { n: number }).n).toBe(41);
    const refetched = after
      .prepare(
        `SELECT COUNT(*) AS n FROM pages WHERE run_id = ? AND fetched_at > ? AND unit_id IN (${doneBefore.map(() => '?').join(',')})`,
      )
      .get(run.id, killedAt, ...doneBefore) as { n: number };
    expect(refetched.n).toBe(0);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  }, 900_000);
});
