import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from './load.ts';
import type { Rubric } from './rubric-types.ts';
import type { CountyConfig } from './schema.ts';

// What a rubric names outside itself: check ids (checks/), column keys (config/columns.yaml), the county's units and
// classes. config/ cannot import checks/, so the caller passes the check ids; a mistake is an error naming the place.

export interface RubricReferences {
  checkIds?: readonly string[];
  columnKeys?: readonly string[];
  config?: CountyConfig;
}

/** Column keys of config/columns.yaml (top-level columns, sub-columns and 重点领域 keys). */
export function knownColumnKeys(): string[] {
  const doc = parse(readFileSync(new URL('./columns.yaml', import.meta.url), 'utf8')) as { columns?: Record<string, unknown> };
  return Object.keys(doc.columns ?? {});
}

const locators = new WeakMap<Rubric, { file: string; at: (path: string) => string }>();

/** parseRubric registers how to name a place of the rubric's file (line, 1-based item, id). */
export function registerRubricLocator(rubric: Rubric, file: string, at: (path: string) => string): void {
  locators.set(rubric, { file, at });
}

export function rubricReferenceProblems(
  rubric: Rubric,
  refs: RubricReferences,
  warnings?: { path: string; message: string }[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const checks = refs.checkIds ? new Set(refs.checkIds) : null;
  const columns = refs.columnKeys ? new Set(refs.columnKeys) : null;
  if (checks) {
    for (const kind of ['bonus', 'penalty'] as const) {
      rubric.extras[kind].forEach((item, i) =>
        (item.checks ?? []).forEach((id, j) => {
          if (!checks.has(id))
            problems.push({ path: `extras.${kind}[${i}].checks[${j}]`, message: `未知的检查项 "${id}" / unknown check id "${id}"` });
        }),
      );
    }
  }
  for (const [cls, klass] of Object.entries(rubric.classes)) {
    if (columns) {
      klass.requiredColumns.forEach((key, j) => {
        if (!columns.has(key))
          problems.push({
            path: `classes.${cls}.requiredColumns[${j}]`,
            message: `未知的栏目 "${key}"（见 config/columns.yaml） / unknown column key "${key}"`,
          });
      });
    }
    const units = refs.config?.units.filter((u) => u.class === cls);
    klass.rows.forEach((row, i) => {
      const at = `classes.${cls}.rows[${i}]`;
      if (checks) {
        row.checks.forEach((id, j) => {
          if (!checks.has(id)) problems.push({ path: `${at}.checks[${j}]`, message: `未知的检查项 "${id}" / unknown check id "${id}"` });
        });
      }
      if (columns && row.rule.type === 'quota' && row.rule.column !== undefined && !columns.has(row.rule.column)) {
        problems.push({
          path: `${at}.rule.column`,
          message: `未知的栏目 "${row.rule.column}"（见 config/columns.yaml） / unknown column key "${row.rule.column}"`,
        });
      }
      if (units && row.responsible) {
        row.responsible.forEach((who, j) => {
          if (units.some((u) => u.id === who || u.name === who)) return;
          // a near name (县财政局 for 财政局) is a mistake; a unit the county does not have is said, not fatal
          const near = units.filter((u) => u.name.includes(who) || who.includes(u.name));
          if (near.length > 0) {
            problems.push({
              path: `${at}.responsible[${j}]`,
              message: `县配置中没有${cls}类单位的编号或名称是 "${who}"，相近的有：${near.map((u) => `${u.name}（${u.id}）`).join('、')}；请写单位编号或完整名称 / no unit of class ${cls} has id or name "${who}"; near: ${near.map((u) => u.id).join(', ')}`,
            });
          } else if (warnings) {
            warnings.push({
              path: `${at}.responsible[${j}]`,
              message: `县配置中没有${cls}类单位的编号或名称是 "${who}"，该指标在本县无考核对象 / no unit of class ${cls} has id or name "${who}": the row scores no unit here`,
            });
          }
        });
      }
    });
  }
  return problems;
}

/** Problems of the county config against the rubric: a unit whose class the rubric does not have. */
export function unitClassProblems(rubric: Rubric, config: CountyConfig): { path: string; message: string }[] {
  const classes = Object.keys(rubric.classes);
  return config.units.flatMap((u, i) =>
    rubric.classes[u.class]
      ? []
      : [
          {
            path: `units[${i}].class`,
            message: `单位“${u.name}”的类别 "${u.class}" 不在考核细则中（可选：${classes.join('、')}） / class "${u.class}" is not a class of the rubric (${classes.join(', ')})`,
          },
        ],
  );
}

/**
 * Throws ConfigError (exit 2) naming the rubric file, line, item and what is wrong, or the county config's unit whose
 * class the rubric lacks. Returns warnings (a responsible unit the county does not have), located the same way.
 */
export function assertRubricReferences(rubric: Rubric, refs: RubricReferences, configFile?: string): { path: string; message: string }[] {
  const loc = locators.get(rubric);
  const warnings: { path: string; message: string }[] = [];
  const problems = rubricReferenceProblems(rubric, refs, warnings);
  if (problems.length > 0) {
    throw new ConfigError(
      loc?.file ?? `考核细则 ${rubric.year}`,
      problems.map((p) => ({ ...p, path: loc ? loc.at(p.path) : p.path })),
    );
  }
  if (refs.config) {
    const classes = unitClassProblems(rubric, refs.config);
    if (classes.length > 0) throw new ConfigError(configFile ?? '县配置 / county config', classes);
  }
  return warnings.map((p) => ({ ...p, path: loc ? loc.at(p.path) : p.path }));
}
