import { resolve } from 'node:path';
import { CHECK_IDS } from '../checks/index.ts';
import {
  assertRubricReferences,
  baseRange,
  childGroups,
  groupRange,
  knownColumnKeys,
  loadCountyConfig,
  loadRubric,
  loadRubricForConfig,
  type Rubric,
  type RubricClass,
} from '../config/index.ts';
import { rubricWarningLines } from './rubric-warnings.ts';

// `zwgk rubric check`: what an office writing its own rubric runs before scoring with it. A mistake is a ConfigError
// (exit 2, printed by main with file, line, item and what); otherwise a summary a clerk can compare with the source table.

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The class's score range without bonuses: top groups by their range, rows outside any group by theirs. */
function classRange(cls: RubricClass): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const g of childGroups(cls, undefined)) {
    const r = groupRange(cls, g);
    min += r.min;
    max += r.max;
  }
  for (const row of cls.rows.filter((r) => r.group === undefined)) {
    const r = baseRange(row);
    min += r.min;
    max += r.max;
  }
  return { min: round(min), max: round(max) };
}

const RULE_LABEL: Record<string, string> = {
  perOccurrence: '按次扣分',
  once: '一次性扣分',
  levels: '分档扣分',
  ranged: '区间赋分',
  assigned: '外部赋分',
  none: '只加分',
  checklist: '清单子项',
  quota: '定额',
  countUp: '累计得分',
};

function rubricSummaryLines(source: string, rubric: Rubric): string[] {
  const lines = [`考核细则 ${source} 检查通过：${rubric.year} 年度《${rubric.title}》，${Object.keys(rubric.classes).length} 个类别`];
  for (const [key, cls] of Object.entries(rubric.classes)) {
    const range = classRange(cls);
    const byRule = new Map<string, number>();
    for (const row of cls.rows) byRule.set(row.rule.type, (byRule.get(row.rule.type) ?? 0) + 1);
    const web = cls.rows.filter((r) => r.mode === 'web');
    const unfed = web.filter((r) => r.checks.length === 0).length;
    const manual = cls.rows.length - web.length + unfed;
    const scaled = cls.scaleTo !== undefined ? `，折算为 ${cls.scaleTo} 分` : '';
    lines.push(
      `  ${key}类${cls.label && cls.label !== key ? `（${cls.label}）` : ''}：${cls.rows.length} 个指标，${cls.groups?.length ?? 0} 个指标组，` +
        `不含加分的得分范围 ${range.min}—${range.max} 分${scaled}`,
    );
    lines.push(`    规则：${[...byRule].map(([t, k]) => `${RULE_LABEL[t] ?? t} ${k}`).join('，')}`);
    lines.push(`    网上检查 ${web.length} 个（其中 ${unfed} 个尚无自动检查），需人工录入或赋分 ${manual} 个`);
    const uncapped = cls.rows.filter(
      (r) => r.bonus?.cap === null || (r.rule.type === 'quota' && r.rule.above && r.rule.above.cap === null),
    );
    if (uncapped.length > 0) lines.push(`    不设上限的加分：${uncapped.map((r) => r.id).join('、')}`);
  }
  const extras = rubric.extras.bonus.length + rubric.extras.penalty.length;
  lines.push(
    `  综合加分/重大扣分项：${extras > 0 ? `${rubric.extras.bonus.length} 个加分项，${rubric.extras.penalty.length} 个扣分项` : '无'}；` +
      `等次比例：${rubric.grading ? rubric.grading.order.join('、') : '未规定（不提出等次建议）'}`,
  );
  return lines;
}

/** `zwgk rubric check [file] [--config]`: registered in rubric.ts, loaded when it runs. */
export function runRubricCheck(file: string | undefined, flags: { config?: string }): void {
  const opts = { file, config: flags.config };
  const config = opts.config === undefined ? undefined : loadCountyConfig(opts.config);
  const source = opts.file ?? config?.rubric ?? 'builtin:2023';
  const loaded = config
    ? // --file is the user's path (from the working directory); the config's rubric: is read from the config's folder
      loadRubricForConfig(config, config.year, opts.file === undefined ? config.rubric : resolve(opts.file))
    : loadRubric(source);
  const warnings = assertRubricReferences(loaded, { checkIds: CHECK_IDS, columnKeys: knownColumnKeys(), config }, opts.config);
  for (const line of rubricWarningLines(source, [...(loaded.warnings ?? []), ...warnings])) process.stderr.write(`${line}\n`);
  process.stdout.write(`${rubricSummaryLines(source, loaded).join('\n')}\n`);
}
