import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { ConfigError, formatPath } from './load.ts';
import { rubricErrors, rubricWarnings } from './rubric-checks.ts';
import { rubricSchema } from './rubric-schema.ts';
import type { Rubric, RubricRow, RubricRule } from './rubric-types.ts';
import type { UnitClass } from './schema.ts';

export { formatRubricText } from './rubric-format.ts';
export { rubricErrors, rubricWarnings, type RubricProblem } from './rubric-checks.ts';

const BUILTIN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'rubrics');

/** Parses rubric YAML text; `file` names the source in errors. Throws ConfigError naming file and path. */
export function parseRubric(text: string, file: string): Rubric {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => ({
      path: e.linePos ? `第${e.linePos[0].line}行第${e.linePos[0].col}列 (line ${e.linePos[0].line}, col ${e.linePos[0].col})` : '',
      message: `YAML 语法错误 / YAML syntax error: ${e.message.split('\n')[0]}`,
    })));
  }
  const parsed = rubricSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new ConfigError(file, parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  }
  const rubric: Rubric = parsed.data;
  const errors = rubricErrors(rubric);
  if (errors.length > 0) throw new ConfigError(file, errors);
  rubric.warnings = rubricWarnings(rubric);
  return rubric;
}

/**
 * Loads a rubric. spec: `builtin:<year>`, `builtin:auto` (uses `year`) or a YAML file path
 * (relative paths resolve against baseDir, default the working directory).
 */
export function loadRubric(spec: string, year?: number, baseDir?: string): Rubric {
  const builtin = /^builtin:(auto|\d{4})$/.exec(spec);
  if (spec.startsWith('builtin:') && !builtin) {
    throw new ConfigError(spec, [{ path: 'rubric', message: '内置考核细则应写作 builtin:auto 或 builtin:<年度> / builtin rubric must be builtin:auto or builtin:<year>' }]);
  }
  if (builtin) {
    const wanted = builtin[1] === 'auto' ? year : Number(builtin[1]);
    if (wanted === undefined) {
      throw new ConfigError(spec, [{ path: 'rubric', message: 'builtin:auto 需要考核年度 / builtin:auto needs the assessment year' }]);
    }
    const display = `config/rubrics/${wanted}.yaml`;
    const full = join(BUILTIN_DIR, `${wanted}.yaml`);
    if (!existsSync(full)) {
      throw new ConfigError(display, [{ path: '', message: `没有 ${wanted} 年度的内置考核细则 / no built-in rubric for ${wanted}` }]);
    }
    // the compiled build holds each built-in rubric already parsed and checked (scripts/build.mjs): parsing the
    // 40 KB YAML was most of `zwgk rubric`'s start-up; the sources have no such file and parse the YAML
    const precompiled = join(BUILTIN_DIR, `${wanted}.json`);
    const rubric = existsSync(precompiled) ? (JSON.parse(readFileSync(precompiled, 'utf8')) as Rubric) : parseRubric(readFileSync(full, 'utf8'), display);
    if (rubric.year !== wanted) {
      throw new ConfigError(display, [{ path: 'year', message: `文件年度 ${rubric.year} 与所需年度 ${wanted} 不符 / year ${rubric.year} does not match ${wanted}` }]);
    }
    return rubric;
  }
  const full = resolve(baseDir ?? process.cwd(), spec);
  if (!existsSync(full)) throw new ConfigError(spec, [{ path: '', message: '考核细则文件不存在 / rubric file not found' }]);
  return parseRubric(readFileSync(full, 'utf8'), spec);
}

export function rubricRows(rubric: Rubric, cls: UnitClass): RubricRow[] {
  return rubric.classes[cls].rows;
}

export function findRubricRow(rubric: Rubric, cls: UnitClass, id: string): RubricRow | undefined {
  return rubric.classes[cls].rows.find((row) => row.id === id);
}

/** Rows of the class that the check feeds (a check may feed several, e.g. consultation.late). */
export function rowsForCheck(rubric: Rubric, cls: UnitClass, checkId: string): RubricRow[] {
  return rubric.classes[cls].rows.filter((row) => row.checks.includes(checkId));
}

export interface RubricUnit {
  name: string;
  class: UnitClass;
  keyFields?: string[];
}

/** Whether the unit answers for the row: by exact unit name in `responsible`, or by its config keyFields. */
export function rowAppliesToUnit(row: RubricRow, unit: RubricUnit): boolean {
  if (row.responsible === undefined) return true;
  if (row.responsible.includes(unit.name)) return true;
  return row.keyField !== undefined && (unit.keyFields ?? []).includes(row.keyField);
}

export function rowsForUnit(rubric: Rubric, unit: RubricUnit): RubricRow[] {
  return rubric.classes[unit.class].rows.filter((row) => rowAppliesToUnit(row, unit));
}

/** Key fields (重点领域) the unit answers for, in rubric order. */
export function keyFieldsForUnit(rubric: Rubric, unit: RubricUnit): string[] {
  return rubric.classes[unit.class].rows
    .filter((row) => row.keyField !== undefined && rowAppliesToUnit(row, unit))
    .map((row) => row.keyField as string);
}

export interface RubricJsonRow {
  class: UnitClass;
  id: string;
  level1: string;
  level2: string;
  level3: string;
  weight: number;
  min: number | null;
  max: number | null;
  rule: RubricRule;
  checks: string[];
}

/** The `zwgk rubric --json` output: one entry per row, A before B. */
export function rubricAsJson(rubric: Rubric, cls?: UnitClass): RubricJsonRow[] {
  const classes: UnitClass[] = cls ? [cls] : ['A', 'B'];
  return classes.flatMap((c) => rubric.classes[c].rows.map((row) => ({
    class: c,
    id: row.id,
    level1: row.level1,
    level2: row.level2,
    level3: row.level3,
    weight: row.weight,
    min: row.min,
    max: row.max,
    rule: row.rule,
    checks: [...row.checks],
  })));
}
