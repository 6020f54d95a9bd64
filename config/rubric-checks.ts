import type { Rubric, RubricRow } from './rubric-types.ts';
import type { UnitClass } from './schema.ts';

export interface RubricProblem { path: string; message: string }

const CLASSES: UnitClass[] = ['A', 'B'];

function sum(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
}

/** Inconsistencies that make a rubric file wrong (the loader refuses it). */
export function rubricErrors(rubric: Rubric): RubricProblem[] {
  const problems: RubricProblem[] = [];
  for (const cls of CLASSES) {
    const seen = new Map<string, number>();
    const level1Weights = new Map<string, number | null>();
    rubric.classes[cls].rows.forEach((row, i) => {
      const at = `classes.${cls}.rows[${i}]`;
      if (!level1Weights.has(row.level1)) level1Weights.set(row.level1, row.level1Weight);
      else if (level1Weights.get(row.level1) !== row.level1Weight) {
        problems.push({ path: `${at}.level1Weight`, message: `一级指标“${row.level1}”的权重与前面的指标不一致 / level1Weight differs from earlier rows of the same level1` });
      }
      const first = seen.get(row.id);
      if (first !== undefined) problems.push({ path: `${at}.id`, message: `指标 id "${row.id}" 与 rows[${first}] 重复 / duplicate row id` });
      else seen.set(row.id, i);
      problems.push(...rowErrors(row, at));
    });
  }
  return problems;
}

function rowErrors(row: RubricRow, at: string): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const rule = row.rule;
  if (rule.type === 'ranged' || rule.type === 'assigned') {
    if (rule.min >= rule.max) problems.push({ path: `${at}.rule`, message: `赋分范围下限 ${rule.min} 应小于上限 ${rule.max} / min must be below max` });
    if (row.min !== rule.min || row.max !== rule.max) {
      problems.push({ path: `${at}.min`, message: `min/max（${row.min}—${row.max}）应与规则的赋分范围 ${rule.min}—${rule.max} 一致 / min/max must equal the rule range` });
    }
    if (row.weight !== rule.max) problems.push({ path: `${at}.weight`, message: `正负赋分指标的赋分应为上限 ${rule.max} / weight of a ranged row is its max` });
    if (rule.type === 'ranged' && rule.parts) {
      const partMin = sum(rule.parts.map((p) => p.min));
      const partMax = sum(rule.parts.map((p) => p.max));
      if (partMin !== rule.min || partMax !== rule.max) {
        problems.push({ path: `${at}.rule.parts`, message: `各分项范围之和 ${partMin}—${partMax} 与总范围 ${rule.min}—${rule.max} 不一致 / parts must add up to the range` });
      }
      rule.parts.forEach((p, j) => {
        if (p.min >= p.max) problems.push({ path: `${at}.rule.parts[${j}]`, message: '分项下限应小于上限 / part min must be below max' });
      });
    }
  } else {
    if (row.min !== null || row.max !== null) problems.push({ path: `${at}.min`, message: '只有正负赋分指标（ranged/assigned）有 min/max / only ranged or assigned rows have min/max' });
    if (rule.type === 'none') {
      if (row.weight !== 0) problems.push({ path: `${at}.weight`, message: '只加分指标的赋分应为 0 / a bonus-only row has weight 0' });
      if (!row.bonus) problems.push({ path: `${at}.bonus`, message: '只加分指标必须有加分标准 / a bonus-only row needs bonus' });
    } else if (row.weight <= 0) {
      problems.push({ path: `${at}.weight`, message: '扣分指标的赋分必须大于 0 / a deduction row needs a positive weight' });
    }
    const largest = rule.type === 'perOccurrence' ? rule.cap : rule.type === 'once' ? rule.points
      : rule.type === 'levels' ? Math.max(...rule.levels.map((l) => l.points)) : 0;
    if (largest > row.weight) {
      problems.push({ path: `${at}.rule`, message: `扣分上限 ${largest} 超过自身权重 ${row.weight}（计分办法：减分上限为自身权重分值） / deduction cap exceeds the weight` });
    }
  }
  if (row.bonus?.variants) {
    const ids = row.bonus.variants.map((v) => v.id);
    if (new Set(ids).size !== ids.length) problems.push({ path: `${at}.bonus.variants`, message: '加分情形 id 重复 / duplicate variant id' });
  }
  if (row.keyField !== undefined && row.id !== `keyfield.${row.keyField}`) {
    problems.push({ path: `${at}.id`, message: `重点领域指标 id 应为 "keyfield.${row.keyField}" / key field row id must be keyfield.<keyField>` });
  }
  return problems;
}

/**
 * Departures from the 计分办法 that the seed itself may contain; the loader keeps the rubric and lists them.
 * 计分办法: 加分分值…一般不超过所属一级指标权重分值的50%; A类总分按100分计; 一级指标 (N分) = its rows.
 */
export function rubricWarnings(rubric: Rubric): RubricProblem[] {
  const warnings: RubricProblem[] = [];
  for (const cls of CLASSES) {
    const { rows, base } = rubric.classes[cls];
    rows.forEach((row, i) => {
      if (!row.bonus || row.level1Weight === null || row.bonus.capNote) return;
      const limit = row.level1Weight * 0.5;
      if (row.bonus.cap > limit) {
        warnings.push({
          path: `classes.${cls}.rows[${i}].bonus.cap`,
          message: `“${row.level3 || row.level2}”加分上限 ${row.bonus.cap} 分超过一级指标“${row.level1}”权重 ${row.level1Weight} 分的 50%（${limit} 分）`,
        });
      }
    });
    const byLevel1 = new Map<string, { weight: number | null; rows: number[] }>();
    for (const row of rows) {
      const entry = byLevel1.get(row.level1) ?? { weight: row.level1Weight, rows: [] };
      entry.rows.push(row.weight);
      byLevel1.set(row.level1, entry);
    }
    for (const [level1, entry] of byLevel1) {
      if (entry.weight === null) continue;
      const total = sum(entry.rows);
      if (total !== entry.weight) {
        warnings.push({ path: `classes.${cls}.rows`, message: `一级指标“${level1}”标注 ${entry.weight} 分，所属指标赋分合计 ${total} 分` });
      }
    }
    if (base !== null) {
      const total = sum(rows.map((r) => r.weight));
      if (total !== base) warnings.push({ path: `classes.${cls}.base`, message: `${cls}类总分按 ${base} 分计，指标赋分合计 ${total} 分` });
    }
  }
  return warnings;
}
