import { childrenRange } from './rubric-range.ts';
import type { Rubric, RubricClass, RubricRow } from './rubric-types.ts';

export interface RubricProblem {
  path: string;
  message: string;
}

function sum(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
}

/** Inconsistencies that make a rubric file wrong (the loader refuses it). */
export function rubricErrors(rubric: Rubric): RubricProblem[] {
  const problems: RubricProblem[] = [];
  for (const cls of Object.keys(rubric.classes)) {
    problems.push(...groupErrors(rubric.classes[cls], `classes.${cls}`));
    const seen = new Map<string, number>();
    const level1Weights = new Map<string, number | null>();
    rubric.classes[cls].rows.forEach((row, i) => {
      const at = `classes.${cls}.rows[${i}]`;
      if (!level1Weights.has(row.level1)) level1Weights.set(row.level1, row.level1Weight);
      else if (level1Weights.get(row.level1) !== row.level1Weight) {
        problems.push({
          path: `${at}.level1Weight`,
          message: `一级指标“${row.level1}”的权重与前面的指标不一致 / level1Weight differs from earlier rows of the same level1`,
        });
      }
      const first = seen.get(row.id);
      if (first !== undefined)
        problems.push({
          path: `${at}.id`,
          message: `指标 id "${row.id}" 与第 #${first + 1} 个指标重复 / duplicate row id (first at #${first + 1})`,
        });
      else seen.set(row.id, i);
      problems.push(...rowErrors(row, at));
      if (row.group !== undefined && !(rubric.classes[cls].groups ?? []).some((g) => g.id === row.group)) {
        problems.push({ path: `${at}.group`, message: `指标组 "${row.group}" 不存在 / no group "${row.group}" in this class` });
      }
      if (row.group === undefined && (row.level1 === '' || row.level2 === '')) {
        problems.push({
          path: `${at}.level1`,
          message: '未归入指标组的指标须写明 level1 和 level2 / a row without group needs level1 and level2',
        });
      }
    });
  }
  return problems;
}

/** Group ids unique, parents exist, no loops, and a stated range equals the sum of its children's ranges. */
function groupErrors(cls: RubricClass, at: string): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const groups = cls.groups ?? [];
  const ids = new Map<string, number>();
  groups.forEach((g, i) => {
    const gat = `${at}.groups[${i}]`;
    if (ids.has(g.id))
      problems.push({ path: `${gat}.id`, message: `指标组 id "${g.id}" 与 groups[#${ids.get(g.id)! + 1}] 重复 / duplicate group id` });
    else ids.set(g.id, i);
    if (g.parent !== undefined && !groups.some((p) => p.id === g.parent)) {
      problems.push({ path: `${gat}.parent`, message: `上级指标组 "${g.parent}" 不存在 / no parent group "${g.parent}"` });
    }
  });
  if (problems.length > 0) return problems;
  const byId = new Map(groups.map((g) => [g.id, g]));
  groups.forEach((g, i) => {
    const gat = `${at}.groups[${i}]`;
    const visited = new Set<string>([g.id]);
    for (let p = g.parent; p !== undefined; p = byId.get(p)?.parent) {
      if (visited.has(p)) {
        problems.push({ path: `${gat}.parent`, message: `指标组 "${g.id}" 的上级形成循环 / parent chain of "${g.id}" loops` });
        return;
      }
      visited.add(p);
    }
    if (g.min !== undefined && g.max !== undefined && g.min >= g.max) {
      problems.push({ path: `${gat}.min`, message: `指标组范围下限 ${g.min} 应小于上限 ${g.max} / min must be below max` });
    }
    const hasChildren = cls.rows.some((r) => r.group === g.id) || groups.some((c) => c.parent === g.id);
    if (!hasChildren) {
      problems.push({ path: gat, message: `指标组 "${g.id}" 没有下级指标 / group "${g.id}" has no rows or groups under it` });
      return;
    }
    const sum = childrenRange(cls, g);
    if ((g.min !== undefined && g.min !== sum.min) || (g.max !== undefined && g.max !== sum.max)) {
      problems.push({
        path: gat,
        message: `指标组“${g.label}”范围 ${g.min ?? sum.min}—${g.max ?? sum.max} 与下级指标范围之和 ${sum.min}—${sum.max} 不一致 / group range must be the sum of its children's ranges`,
      });
    }
  });
  return problems;
}

function rowErrors(row: RubricRow, at: string): RubricProblem[] {
  const rule = row.rule;
  const problems = rule.type === 'ranged' || rule.type === 'assigned' ? rangedRowErrors(row, rule, at) : deductionRowErrors(row, at);
  // a check's findings are occurrences (or a ranged value): these rules read entered items, periods or counts only,
  // so a listed check would show in the basis and change nothing
  if (row.checks.length > 0 && (rule.type === 'checklist' || rule.type === 'countUp' || rule.type === 'quota')) {
    problems.push({
      path: `${at}.checks`,
      message: `${rule.type} 规则按录入的子项、各期数量或项数计分，不读取检查项的发现；请去掉 checks，或把该指标写成 perOccurrence/once/levels 规则 / a ${rule.type} rule does not read check findings: remove checks or use perOccurrence, once or levels`,
    });
  }
  if (row.bonus?.variants) {
    const ids = row.bonus.variants.map((v) => v.id);
    if (new Set(ids).size !== ids.length)
      problems.push({ path: `${at}.bonus.variants`, message: '加分情形 id 重复 / duplicate variant id' });
  }
  if (row.keyField !== undefined && row.id !== `keyfield.${row.keyField}`) {
    problems.push({
      path: `${at}.id`,
      message: `重点领域指标 id 应为 "keyfield.${row.keyField}" / key field row id must be keyfield.<keyField>`,
    });
  }
  return problems;
}

