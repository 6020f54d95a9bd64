// Issue 15 item 3: a run is complete only when its findings are. A real `zwgk inspect` is killed with SIGKILL at
// moments spread over the whole run (from before the first row to the last step), resumed, and its findings.json
// compared with a clean run's on (unit, check, subject): equal every time.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Where a kill is aimed: `ms` after the process started, after its run row appeared, or after its crawl step ended. */
interface KillAt {
  after: 'spawn' | 'run' | 'crawl';
  ms: number;
}

/**
 * Starts a run and SIGKILLs it `at.ms` after the moment `at.after` is seen (the database polled every 3 ms). Kills
 * are aimed at the run's own progress, not at the clock since it was spawned: under load the start-up alone (tsx,
 * module loading) took 19 s of a 22 s clean run, and kills timed from the spawn all landed before the database existed.
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
    const reached = (): boolean => {
      if (at.after === 'spawn') return true;
      const [status, step] = runState(dbPath).split(':');
      if (at.after === 'run') return status === 'running' || status === 'complete';
      return step !== undefined && step !== 'crawl';
    };
    const poll = () => {
      if (reached()) timer = setTimeout(kill, at.ms);
      else timer = setTimeout(poll, 3);
    };
    poll();
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

interface TrialContext {
  dir: string;
  args: (db: string, out: string) => string[];
  expected: string[];
  killedAt: string[];
}

/** One trial: killed at `at`, resumed (or run again), and its findings compared. Returns where the kill landed. */
async function killResumeCompare({ dir, args, expected, killedAt }: TrialContext, name: string, at: KillAt): Promise<string> {
  const db = join(dir, `${name}.db`);
  const out = join(dir, name);
  await runAndKill(args(db, out), db, at);
  const state = runState(db);
  killedAt.push(`${at.after} + ${at.ms} ms → ${state}`);
  if (state === 'complete:done') {
    // killed after it had finished: nothing to resume, its findings stand
  } else if (state === 'running:crawl' || state === 'running:checks' || state === 'running:findings' || state === 'running:reports') {
    const resumed = await run([...args(db, out), '--resume']);
    expect(resumed.code, `trial ${name} (${state}): ${resumed.stderr}`).toBe(0);
  } else {
    // killed before its run row was written: nothing was started, the office runs it again
    const again = await run(args(db, out));
    expect(again.code, `trial ${name} (${state}): ${again.stderr}`).toBe(0);
  }
  expect(runState(db), `trial ${name}`).toBe('complete:done');
  expect(identities(join(out, 'findings.json')), `trial ${name} killed at ${state}`).toEqual(expected);
  return state;
}

/** Four units' sites: a guide, two lists of six documents, a missing column; 20 ms per answer. */
function countyPages(req: IncomingMessage, res: ServerResponse): void {
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
}

describe('kill -9 at any moment, resume, same findings', () => {
  it(`${TRIALS} of ${TRIALS} resumed runs end with the clean run's findings`, async () => {
    server = await startServer(countyPages);
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
      const steps = cleanDb.prepare('SELECT step, finished_at FROM run_steps ORDER BY finished_at, rowid').all() as {
        step: string;
        finished_at: string;
      }[];
      expect(steps.map((s) => s.step)).toEqual(['crawl', 'checks', 'findings', 'reports']);
      const runRow = cleanDb.prepare('SELECT started_at FROM runs').get() as { started_at: string };
      const crawlMs = Date.parse(steps[0].finished_at) - Date.parse(runRow.started_at);
      const checksMs = Date.parse(steps[1].finished_at) - Date.parse(steps[0].finished_at);
      cleanDb.close();
      const stepMs = steps
        .slice(1)
        .map((s, k) => `${s.step} ${Date.parse(s.finished_at) - Date.parse(steps[k].finished_at)} ms`)
        .join(', ');
      expect(expected.length).toBeGreaterThan(5);

      const killedAt: string[] = [];
      const trial = (name: string, at: KillAt) => killResumeCompare({ dir, args, expected, killedAt }, name, at);
      // Of every five trials: one from the process start (most land before the first row), two inside the crawl
      // (after the run row), two after the crawl (inside checks or the findings step). Under load a kill can land
      // later than aimed (the poll is a timer in this busy process): such a trial is still resumed and compared like
      // any other, and its kill is tried again sooner (at most three more times) until it lands where it was aimed.
      const aims: { after: KillAt['after']; window: number; lands: RegExp }[] = [
        { after: 'spawn', window: cleanMs / 2, lands: /no-db|no-schema|no-run|running:crawl/ },
        { after: 'run', window: crawlMs, lands: /running:crawl/ },
        { after: 'run', window: crawlMs, lands: /running:crawl/ },
        { after: 'crawl', window: checksMs + 5, lands: /running:(checks|findings)/ },
        { after: 'crawl', window: checksMs + 5, lands: /running:(checks|findings)/ },
      ];
      for (let i = 0; i < TRIALS; i++) {
        const aim = aims[i % aims.length];
        let window = aim.window;
        for (let attempt = 0; attempt < 4; attempt++) {
          const state = await trial(attempt ? `t${i}-${attempt}` : `t${i}`, { after: aim.after, ms: Math.round(Math.random() * window) });
          if (aim.lands.test(state)) break;
          window = Math.floor(window / 4);
        }
      }
      console.log(`clean run ${cleanMs} ms (${stepMs}); ${killedAt.length} of ${killedAt.length} equal; killed: ${killedAt.join('; ')}`);
      // the kills did land across the run: before the run existed or inside the crawl, and after the crawl
      expect(killedAt.some((k) => /no-db|no-schema|no-run|running:crawl/.test(k))).toBe(true);
      expect(killedAt.some((k) => /running:crawl/.test(k))).toBe(true);
      expect(killedAt.some((k) => /running:(checks|findings)/.test(k))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_800_000); // each trial is two real runs; two CI runs sharing 2 cores made the suite's 600 s a close call
});
