import { rowsForUnit, type CountyConfig, type Rubric, type RubricExtraItem, type RubricRow, type UnitConfig } from '../config/index.ts';
import type { ManualEntryInput } from '../store/index.ts';
import { findExtraItem } from './engine.ts';

/**
 * Rows whose result comes (wholly or partly) from 印证材料, the 考核小组 or another office, and 网上检查 rows that no
 * check feeds yet (an evaluator looks at the site and enters the result): what the template lists.
 */
export function isManualRow(row: RubricRow): boolean {
  return (
    row.mode === 'evidence' ||
    row.mode === 'panel' ||
    row.mode === 'external' ||
    row.mode === 'mixed' ||
    (row.mode === 'web' && row.checks.length === 0 && !(row.rule.type === 'quota' && row.rule.column !== undefined))
  );
}

export function manualRowsForUnit(rubric: Rubric, unit: UnitConfig): RubricRow[] {
  return rowsForUnit(rubric, unit).filter(isManualRow);
}

export function extraTargets(rubric: Rubric): { target: string; label: string; discretionary: boolean; kind: 'bonus' | 'penalty' }[] {
  return (['bonus', 'penalty'] as const).flatMap((kind) =>
    rubric.extras[kind].map((item) => ({
      target: `${kind}:${item.id}`,
      label: `${kind === 'bonus' ? '综合加分项' : '重大扣分项'}：${item.label}`,
      discretionary: item.points === null,
      kind,
    })),
  );
}

/** How to fill a row, in Chinese (template column 填写说明 and CLI hints). */
export function fillHint(row: RubricRow): string {
  const r = row.rule;
  const hints: string[] = [];
  if (r.type === 'perOccurrence') hints.push(`次数：发现的件数（每件扣 ${r.points} 分，上限 ${Math.min(r.cap, row.weight)} 分）`);
  if (r.type === 'once') hints.push(`次数：存在扣分情形填 1（扣 ${r.points} 分），没有填 0`);
  if (r.type === 'levels')
    hints.push(`档次：${r.levels.map((l) => `${l.id}（${l.label}，扣 ${l.points} 分）`).join('，')}；不扣分则留空并填次数 0`);
  if ((r.type === 'ranged' || r.type === 'assigned') && !(r.type === 'ranged' && r.parts)) hints.push(`分值：赋分 ${r.min}—${r.max}`);
  if (r.type === 'ranged' && r.parts)
    hints.push(`分项：${r.parts.map((p) => `${p.id}=分值（${p.label}，${p.min}—${p.max}）`).join('；')}，0 分也要填`);
  if (r.type === 'checklist') {
    hints.push(
      `分项：${r.items.map((i) => `${i.id}=${i.max !== undefined && i.max > i.points ? '项数' : '1 或 0'}（${i.label}，${r.mode === 'deduct' ? '扣' : '得'} ${i.points} 分${i.max !== undefined && i.max > i.points ? `/项，最高 ${i.max} 分` : ''}）`).join('；')}${r.mode === 'deduct' ? '；1 为存在该扣分情形' : '；1 为做到'}`,
    );
  }
  if (r.type === 'quota')
    hints.push(
      `分项：各${r.period === 'month' ? '月' : '季度'}发布数量，如 ${r.period === 'month' ? '2023-01=42;2023-02=0' : '2023-Q1=130'}（每期不低于 ${r.target} ${r.counter ?? '条'}）`,
    );
  if (r.type === 'countUp') hints.push(`次数：得分项数（每项 ${r.points} 分，最高 ${r.max} 分）`);
  if (row.bonus) {
    hints.push(`加分次数：每件加 ${row.bonus.points} 分，加分上限 ${row.bonus.cap} 分`);
    if (row.bonus.variants?.length)
      hints.push(`加分情形：${row.bonus.variants.map((v) => `${v.id}=件数（${v.label}，每件 ${v.points} 分）`).join('，')}`);
  }
  return hints.join('；');
}

/** Bounds on what a person can mean: a count in one assessment year, the points of one entry (A units start from 100). */
const MAX_COUNT = 1000;
const MAX_POINTS = 100;

function num(v: number | null | undefined): v is number {
  return v !== null && v !== undefined;
}

type Problem = { column: string; message: string };

