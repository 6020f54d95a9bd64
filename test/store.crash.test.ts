import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openStore,
  integrityCheck,
  getRun,
  findResumableRun,
  startRun,
  finishRun,
  RunConflictError,
  saveUnitObservations,
  doneUnits,
} from '../store/index.ts';
import { ROOT } from './helpers/cli.ts';

const WRITER = `
import { openStore, startRun, recordPage, saveUnitObservations } from '${ROOT}/store/index.ts';
const store = openStore({ dbPath: process.argv[2] });
const run = startRun(store, { kind: 'inspection', county: 't', configPath: 'c', configHash: 'h', asOf: '2023-12-15' });
process.stdout.write('run ' + run.id + '\\n');
let i = 0;
// bounded, so that a writer the test fails to kill stops by itself instead of filling the disk
while (i < 3000) {
  const unitId = 'u' + (i++);
  const items = Array.from({ length: 200 }, (_, k) => ({ title: '标题' + k, url: 'http://x/' + unitId + '/' + k, date: '2023-12-01', dateSource: 'list', pinned: false }));
  for (let k = 0; k < 20; k++) recordPage(store, { runId: run.id, unitId, role: 'detail', columnKey: 'policies', url: 'http://x/' + unitId + '/p' + k, finalUrl: 'http://x/', ok: true, status: 200, errorClass: null, errorPermanent: null, errorMessage: null, contentType: 'text/html', encoding: 'utf-8', contentHash: null, bytes: 10, notModified: false, rendered: false, screenshot: null, attempts: 1, fetchedAt: new Date().toISOString() });
  saveUnitObservations(store, run.id, unitId, { columns: [{ runId: run.id, unitId, columnKey: 'policies', label: null, url: null, source: 'discovered', status: 'ok', pagesRead: 1, totalPagesSeen: 1, items, placeholder: null, rendered: false, contentHash: null, note: null, observedAt: new Date().toISOString() }], details: [], links: [], feeds: [] });
  if (i === 5) process.stdout.write('writing\\n');
}
process.exit(3);
`;

describe('store durability', () => {
  it('survives a process killed mid-write: integrity ok, run not complete, resumable, finished units intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-crash-'));
    const dbPath = join(dir, 'z.db');
    const script = join(dir, 'writer.ts');
    writeFileSync(script, WRITER);
    // one process (node --import tsx), so the kill hits the writer itself
    const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let endedBy: NodeJS.Signals | null = null;
    await new Promise<void>((resolveWait, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('writing')) setTimeout(() => child.kill('SIGKILL'), 150);
      });
      child.on('exit', (_code, signal) => {
        endedBy = signal;
        resolveWait();
      });
      child.on('error', reject);
    });
    expect(endedBy, 'the writer was killed mid-write, not finished').toBe('SIGKILL');
    const runId = Number(/run (\d+)/.exec(out)![1]);
    const store = openStore({ dbPath });
    try {
      expect(integrityCheck(store)).toBe('ok');
      expect(getRun(store, runId)!.status).not.toBe('complete');
      const resumable = findResumableRun(store);
      expect(resumable?.id).toBe(runId);
      const done = doneUnits(store, runId);
      expect(done.size).toBeGreaterThanOrEqual(5);
      // every unit marked done has its observations: the unit write is all-or-nothing
      const counts = store.db.prepare('SELECT unit_id, COUNT(*) AS n FROM column_obs WHERE run_id = ? GROUP BY unit_id').all(runId) as {
        unit_id: string;
        n: number;
      }[];
      expect(new Set(counts.map((c) => c.unit_id))).toEqual(done);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a second live run on the same database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-lock-'));
    const store = openStore({ dbPath: join(dir, 'z.db') });
    const run = startRun(store, { kind: 'inspection', county: 't', configPath: 'c', configHash: 'h', asOf: '2023-12-15' });
    // simulate another live process owning the run
    store.db.prepare('UPDATE runs SET pid = ? WHERE id = ?').run(process.ppid, run.id);
    expect(() => startRun(store, { kind: 'inspection', county: 't', configPath: 'c', configHash: 'h', asOf: '2023-12-15' })).toThrow(
      RunConflictError,
    );
    finishRun(store, run.id, 'complete', {});
    const next = startRun(store, { kind: 'inspection', county: 't', configPath: 'c', configHash: 'h', asOf: '2023-12-15' });
    expect(next.id).toBeGreaterThan(run.id);
    saveUnitObservations(store, next.id, 'u1', { columns: [], details: [], links: [], feeds: [] });
    expect(doneUnits(store, next.id).has('u1')).toBe(true);
    store.close();
  });
});
