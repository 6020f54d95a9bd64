// The compiled build (dist/, what `npm install` leaves) runs the real commands through bin/zwgk.js without the
// TypeScript loader: data files are found, the worker threads load their compiled modules, the results match the
// sample portal's ground truth. CI reaches the compiled path only here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIsFresh, ensureFreshBuild } from '../scripts/build-state.mjs';
import { ROOT } from './helpers/cli.ts';

function zwgk(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'zwgk.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, CI: '1', ZWGK_REQUIRE_COMPILED: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => ensureFreshBuild(ROOT), 300_000);

describe('compiled build', () => {
  it('leaves dist/ newer than every source, with the data files the code reads', () => {
    expect(buildIsFresh(ROOT)).toBe(true);
    expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist', 'config', 'rubrics', '2023.yaml'))).toBe(true);
  });

  it('prints the built-in rubric (YAML read from beside the compiled code)', () => {
    const { code, stdout, stderr } = zwgk(['rubric', '--class', 'B']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('考核细则与评分表（B类');
  }, 60_000);

  it('runs the demo end to end: every planted problem found, no thread fell back', () => {
    const out = mkdtempSync(join(tmpdir(), 'zwgk-compiled-demo-'));
    const { code, stdout, stderr } = zwgk(['demo', '--out', out], out);
    expect(code, stderr).toBe(0);
    // a worker thread that cannot load its compiled module falls back to the main thread with a warning
    expect(stderr).not.toMatch(/线程出错|thread failed|worker failed/);
    const table = readFileSync(join(out, 'precision-recall.txt'), 'utf8');
    const rows = table
      .split('\n')
      .filter((l) => /^[a-z]+\.[a-z-]+\s/.test(l))
      .map((l) => l.trim().split(/\s+/));
    expect(rows.length).toBeGreaterThan(10);
    for (const [check, planted, found, correct, falsePos, missed] of rows) {
      expect({ check, planted, found, correct, falsePos, missed }).toEqual({
        check,
        planted,
        found: planted,
        correct: planted,
        falsePos: '0',
        missed: '0',
      });
    }
    expect(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')).length).toBeGreaterThan(0);
    expect(stdout).toContain('检查结果与示例门户预埋问题对照');
  }, 300_000);
});
