// `zwgk rubric` prints the rubric and, on stderr, what the loader flagged without refusing the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT, runCli } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-cli-rubric-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zwgk rubric', () => {
  it('names each loader warning with the file and place, and keeps --json output parseable', () => {
    const doc = parseDocument(readFileSync(join(ROOT, 'config/rubrics/2023.yaml'), 'utf8'));
    doc.setIn(['classes', 'A', 'rows', 16, 'bonus', 'cap'], 7); // 解读咨询回应 weighs 12: a cap of 7 is above half of it
    const file = join(dir, 'big-bonus.yaml');
    writeFileSync(file, doc.toString());
    const { code, stdout, stderr } = runCli(['rubric', '--file', file, '--class', 'A', '--json']);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /注意：考核细则 .*big-bonus\.yaml 的 classes\.A\.rows\[#17 consultation\]\.bonus\.cap（第 \d+ 行 \/ line \d+）：/,
    );
    expect(stderr).toContain('50%');
    expect(Array.isArray(JSON.parse(stdout))).toBe(true);
  }, 60_000);

  it('prints no warning for the built-in rubric', () => {
    const { code, stdout, stderr } = runCli(['rubric', '--class', 'B']);
    expect(code).toBe(0);
    expect(stderr).not.toContain('注意');
    expect(stdout).toContain('考核细则与评分表（B类');
  }, 60_000);
});
