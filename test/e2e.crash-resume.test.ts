// Issue 15 item 3: a run is complete only when its findings are. A real `zwgk inspect` is killed with SIGKILL at
// moments spread over the whole run (from before the first row to the last step), resumed, and its findings.json
// compared with a clean run's on (unit, check, subject): equal every time.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from './fixtures/fetch/test-server.ts';
import { ROOT } from './helpers/cli.ts';

// 4 by default (the suite stays cheap); ZWGK_CRASH_TRIALS=20 for the issue's 20 of 20
const TRIALS = Number(process.env.ZWGK_CRASH_TRIALS ?? 4);
const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
const rows = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<li><a href="t202311${String(i + 1).padStart(2, '0')}_${i}.html">关于第${i}号文件的通知</a><span>2023-11-${String(i + 1).padStart(2, '0')}</span></li>`,
  ).join('');

let server: TestServer;
afterAll(async () => server?.close());

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => done({ code, stderr }));
  });
}

type KillAt = number | { afterCrawlMs: number };

/**
 * Starts a run and SIGKILLs it: `at: number` after that many ms; `afterCrawlMs` that long after the run is seen
 * past its crawl step (polled every 3 ms), which lands inside checks or the findings step.
 */
function runAndKill(args: string[], dbPath: string, at: KillAt): Promise<void> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
      stdio: 'ignore',
    });
    let timer: NodeJS.Timeout;
    const kill = () => p.kill('SIGKILL');
    if (typeof at === 'number') timer = setTimeout(kill, at);
    else {
      const poll = () => {
        const step = runState(dbPath).split(':')[1];
        if (step && step !== 'crawl') timer = setTimeout(kill, at.afterCrawlMs);
        else timer = setTimeout(poll, 3);
      };
      poll();
    }
    p.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

const identities = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { unitId: string; checkId: string; subject: string }[])
    .map((f) => `${f.unitId}|${f.checkId}|${f.subject}`)
    .sort();

function runState(dbPath: string): string {
  if (!existsSync(dbPath)) return 'no-db';
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const r = db.prepare('SELECT status, step FROM runs ORDER BY id DESC LIMIT 1').get() as { status: string; step: string } | undefined;
      return r ? `${r.status}:${r.step}` : 'no-run';
    } finally {
      db.close();
    }
  } catch {
    return 'no-schema';
  }
}

describe('kill -9 at any moment, resume, same findings', () => {
  it(`${TRIALS} of ${TRIALS} resumed runs end with the clean run's findings`, async () => {
    server = await startServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const m = /^\/(u\d)\/(.*)$/.exec(path);
      let html: string | null = null;
      if (m && m[2] === '')
        html = page('<a href="zn/">政府信息公开指南</a><a href="zc/">政策文件</a><a href="dt/">工作动态</a><a href="gone/">机构职能</a>');
      else if (m && m[2] === 'zn/') html = page('<h1>政府信息公开指南</h1><p>本指南依据条例编制。</p>');
      else if (m && (m[2] === 'zc/' || m[2] === 'dt/')) html = page(`<ul>${rows(6)}</ul>`);
      else if (m && /t2023\d+_\d+\.html$/.test(m[2])) html = page('<h1>通知</h1><p>正文</p>');
      // a little latency, so that kills land inside the crawl as well as before and after it
      setTimeout(() => {
        res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html ?? page('404'));
      }, 20);
    });
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-crash-'));
    try {
      const configFile = join(dir, 'county.yaml');
      writeFileSync(
        configFile,
        `county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, analysisThreads: 0, browser: { screenshots: false } }
units:
${['u1', 'u2', 'u3', 'u4'].map((u, i) => `  - { id: ${u}, name: 单位${i + 1}, class: ${i % 2 ? 'A' : 'B'}, home: ${server.origin}/${u}/ }`).join('\n')}
`,
      );
      const args = (db: string, out: string) => ['inspect', '--config', configFile, '--db', db, '--as-of', '2023-12-15', '--out', out];

      const cleanStarted = Date.now();
      const clean = await run(args(join(dir, 'clean.db'), join(dir, 'clean')));
      const cleanMs = Date.now() - cleanStarted;
      expect(clean.code, clean.stderr).toBe(0);
      const expected = identities(join(dir, 'clean', 'findings.json'));
      const cleanDb = new Database(join(dir, 'clean.db'), { readonly: true });
      const steps = cleanDb.prepare('SELECT step, finished_at FROM run_steps ORDER BY finished_at').all() as {
        step: string;
        finished_at: string;
      }[];
      cleanDb.close();
      expect(steps.map((s) => s.step)).toEqual(['crawl', 'checks', 'findings', 'reports']);
      const checksMs = Date.parse(steps[1].finished_at) - Date.parse(steps[0].finished_at);
      const stepMs = steps
        .slice(1)
        .map((s, k) => `${s.step} ${Date.parse(s.finished_at) - Date.parse(steps[k].finished_at)} ms`)
        .join(', ');
      expect(expected.length).toBeGreaterThan(5);

      const killedAt: string[] = [];
      const timed = Array.from({ length: TRIALS }, (_, i) => i).filter((i) => i % 5 < 3);
      for (let i = 0; i < TRIALS; i++) {
        const db = join(dir, `t${i}.db`);
        const out = join(dir, `t${i}`);
        // three in five at a random moment of their own slice of the whole run (process start, before the first
        // row, to its last step); the others at a random moment after the crawl, inside checks or the findings step
        const slot = timed.indexOf(i);
        const at: KillAt =
          slot >= 0
            ? Math.round((cleanMs * (slot + Math.random())) / timed.length)
            : { afterCrawlMs: Math.round(Math.random() * (checksMs + 5)) };
        await runAndKill(args(db, out), db, at);
        const state = runState(db);
        killedAt.push(`${typeof at === 'number' ? `${at} ms` : `crawl + ${at.afterCrawlMs} ms`} → ${state}`);
        if (state === 'complete:done') {
          // killed after it had finished: nothing to resume, its findings stand
        } else if (state === 'running:crawl' || state === 'running:checks' || state === 'running:findings' || state === 'running:reports') {
          const resumed = await run([...args(db, out), '--resume']);
          expect(resumed.code, `trial ${i} (${state}): ${resumed.stderr}`).toBe(0);
        } else {
          // killed before its run row was written: nothing was started, the office runs it again
          const again = await run(args(db, out));
          expect(again.code, `trial ${i} (${state}): ${again.stderr}`).toBe(0);
        }
        expect(runState(db), `trial ${i}`).toBe('complete:done');
        expect(identities(join(out, 'findings.json')), `trial ${i} killed at ${state}`).toEqual(expected);
      }
      console.log(`clean run ${cleanMs} ms (${stepMs}); ${TRIALS} of ${TRIALS} equal; killed: ${killedAt.join('; ')}`);
      // the kills did land across the run: before the run existed or inside the crawl, and after the crawl
      expect(killedAt.some((k) => /no-db|no-schema|no-run|running:crawl/.test(k))).toBe(true);
      expect(killedAt.some((k) => /running:(checks|findings)/.test(k))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
