import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it, expect } from 'vitest';
import { parseDocument } from 'yaml';
import {
  ConfigError,
  formatRubricText,
  keyFieldsForUnit,
  loadRubric,
  parseRubric,
  rowsForCheck,
  rowsForUnit,
  rubricAsJson,
} from '../config/index.ts';

const builtinText = readFileSync(new URL('../config/rubrics/2023.yaml', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'zwgk-rubric-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built-in YAML with one edit applied at a path, written to a temp file. */
function variant(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(builtinText);
  edit(doc);
  const file = join(dir, name);
  writeFileSync(file, doc.toString());
  return file;
}

function problemsOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadRubric', () => {
  it('resolves builtin:auto through the year and builtin:<year> directly', () => {
    expect(loadRubric('builtin:auto', 2023).year).toBe(2023);
    expect(loadRubric('builtin:2023').classes.B.rows).toHaveLength(39);
  });

  it('refuses builtin:auto without a year and a year without a built-in file', () => {
    expect(problemsOf(() => loadRubric('builtin:auto')).message).toContain('builtin:auto 需要考核年度');
    const err = problemsOf(() => loadRubric('builtin:auto', 2031));
    expect(err.file).toBe('config/rubrics/2031.yaml');
    expect(err.message).toContain('没有 2031 年度的内置考核细则');
    expect(problemsOf(() => loadRubric('builtin:latest')).problems[0].path).toBe('rubric');
  });

  it('loads a file path relative to baseDir', () => {
    const file = variant('copy.yaml', () => {});
    expect(loadRubric('copy.yaml', undefined, dir).classes.A.rows).toHaveLength(21);
    const missing = problemsOf(() => loadRubric('nope.yaml', undefined, dir));
    expect(missing.file).toBe('nope.yaml');
    expect(missing.message).toContain('考核细则文件不存在');
    expect(file).toContain(dir);
  });

  it('names the file and the path of a bad rule type', () => {
    const file = variant('bad-rule.yaml', (doc) => doc.setIn(['classes', 'A', 'rows', 4, 'rule', 'type'], 'perItem'));
    const err = problemsOf(() => loadRubric(file));
    expect(err.file).toBe(file);
    // 1-based item number with the row id, and the line of the offending node in the file as written
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('perItem')) + 1;
    expect(err.problems).toEqual([
      {
        path: `classes.A.rows[#5 functions].rule.type（第 ${line} 行 / line ${line}）`,
        message:
          '规则类型必须是 perOccurrence | once | levels | ranged | assigned | none | checklist | quota | countUp 之一 / rule type must be one of perOccurrence | once | levels | ranged | assigned | none | checklist | quota | countUp',
      },
    ]);
    expect(err.message).toContain(`${file}: classes.A.rows[#5 functions].rule.type（第 ${line} 行`);
  });

  it('names the path of a missing weight', () => {
    const file = variant('no-weight.yaml', (doc) => doc.deleteIn(['classes', 'B', 'rows', 7, 'weight']));
    const err = problemsOf(() => loadRubric(file));
    // the key is missing: the line is where the row starts
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('id: shuanggongshi.web')) + 1;
    expect(err.problems).toEqual([
      {
        path: `classes.B.rows[#8 shuanggongshi.web].weight（第 ${line} 行 / line ${line}）`,
        message: '赋分（weight）必须是数字 / weight is required and must be a number',
      },
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    const err = problemsOf(() => parseRubric('year: 2023\nclasses: [\n', 'broken.yaml'));
    expect(err.file).toBe('broken.yaml');
    expect(err.problems[0].path).toMatch(/第\d+行第\d+列/);
  });

  it('refuses inconsistent rows: duplicate id, cap above weight, parts that do not add up', () => {
    const dup = variant('dup.yaml', (doc) => doc.setIn(['classes', 'A', 'rows', 1, 'id'], 'leadership'));
    expect(problemsOf(() => loadRubric(dup)).problems).toContainEqual({
      path: expect.stringMatching(/^classes\.A\.rows\[#2 leadership\]\.id（第 \d+ 行 \/ line \d+）$/),
      message: '指标 id "leadership" 与第 #1 个指标重复 / duplicate row id (first at #1)',
    });
    const cap = variant('cap.yaml', (doc) => doc.setIn(['classes', 'A', 'rows', 4, 'rule', 'cap'], 8));
    expect(problemsOf(() => loadRubric(cap)).problems).toContainEqual({
      path: expect.stringMatching(/^classes\.A\.rows\[#5 functions\]\.rule（第 \d+ 行/),
      message: expect.stringContaining('超过自身权重'),
    });
    const parts = variant('parts.yaml', (doc) => doc.setIn(['classes', 'B', 'rows', 16, 'rule', 'parts', 0, 'max'], 3));
    expect(problemsOf(() => loadRubric(parts)).problems).toContainEqual({
      path: expect.stringMatching(/^classes\.B\.rows\[#17 [^\]]+\]\.rule\.parts（第 \d+ 行/),
      message: expect.stringContaining('不一致'),
    });
  });

  it('flags, without refusing, a bonus cap above 50% of its 一级指标 and a level1 total that does not match', () => {
    // A consultation (rows[16], 解读咨询回应 12分): cap 7 > 6.
    const file = variant('big-bonus.yaml', (doc) => doc.setIn(['classes', 'A', 'rows', 16, 'bonus', 'cap'], 7));
    const rubric = loadRubric(file);
    expect(rubric.warnings).toContainEqual({
      path: expect.stringMatching(/^classes\.A\.rows\[#17 consultation\]\.bonus\.cap（第 \d+ 行/),
      message: '“政策咨询”加分上限 7 分超过一级指标“解读咨询回应”权重 12 分的 50%（6 分）',
    });
    const noted = variant('noted-bonus.yaml', (doc) => {
      doc.setIn(['classes', 'A', 'rows', 16, 'bonus', 'cap'], 7);
      doc.setIn(['classes', 'A', 'rows', 16, 'bonus', 'capNote'], '考核方案另有规定');
    });
    expect(loadRubric(noted).warnings).toEqual([]);
    const total = variant('total.yaml', (doc) => doc.setIn(['classes', 'A', 'rows', 2, 'weight'], 6));
    const warned = loadRubric(total).warnings?.map((w) => w.message) ?? [];
    expect(warned).toContain('一级指标“基层政务公开”标注 5 分，所属指标赋分合计 6 分');
    expect(warned).toContain('A类总分按 100 分计，指标赋分合计 101 分');
  });
});

describe('rubric helpers', () => {
  const rubric = loadRubric('builtin:2023');

  it('rowsForCheck finds every row a check feeds', () => {
    expect(rowsForCheck(rubric, 'B', 'newmedia.stale').map((r) => r.id)).toEqual(['newmedia.maintenance', 'notice.monthly']);
    expect(rowsForCheck(rubric, 'A', 'newmedia.stale').map((r) => r.id)).toEqual(['notice.monthly']);
    expect(rowsForCheck(rubric, 'A', 'consultation.late').map((r) => r.id)).toEqual(['consultation', 'notice.monthly']);
    expect(rowsForCheck(rubric, 'A', 'catalog.item-missing').map((r) => r.id)).toEqual(['catalog']);
    expect(rowsForCheck(rubric, 'B', 'catalog.item-missing')).toEqual([]);
    expect(rowsForCheck(rubric, 'B', 'keyfield.coverage')).toHaveLength(9);
  });

  it('keyFieldsForUnit matches exact unit names and config keyFields', () => {
    expect(keyFieldsForUnit(rubric, { name: '民政局', class: 'B' })).toEqual(['养老服务', '社会救助']);
    expect(keyFieldsForUnit(rubric, { name: '文化旅游局', class: 'B' })).toEqual(['公共文化服务']);
    expect(keyFieldsForUnit(rubric, { name: '工科局', class: 'B' })).toEqual([]);
    expect(keyFieldsForUnit(rubric, { name: '工科局', class: 'B', keyFields: ['促进民营经济发展壮大'] })).toEqual(['促进民营经济发展壮大']);
    expect(keyFieldsForUnit(rubric, { name: '县民政局', class: 'B' })).toEqual([]);
    expect(keyFieldsForUnit(rubric, { name: '猗氏镇政府', class: 'A', keyFields: ['养老服务'] })).toEqual([]);
  });

  it('rowsForUnit keeps rows without a responsible list and drops other departments’ rows', () => {
    const ids = rowsForUnit(rubric, { name: '发改局', class: 'B' }).map((r) => r.id);
    expect(ids).toContain('shuanggongshi.rank');
    expect(ids).toContain('guide');
    expect(ids.filter((id) => id.startsWith('keyfield.'))).toEqual([]);
    expect(rowsForUnit(rubric, { name: '教育局', class: 'B' }).map((r) => r.id)).not.toContain('shuanggongshi.rank');
  });

  it('rubricAsJson lists every row with weight, bounds, rule and checks', () => {
    const all = rubricAsJson(rubric);
    expect(all).toHaveLength(60);
    expect(all.filter((r) => r.class === 'A').reduce((a, r) => a + r.weight, 0)).toBe(100);
    expect(all.find((r) => r.class === 'A' && r.id === 'media')).toMatchObject({ weight: 0, min: null, max: null, rule: { type: 'none' } });
    expect(all.find((r) => r.class === 'B' && r.id === 'decisions.catalog')).toMatchObject({
      weight: 3,
      min: -3,
      max: 3,
      checks: ['decisions.catalog'],
    });
    expect(Object.keys(all[0]).sort()).toEqual(['checks', 'class', 'id', 'level1', 'level2', 'level3', 'max', 'min', 'rule', 'weight']);
    expect(rubricAsJson(rubric, 'B').every((r) => r.class === 'B')).toBe(true);
  });

  it('formatRubricText reads like the seed tables', () => {
    const text = formatRubricText(rubric, 'A');
    expect(text).toContain('一级指标：组织领导与工作保障（11分）');
    expect(text).toContain('扣分标准：未通过政府网站及时、规范公开机构职能');
    expect(text).toContain('加分标准：通过三种及以上的方式开展政策解读的');
    expect(text).toContain('考核方式：网上检查');
    expect(text).toContain('综合加分项');
    expect(text).toContain('一般和较差 A类 20%、B类 10%');
    expect(text).not.toContain('B类，县直单位');
    const b = formatRubricText(rubric, 'B');
    expect(b).toMatch(/“双公示”数据报送情况\s+0—8/);
    expect(b).toContain('考核对象：财政局');
    expect(b).toContain('赋分标准：制定并公开重大行政决策事项目录');
  });
});
