// bin/zwgk.js starts node with settings that must be there at start-up (README 内存与规模): at most two malloc arenas
// and a 4 MB semi-space for the main thread, through its `#!/usr/bin/env -S …` line. `npx zwgk` and `npm run demo`
// execute the file itself, so the line has to work as written.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.ts';

const BIN = join(ROOT, 'bin', 'zwgk.js');

describe('the zwgk launcher line', () => {
  it('gives node the malloc-arena limit and the main thread semi-space', () => {
    const line = /^#!(\S+) -S (.+)$/.exec(readFileSync(BIN, 'utf8').split('\n', 1)[0]);
    expect(line).not.toBeNull();
    const probe = 'console.log(JSON.stringify({ arenas: process.env.MALLOC_ARENA_MAX, flags: process.execArgv }))';
    const r = spawnSync(line![1], ['-S', `${line![2]} -e '${probe}'`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const seen = JSON.parse(r.stdout) as { arenas: string; flags: string[] };
    expect(seen.arenas).toBe('2');
    expect(seen.flags).toContain('--max-semi-space-size=4');
  });

  it('runs a command when the file is executed directly, as npx zwgk does', () => {
    const r = spawnSync(BIN, ['rubric', '--class', 'B'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('考核细则与评分表（B类');
  }, 60_000);
});