/** Checks an entry against the county config and the rubric; returns the problems in Chinese (empty = fine). */
export function manualEntryProblems(e: ManualEntryInput, ctx: { config: CountyConfig; rubric: Rubric }): Problem[] {
  const unit = ctx.config.units.find((u) => u.id === e.unitId);
  if (!unit) return [{ column: '单位', message: `单位 "${e.unitId}" 不在县配置中` }];
  const problems: Problem[] = [];
  if (!e.by || !e.by.trim()) problems.push({ column: '录入人', message: '缺少录入人' });
  if (!e.note || !e.note.trim()) problems.push({ column: '说明', message: '缺少说明（依据的材料或情况）' });
  problems.push(...numberProblems(e));
  const extra = findExtraItem(ctx.rubric, e.target);
  if (extra) return [...problems, ...extraItemProblems(e, extra.item)];
  const row = rowsForUnit(ctx.rubric, unit).find((r) => r.id === e.target);
  if (!row) {
    const exists = (ctx.rubric.classes[unit.class]?.rows ?? []).some((r) => r.id === e.target);
    return [
      ...problems,
      {
        column: '指标',
        message: exists
          ? `指标 "${e.target}" 不适用于 ${unit.name}`
          : `指标 "${e.target}" 不在 ${ctx.rubric.year} 年${unit.class}类考核细则中`,
      },
    ];
  }
  return [...problems, ...ruleProblems(e, row), ...partValueProblems(e, row.rule)];
}

/** Numbers that no target can accept: not finite, negative counts, fractions of a count, beyond the possible. */
function numberProblems(e: ManualEntryInput): Problem[] {
  const problems: Problem[] = [];
  const numbers: [string, number | null | undefined][] = [
    ['次数', e.occurrences],
    ['分值', e.points],
    ['分值', e.value],
    ['加分次数', e.bonusOccurrences],
  ];
  for (const [column, v] of numbers) if (num(v) && !Number.isFinite(v)) problems.push({ column, message: '必须是数字' });
  if (num(e.occurrences) && e.occurrences < 0) problems.push({ column: '次数', message: '不能为负数' });
  if (num(e.bonusOccurrences) && e.bonusOccurrences < 0) problems.push({ column: '加分次数', message: '不能为负数' });
  for (const [column, v] of [
    ['次数', e.occurrences],
    ['加分次数', e.bonusOccurrences],
  ] as const) {
    if (!num(v) || !Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) problems.push({ column, message: `必须是整数（填写的是 ${v}）` });
    else if (v > MAX_COUNT) problems.push({ column, message: `${v} 超出可能范围（一年内不会超过 ${MAX_COUNT} 次）` });
  }
  for (const [column, v] of [
    ['分值', e.points],
    ['分值', e.value],
  ] as const) {
    if (num(v) && Number.isFinite(v) && Math.abs(v) > MAX_POINTS)
      problems.push({ column, message: `${v} 超出可能范围（单项分值绝对值不超过 ${MAX_POINTS}）` });
  }
  const given = [e.points, e.occurrences, e.value, e.bonusOccurrences].some(num) || !!e.levelId || !!e.partValues || !!e.bonusVariants;
  if (!given) problems.push({ column: '次数', message: '没有填写次数、档次、分值或加分次数' });
  return problems;
}

/** 综合加分项/重大扣分项 take a count or points only. */
function extraItemProblems(e: ManualEntryInput, item: RubricExtraItem): Problem[] {
  const problems: Problem[] = [];
  if (e.levelId || e.partValues || e.bonusVariants || num(e.bonusOccurrences) || num(e.value))
    problems.push({ column: '分值', message: '综合加分项/重大扣分项只填次数或分值' });
  if (item.points === null && !num(e.points)) problems.push({ column: '分值', message: `“${item.label}”为酌情项，必须填写分值` });
  if (!item.repeatable && num(e.occurrences) && e.occurrences > 1)
    problems.push({ column: '次数', message: `“${item.label}”只计一次：次数应为 0 或 1` });
  return problems;
}

