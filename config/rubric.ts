import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, configFileOf } from './load.ts';
import { parseYamlDocument } from './yaml-doc.ts';
import { rubricErrors, rubricWarnings } from './rubric-checks.ts';
import { locate, parsePath } from './rubric-locate.ts';
import { groupPath } from './rubric-range.ts';
import { registerRubricLocator } from './rubric-references.ts';
import { rubricSchema, type RubricFile } from './rubric-schema.ts';
import type { Rubric, RubricClass, RubricRow, RubricRule } from './rubric-types.ts';
import type { CountyConfig, UnitClass } from './schema.ts';

export { formatRubricText } from './rubric-format.ts';
export { rubricErrors, rubricWarnings, type RubricProblem } from './rubric-checks.ts';
export {
  assertRubricReferences,
  knownColumnKeys,
  rubricReferenceProblems,
  unitClassProblems,
  type RubricReferences,
} from './rubric-references.ts';
export { baseRange, childGroups, childRows, childrenRange, groupPath, groupRange, rowRange, type ScoreRange } from './rubric-range.ts';

const BUILTIN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'rubrics');

/** level1/level2 of a grouped row default to its group path; deeper groups go before level3. */
function fillLevels(file: RubricFile): Rubric {
  const classes: Record<string, RubricClass> = {};
  for (const [key, cls] of Object.entries(file.classes)) {
    const rows = cls.rows.map((row): RubricRow => {
      const labels = groupPath(cls, row.group).map((g) => g.label);
      const level1 = row.level1 ?? labels[0] ?? '';
      const level2 = row.level2 ?? labels[1] ?? '';
      const level3 =
        row.level2 === undefined && labels.length > 2 ? [...labels.slice(2), row.level3].filter(Boolean).join('／') : row.level3;
      return { ...row, level1, level2, level3 } as RubricRow;
    });
    classes[key] = { ...cls, rows } as RubricClass;
  }
  return { ...file, classes } as Rubric;
}

/** Parses rubric YAML text; `file` names the source in errors. Throws ConfigError naming file, line, item and what. */
export function parseRubric(text: string, file: string): Rubric {
  const { doc, lineCounter, data } = parseYamlDocument(text, file);
  const at = (path: string | readonly PropertyKey[]): string =>
    locate(doc, lineCounter, typeof path === 'string' ? parsePath(path) : path.filter((p): p is string | number => typeof p !== 'symbol'));
  const parsed = rubricSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => ({ path: at(issue.path), message: issue.message })),
    );
  }
  const rubric = fillLevels(parsed.data);
  const errors = rubricErrors(rubric);
  if (errors.length > 0)
    throw new ConfigError(
      file,
      errors.map((p) => ({ ...p, path: at(p.path) })),
    );
  rubric.warnings = rubricWarnings(rubric).map((p) => ({ ...p, path: at(p.path) }));
  registerRubricLocator(rubric, file, at);
  return rubric;
}

/**
 * Loads a rubric. spec: `builtin:<year>`, `builtin:auto` (uses `year`) or a YAML file path
 * (relative paths resolve against baseDir, default the working directory).
 */
export function loadRubric(spec: string, year?: number, baseDir?: string): Rubric {
  const builtin = /^builtin:(auto|\d{4})$/.exec(spec);
  if (spec.startsWith('builtin:') && !builtin) {
    throw new ConfigError(spec, [
      {
        path: 'rubric',
        message: '内置考核细则应写作 builtin:auto 或 builtin:<年度> / builtin rubric must be builtin:auto or builtin:<year>',
      },
    ]);
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
    const rubric = existsSync(precompiled)
      ? (JSON.parse(readFileSync(precompiled, 'utf8')) as Rubric)
      : parseRubric(readFileSync(full, 'utf8'), display);
    if (rubric.year !== wanted) {
      throw new ConfigError(display, [
        { path: 'year', message: `文件年度 ${rubric.year} 与所需年度 ${wanted} 不符 / year ${rubric.year} does not match ${wanted}` },
      ]);
    }
    return rubric;
  }
  const full = resolve(baseDir ?? process.cwd(), spec);
  if (!existsSync(full)) {
    const from = baseDir === undefined ? '当前目录 / the working directory' : baseDir;
    throw new ConfigError(spec, [
      {
        path: 'rubric',
        message: `考核细则文件不存在：按 ${from} 解析为 ${full} / rubric file not found: resolved from ${from} to ${full}`,
      },
    ]);
  }
  if (!statSync(full).isFile())
    throw new ConfigError(spec, [{ path: 'rubric', message: `这是一个目录，不是考核细则文件：${full} / rubric path is a directory` }]);
  const rubric = parseRubric(readFileSync(full, 'utf8'), spec);
  if (year !== undefined && rubric.year !== year) {
    throw new ConfigError(spec, [
      {
        path: 'year',
        message: `考核细则是 ${rubric.year} 年度的，考核年度是 ${year} 年 / the rubric is for ${rubric.year}, the assessment is for ${year}`,
      },
    ]);
  }
  return rubric;
}

/**
 * The rubric a county config names: a relative `rubric:` path is read from the config file's folder (not the
 * working directory); a missing file names the config and the path it was resolved to.
 */
export function loadRubricForConfig(config: CountyConfig, year: number = config.year, spec: string = config.rubric): Rubric {
  const configFile = configFileOf(config);
  if (spec.startsWith('builtin:') || configFile === undefined) return loadRubric(spec, year);
  const baseDir = dirname(resolve(configFile));
  try {
    return loadRubric(spec, year, baseDir);
  } catch (e) {
    if (e instanceof ConfigError && e.file === spec) {
      throw new ConfigError(
        spec,
        e.problems.map((p) => ({
          ...p,
          message: `${p.message}（县配置 ${configFile} 的 rubric: ${spec} / named by rubric: in ${configFile}）`,
        })),
      );
    }
    throw e;
  }
}

export function findRubricRow(rubric: Rubric, cls: UnitClass, id: string): RubricRow | undefined {
  return rubric.classes[cls].rows.find((row) => row.id === id);
}

/** Rows of the class that the check feeds (a check may feed several, e.g. consultation.late). */
export function rowsForCheck(rubric: Rubric, cls: UnitClass, checkId: string): RubricRow[] {
  return rubric.classes[cls].rows.filter((row) => row.checks.includes(checkId));
}

export interface RubricUnit {
  id?: string;
  name: string;
  class: UnitClass;
  keyFields?: string[];
}

/** Whether the unit answers for the row: by unit id or exact unit name in `responsible`, or by its config keyFields. */
export function rowAppliesToUnit(row: RubricRow, unit: RubricUnit): boolean {
  if (row.responsible === undefined) return true;
  if (row.responsible.includes(unit.name) || (unit.id !== undefined && row.responsible.includes(unit.id))) return true;
  return row.keyField !== undefined && (unit.keyFields ?? []).includes(row.keyField);
}

export function rowsForUnit(rubric: Rubric, unit: RubricUnit): RubricRow[] {
  return (rubric.classes[unit.class]?.rows ?? []).filter((row) => rowAppliesToUnit(row, unit));
}

/** Key fields (重点领域) the unit answers for, in rubric order. */
export function keyFieldsForUnit(rubric: Rubric, unit: RubricUnit): string[] {
  return (rubric.classes[unit.class]?.rows ?? [])
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
  const classes: UnitClass[] = cls ? [cls] : Object.keys(rubric.classes);
  return classes.flatMap((c) =>
    rubric.classes[c].rows.map((row) => ({
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
    })),
  );
}