/** A ranged/assigned row: its range, min/max, weight and parts agree with each other. */
function rangedRowErrors(row: RubricRow, rule: Extract<RubricRow['rule'], { type: 'ranged' | 'assigned' }>, at: string): RubricProblem[] {
  const problems: RubricProblem[] = [];
  if (rule.min >= rule.max)
    problems.push({ path: `${at}.rule`, message: `赋分范围下限 ${rule.min} 应小于上限 ${rule.max} / min must be below max` });
  if (row.min !== rule.min || row.max !== rule.max) {
    problems.push({
      path: `${at}.min`,
      message: `min/max（${row.min}—${row.max}）应与规则的赋分范围 ${rule.min}—${rule.max} 一致 / min/max must equal the rule range`,
    });
  }
  if (row.weight !== rule.max)
    problems.push({ path: `${at}.weight`, message: `正负赋分指标的赋分应为上限 ${rule.max} / weight of a ranged row is its max` });
  if (rule.type === 'ranged' && rule.parts) {
    const partMin = sum(rule.parts.map((p) => p.min));
    const partMax = sum(rule.parts.map((p) => p.max));
    if (partMin !== rule.min || partMax !== rule.max) {
      problems.push({
        path: `${at}.rule.parts`,
        message: `各分项范围之和 ${partMin}—${partMax} 与总范围 ${rule.min}—${rule.max} 不一致 / parts must add up to the range`,
      });
    }
    rule.parts.forEach((p, j) => {
      if (p.min >= p.max) problems.push({ path: `${at}.rule.parts[${j}]`, message: '分项下限应小于上限 / part min must be below max' });
    });
  }
  return problems;
}

/** Every other row: no min/max, a weight that fits the rule, deduction caps within the weight. */
function deductionRowErrors(row: RubricRow, at: string): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const rule = row.rule;
  if (row.min !== null || row.max !== null)
    problems.push({
      path: `${at}.min`,
      message: '只有正负赋分指标（ranged/assigned）有 min/max / only ranged or assigned rows have min/max',
    });
  if (rule.type === 'countUp' && row.weight !== rule.max) {
    problems.push({ path: `${at}.weight`, message: `累计得分指标的赋分应为最高分 ${rule.max} / weight of a countUp row is its max` });
  }
  if (rule.type === 'checklist') {
    const ids = rule.items.map((item) => item.id);
    if (new Set(ids).size !== ids.length) problems.push({ path: `${at}.rule.items`, message: '子项 id 重复 / duplicate item id' });
    rule.items.forEach((item, j) => {
      if (item.max !== undefined && item.max < item.points)
        problems.push({
          path: `${at}.rule.items[${j}].max`,
          message: `子项上限 ${item.max} 小于每项分值 ${item.points} / item max is below its points`,
        });
    });
  }
  if (rule.type === 'none') {
    if (row.weight !== 0) problems.push({ path: `${at}.weight`, message: '只加分指标的赋分应为 0 / a bonus-only row has weight 0' });
    if (!row.bonus) problems.push({ path: `${at}.bonus`, message: '只加分指标必须有加分标准 / a bonus-only row needs bonus' });
  } else if (row.weight <= 0) {
    problems.push({ path: `${at}.weight`, message: '扣分指标的赋分必须大于 0 / a deduction row needs a positive weight' });
  }
  // checklist and quota deductions stop at the weight (扣完为止); there is nothing to compare
  const largest =
    rule.type === 'perOccurrence'
      ? rule.cap
      : rule.type === 'once'
        ? rule.points
        : rule.type === 'levels'
          ? Math.max(...rule.levels.map((l) => l.points))
          : 0;
  if (largest > row.weight) {
    problems.push({
      path: `${at}.rule`,
      message: `扣分上限 ${largest} 超过自身权重 ${row.weight}（计分办法：减分上限为自身权重分值） / deduction cap exceeds the weight`,
    });
  }
  return problems;
}

/**
 * Departures from the 计分办法 that the seed itself may contain; the loader keeps the rubric and lists them.
 * 计分办法: 加分分值…一般不超过所属一级指标权重分值的50%; A类总分按100分计; 一级指标 (N分) = its rows.
 */
export function rubricWarnings(rubric: Rubric): RubricProblem[] {
  const warnings: RubricProblem[] = [];
  for (const cls of Object.keys(rubric.classes)) {
    const { rows, base } = rubric.classes[cls];
    rows.forEach((row, i) => {
      if (!row.bonus || row.bonus.cap === null || row.level1Weight === null || row.bonus.capNote) return;
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
    if (
      base !== null &&
      rubric.classes[cls].scaleTo === undefined &&
      !(rubric.classes[cls].groups ?? []).some((g) => g.scaleTo !== undefined)
    ) {
      const total = sum(rows.map((r) => r.weight));
      if (total !== base) warnings.push({ path: `classes.${cls}.base`, message: `${cls}类总分按 ${base} 分计，指标赋分合计 ${total} 分` });
    }
  }
  return warnings;
}