/** What the row's rule type allows: levels, a range, points of the right sign, counts. */
function ruleProblems(e: ManualEntryInput, row: RubricRow): Problem[] {
  const problems: Problem[] = [];
  const r = row.rule;
  const ranged = r.type === 'ranged' || r.type === 'assigned';
  if (e.levelId && (r.type !== 'levels' || !r.levels.some((l) => l.id === e.levelId || l.label === e.levelId))) {
    problems.push({ column: '档次', message: r.type === 'levels' ? `档次应为 ${r.levels.map((l) => l.id).join('/')}` : '该指标没有档次' });
  }
  if ((num(e.value) || num(e.points)) && ranged) {
    const v = num(e.value) ? e.value : (e.points as number);
    if (v < r.min || v > r.max) problems.push({ column: '分值', message: `赋分应在 ${r.min}—${r.max} 之间` });
  }
  if (num(e.value) && !ranged) problems.push({ column: '分值', message: '该指标不是赋分指标' });
  if (num(e.points) && !ranged) {
    if (e.points > 0 && !row.bonus) problems.push({ column: '分值', message: '该指标只扣分：扣分请填负数（如 -2），或填次数' });
    if (e.points < 0 && (r.type === 'none' || r.type === 'levels'))
      problems.push({ column: '分值', message: r.type === 'none' ? '该指标只加分' : '该指标按档次扣分，请填档次' });
  }
  if (
    num(e.occurrences) &&
    (r.type === 'none' || ranged || r.type === 'levels' || r.type === 'checklist' || r.type === 'quota') &&
    e.occurrences > 0
  ) {
    problems.push({ column: '次数', message: r.type === 'checklist' || r.type === 'quota' ? '该指标按分项填写' : '该指标不按次数扣分' });
  }
  if (num(e.occurrences) && r.type === 'once' && e.occurrences > 1)
    problems.push({ column: '次数', message: '该指标只扣一次：次数应为 0 或 1' });
  if ((num(e.bonusOccurrences) || e.bonusVariants) && !row.bonus) problems.push({ column: '加分次数', message: '该指标没有加分标准' });
  for (const id of Object.keys(e.bonusVariants ?? {})) {
    if (!row.bonus?.variants?.some((v) => v.id === id)) problems.push({ column: '加分情形', message: `没有加分情形 "${id}"` });
  }
  return problems;
}

/** 分项 values: checklist items, quota periods of the entry's year, or the parts of a ranged row. */
function partValueProblems(e: ManualEntryInput, r: RubricRow['rule']): Problem[] {
  const problems: Problem[] = [];
  if (e.partValues && r.type === 'checklist') {
    for (const [id, v] of Object.entries(e.partValues)) {
      const item = r.items.find((i) => i.id === id);
      if (!item) problems.push({ column: '分项', message: `没有子项 "${id}"（可选：${r.items.map((i) => i.id).join('、')}）` });
      else if (!Number.isFinite(v) || v < 0 || !Number.isInteger(v)) problems.push({ column: '分项', message: `${id} 应为 0 或正整数` });
      else if ((item.max === undefined || item.max <= item.points) && v > 1)
        problems.push({ column: '分项', message: `${id} 是是否项，只能填 1 或 0` });
    }
  } else if (e.partValues && r.type === 'quota') {
    const pattern = r.period === 'month' ? new RegExp(`^${e.year}-(0[1-9]|1[0-2])$`) : new RegExp(`^${e.year}-Q[1-4]$`);
    for (const [id, v] of Object.entries(e.partValues)) {
      if (!pattern.test(id))
        problems.push({
          column: '分项',
          message: `“${id}”不是 ${e.year} 年的${r.period === 'month' ? '月份（如 2023-01）' : '季度（如 2023-Q1）'}`,
        });
      else if (!Number.isFinite(v) || v < 0 || !Number.isInteger(v))
        problems.push({ column: '分项', message: `${id} 的数量应为 0 或正整数` });
    }
  } else if (e.partValues) {
    const parts = r.type === 'ranged' ? (r.parts ?? []) : [];
    for (const [id, v] of Object.entries(e.partValues)) {
      const part = parts.find((p) => p.id === id);
      if (!part) problems.push({ column: '分项', message: `没有分项 "${id}"` });
      else if (!Number.isFinite(v) || v < part.min || v > part.max)
        problems.push({ column: '分项', message: `${id} 应在 ${part.min}—${part.max} 之间` });
    }
  }
  return problems;
}

/** Level given by label is stored by id. */
export function normaliseLevel(rubric: Rubric, unit: UnitConfig, target: string, level: string | null | undefined): string | null {
  if (!level) return null;
  const row = rowsForUnit(rubric, unit).find((r) => r.id === target);
  if (row?.rule.type !== 'levels') return level;
  return row.rule.levels.find((l) => l.id === level || l.label === level)?.id ?? level;
}
