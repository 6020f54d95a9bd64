// Each loader mistake of issue 21, with the exact message: file, line, 1-based item with its id, what is wrong.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../checks/index.ts';
import {
  assertRubricReferences,
  ConfigError,
  knownColumnKeys,
  loadCountyConfig,
  loadRubric,
  loadRubricForConfig,
  parseRubric,
} from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { runCli } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-rubric-mistakes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small valid rubric; line 9 is the first row's `- id:`. */
function mini(year: number, row: string[] = []): string {
  return (
    [
      `year: ${year}`, //                       1
      'title: 测试细则', //                      2
      'source: 测试', //                         3
      'classes:', //                             4
      '  乡镇:', //                              5
      '    requiredColumns: [guide]', //         6
      '    rows:', //                            7
      '      # 指标', //                         8
      '      - id: guide', //                    9
      '        level1: 主动公开', //             10
      '        level2: 指南', //                 11
      '        weight: 4', //                    12
      '        deductionText: 有一项扣1分', //    13
      '        method: 网上检查', //             14
      '        mode: web', //                    15
      '        rule: { type: perOccurrence, points: 1, cap: 4 }', // 16
      '        checks: [guide.incomplete]', //   17
      ...row,
    ].join('\n') + '\n'
  );
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

function county(
  sub: string,
  rubric: string,
  units = '  - { id: yishi, name: 猗氏镇政府, class: 乡镇, home: https://example.gov.cn/yishi/ }',
): string {
  const folder = join(dir, sub);
  mkdirSync(join(folder, 'rubrics'), { recursive: true });
  const file = join(folder, 'county.yaml');
  writeFileSync(file, `county: 测试县\nyear: 2023\nrubric: ${rubric}\nunits:\n${units}\n`);
  return file;
}

describe('a relative rubric: path', () => {
  it('is read from the config file’s folder, not the working directory', () => {
    const file = county('rel', 'rubrics/mine.yaml');
    writeFileSync(join(dir, 'rel', 'rubrics', 'mine.yaml'), mini(2023));
    expect(loadRubricForConfig(loadCountyConfig(file)).title).toBe('测试细则');
  });

  it('when missing, the error names the config and the path it was resolved to', () => {
    const file = county('missing', 'rubrics/none.yaml');
    const err = errorOf(() => loadRubricForConfig(loadCountyConfig(file)));
    const full = join(dir, 'missing', 'rubrics', 'none.yaml');
    expect(err.message).toBe(
      `rubrics/none.yaml: rubric: 考核细则文件不存在：按 ${join(dir, 'missing')} 解析为 ${full} / rubric file not found: resolved from ${join(dir, 'missing')} to ${full}（县配置 ${file} 的 rubric: rubrics/none.yaml / named by rubric: in ${file}）`,
    );
  });
});

describe('a rubric for another year', () => {
  it('refuses a 2016 rubric for a 2023 assessment', () => {
    const file = county('year', 'rubrics/old.yaml');
    writeFileSync(join(dir, 'year', 'rubrics', 'old.yaml'), mini(2016));
    expect(errorOf(() => loadRubricForConfig(loadCountyConfig(file))).message).toBe(
      `rubrics/old.yaml: year: 考核细则是 2016 年度的，考核年度是 2023 年 / the rubric is for 2016, the assessment is for 2023（县配置 ${file} 的 rubric: rubrics/old.yaml / named by rubric: in ${file}）`,
    );
  });
});

describe('what the rubric names outside itself', () => {
  const refs = (config?: ReturnType<typeof loadCountyConfig>) => ({ checkIds: CHECK_IDS, columnKeys: knownColumnKeys(), config });

  it('an unknown check id', () => {
    const rubric = parseRubric(mini(2023).replace('checks: [guide.incomplete]', 'checks: [guide.incomplet]'), 'r.yaml');
    expect(errorOf(() => assertRubricReferences(rubric, refs())).message).toBe(
      'r.yaml: classes.乡镇.rows[#1 guide].checks[#1]（第 17 行 / line 17）: 未知的检查项 "guide.incomplet" / unknown check id "guide.incomplet"',
    );
  });

  it('an unknown column key', () => {
    const rubric = parseRubric(mini(2023).replace('requiredColumns: [guide]', 'requiredColumns: [guides]'), 'r.yaml');
    expect(errorOf(() => assertRubricReferences(rubric, refs())).message).toBe(
      'r.yaml: classes.乡镇.requiredColumns[#1]（第 6 行 / line 6）: 未知的栏目 "guides"（见 config/columns.yaml） / unknown column key "guides"',
    );
  });

  it('a responsible name close to a unit’s is an error naming the unit; an absent unit is a warning', () => {
    const config = loadCountyConfig(
      county('resp', 'builtin:2023', ['  - { id: yishi, name: 猗氏镇政府, class: 乡镇, home: https://example.gov.cn/yishi/ }'].join('\n')),
    );
    const near = parseRubric(mini(2023, ['        responsible: [猗氏镇]']), 'r.yaml');
    expect(errorOf(() => assertRubricReferences(near, refs(config))).message).toBe(
      'r.yaml: classes.乡镇.rows[#1 guide].responsible[#1]（第 18 行 / line 18）: 县配置中没有乡镇类单位的编号或名称是 "猗氏镇"，相近的有：猗氏镇政府（yishi）；请写单位编号或完整名称 / no unit of class 乡镇 has id or name "猗氏镇"; near: yishi',
    );
    const absent = parseRubric(mini(2023, ['        responsible: [发改局]']), 'r.yaml');
    expect(assertRubricReferences(absent, refs(config))).toEqual([
      {
        path: 'classes.乡镇.rows[#1 guide].responsible[#1]（第 18 行 / line 18）',
        message:
          '县配置中没有乡镇类单位的编号或名称是 "发改局"，该指标在本县无考核对象 / no unit of class 乡镇 has id or name "发改局": the row scores no unit here',
      },
    ]);
    const byId = parseRubric(mini(2023, ['        responsible: [yishi]']), 'r.yaml');
    expect(assertRubricReferences(byId, refs(config))).toEqual([]);
  });

  it('a unit whose class the rubric does not have', () => {
    const file = county('cls', 'builtin:2023', '  - { id: yishi, name: 猗氏镇政府, class: 街道, home: https://example.gov.cn/yishi/ }');
    const rubric = parseRubric(mini(2023), 'r.yaml');
    expect(errorOf(() => assertRubricReferences(rubric, refs(loadCountyConfig(file)), file)).message).toBe(
      `${file}: units[0].class: 单位“猗氏镇政府”的类别 "街道" 不在考核细则中（可选：乡镇） / class "街道" is not a class of the rubric (乡镇)`,
    );
  });
});

describe('schema errors', () => {
  it('name the line, the 1-based row with its id, and what is wrong', () => {
    const err = errorOf(() =>
      parseRubric(
        mini(2023, [
          '      - id: functions', // 18
          '        level1: 主动公开',
          '        level2: 机构职能',
          '        weight: -2', // 21
          '        method: 网上检查',
          '        mode: online', // 23
          '        rule: { type: once, points: 2 }',
        ]),
        'bad.yaml',
      ),
    );
    expect(err.problems).toEqual([
      { path: 'classes.乡镇.rows[#2 functions].weight（第 21 行 / line 21）', message: '赋分不能为负 / weight must be ≥ 0' },
      {
        path: 'classes.乡镇.rows[#2 functions].mode（第 23 行 / line 23）',
        message:
          '考核方式类别必须是 web | evidence | panel | external | mixed 之一 / mode must be web | evidence | panel | external | mixed',
      },
    ]);
  });

  it('a group range that is not the sum of its children', () => {
    const text = mini(2023)
      .replace('    rows:\n', '    groups:\n      - { id: open, label: 主动公开, min: 0, max: 5 }\n    rows:\n')
      .replace('        level1: 主动公开\n        level2: 指南\n', '        group: open\n');
    expect(errorOf(() => parseRubric(text, 'g.yaml')).message).toBe(
      "g.yaml: classes.乡镇.groups[#1 open]（第 8 行 / line 8）: 指标组“主动公开”范围 0—5 与下级指标范围之和 0—4 不一致 / group range must be the sum of its children's ranges",
    );
  });
});

describe('zwgk score', () => {
  it('prints the loader’s warnings naming file, line and row, and exits 2 on a mistake', () => {
    const file = county('cli', 'rubrics/r.yaml');
    const big = mini(2023, ['        bonus: { points: 1, cap: 3 }']).replace(
      '        level1: 主动公开\n',
      '        level1: 主动公开\n        level1Weight: 4\n',
    );
    writeFileSync(join(dir, 'cli', 'rubrics', 'r.yaml'), big);
    openStore({ dbPath: join(dir, 'cli', 'db.sqlite') }).close(); // score reads an existing store; it never creates one
    const ok = runCli([
      'score',
      '--config',
      file,
      '--as-of',
      '2023-12-31',
      '--out',
      join(dir, 'cli', 'out'),
      '--db',
      join(dir, 'cli', 'db.sqlite'),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain(
      '注意：考核细则 rubrics/r.yaml 的 classes.乡镇.rows[#1 guide].bonus.cap（第 19 行 / line 19）：“指南”加分上限 3 分超过一级指标“主动公开”权重 4 分的 50%（2 分）',
    );
    writeFileSync(join(dir, 'cli', 'rubrics', 'r.yaml'), mini(2016));
    const bad = runCli([
      'score',
      '--config',
      file,
      '--as-of',
      '2023-12-31',
      '--out',
      join(dir, 'cli', 'out'),
      '--db',
      join(dir, 'cli', 'db.sqlite'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rubrics/r.yaml: year: 考核细则是 2016 年度的，考核年度是 2023 年');
  }, 60_000);
});

describe('builtin rubric', () => {
  it('loads for its year; a year with no built-in rubric is named', () => {
    expect(loadRubric('builtin:2023', 2023).year).toBe(2023);
    expect(errorOf(() => loadRubric('builtin:auto', 2016)).message).toBe(
      'config/rubrics/2016.yaml: (根): 没有 2016 年度的内置考核细则 / no built-in rubric for 2016',
    );
  });
});
