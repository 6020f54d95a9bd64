// Every test file gets its own temporary folder (TMPDIR), removed after the file's tests: the tests and the processes
// they start (CLI runs, workers, Chromium) leave nothing behind in the system temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const outer = tmpdir();
const root = mkdtempSync(join(outer, 'zwgk-test-'));
process.env.TMPDIR = root;

afterAll(() => {
  process.env.TMPDIR = outer;
  rmSync(root, { recursive: true, force: true });
});
