// `zwgk rubric check`: what an office runs on the rubric it wrote, before scoring with it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-cli-rubric-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = (name: string): string => readFileSync(join(ROOT, 'config/rubrics/examples', name), 'utf8');

describe('zwgk rubric check', () => {
  it('summarises a sound rubric: classes, rows, groups, the range a clerk compares with the source table', () => {
    const { code, stdout, stderr } = runCli(['rubric', 'check', 'config/rubrics/examples/district-five-level.yaml']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('考核细则 config/rubrics/examples/district-five-level.yaml 检查通过');
    expect(stdout).toContain('9 个指标，11 个指标组，不含加分的得分范围 2—36 分');
    expect(stdout).toContain('等次比例：未规定（不提出等次建议）');
  }, 60_000);

  it('exits 2 naming file, line, row and what is wrong: a group whose range is not its children’s, a check on a checklist', () => {
    const file = join(dir, 'bad.yaml');
    const text = example('district-five-level.yaml')
      .replace('min: 2\n        max: 12.5', 'min: 2\n        max: 13')
      .replace('        responsible: [区统计局]\n', '        responsible: [区统计局]\n        checks: [deptinfo.stale]\n');
    writeFileSync(file, text);
    const lineOf = (needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const { code, stderr } = runCli(['rubric', 'check', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `classes.单位.groups[#6 common]（第 ${lineOf('- id: common')} 行 / line ${lineOf('- id: common')}）: 指标组“各单位共同考核”范围 2—13 与下级指标范围之和 2—12.5 不一致`,
    );
    expect(stderr).toContain(
      `classes.单位.rows[#1 stats.monthly].checks（第 ${lineOf('checks: [deptinfo.stale]')} 行 / line ${lineOf('checks: [deptinfo.stale]')}）: checklist 规则按录入的子项、各期数量或项数计分，不读取检查项的发现`,
    );
  }, 60_000);

  it('with --config: the county’s units are checked against rows per department, and the rubric year against the assessment', () => {
    writeFileSync(join(dir, 'district.yaml'), example('district-five-level.yaml'));
    const config = join(dir, 'county.yaml');
    writeFileSync(
      config,
      [
        'county: 示例区',
        'year: 2023',
        'rubric: district.yaml',
        'units:',
        '  - { id: tjj, name: 区统计局, class: 单位, home: https://example.gov.cn/tjj/ }',
      ].join('\n'),
    );
    const ok = runCli(['rubric', 'check', '--config', config]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(
      /注意：考核细则 district\.yaml 的 classes\.单位\.rows\[#2 poverty\.list\]\.responsible\[#1\]（第 \d+ 行 \/ line \d+）：县配置中没有单位类单位的编号或名称是 "区扶贫办"，该指标在本县无考核对象/,
    );
    writeFileSync(config, readFileSync(config, 'utf8').replace('year: 2023', 'year: 2024'));
    const bad = runCli(['rubric', 'check', '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('district.yaml: year: 考核细则是 2023 年度的，考核年度是 2024 年');
  }, 60_000);
});
