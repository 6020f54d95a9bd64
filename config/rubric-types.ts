// Typed form of a year's rubric (附件2/附件3). A new year is a new YAML file under config/rubrics/, not code.
import type { UnitClass } from './schema.ts';

/** How an indicator's deduction (or value) is computed from what was found. */
export type RubricRule =
  | { type: 'perOccurrence'; points: number; cap: number } // 每一件扣N分，扣分上限为M分 (also 每少一项/有一项)
  | { type: 'once'; points: number } // 未听取的，扣5分
  | { type: 'levels'; levels: { id: string; label: string; points: number }[] } // 未制定制度扣3分；制度不健全扣1分
  | { type: 'ranged'; min: number; max: number; parts?: { id: string; label: string; min: number; max: number }[] } // 赋分 -3—3
  | { type: 'assigned'; min: number; max: number } // 0—8 from another office's ranking, 0—3 专区
  | { type: 'none' } // bonus-only rows
  | { type: 'checklist'; mode: 'deduct' | 'earn'; items: ChecklistItem[] } // 缺一项扣1分 / 有一项得2分, item by item
  | QuotaRule // 每月不低于40条；未达标扣5分，空白扣10分，扣完为止
  | { type: 'countUp'; points: number; max: number }; // 一项可得2分，最高不超过6分

/**
 * One sub-item of a checklist row. Yes/no items are entered as 1 (deduct: the failing case is present; earn: the item
 * is met) or 0; items with `max` above `points` are counted (each occurrence `points`, the item at most `max`).
 */
export interface ChecklistItem {
  id: string;
  label: string;
  points: number;
  max?: number;
}

/** A count compared with a target per period (month or quarter) of the assessment year up to asOf. */
export interface QuotaRule {
  type: 'quota';
  period: 'month' | 'quarter';
  target: number; // 每月不低于 target 条
  below: number; // points off for a period under target
  blank: number; // points off for a period with nothing (0 items)
  // 超过规定数量 over（10%）的加 points 分，此后每再超过 step（20%）再加 points 分; per: compared per period or on the year's total
  above?: { over: number; step: number; points: number; cap: number | null; per: 'period' | 'total' };
  column?: string; // column key whose observed items per period feed the row; manual entries otherwise
  counter?: string; // 量词 (条/篇); default 条
}

export interface RubricBonus {
  points: number; // per occurrence
  cap: number | null; // null = no cap (the source sets none)
  variants?: { id: string; label: string; points: number }[]; // e.g. 得到好评反馈的一件加1分
  counter?: string; // 量词 used in explanations (件/项/次); default 件
  capNote?: string; // why this cap may exceed 50% of the 一级指标 weight (计分办法: 一般不超过50%)
}

/** How the indicator is assessed (考核方式), normalised. */
export type AssessmentMode = 'web' | 'evidence' | 'panel' | 'external' | 'mixed';

export interface RubricRow {
  id: string; // stable ASCII id, same for the same item in A and B (e.g. guide, functions, keyfield.养老服务)
  group?: string; // id of the indicator group (RubricGroup) it belongs to; level1/level2 then default to the group path
  level1: string;
  level1Weight: number | null; // 一级指标 (N分) when the seed states it
  level2: string;
  level3: string;
  weight: number; // 赋分; 0 for bonus-only rows; for ranged/assigned rows the max
  min: number | null; // lower bound of ranged/assigned rows
  max: number | null;
  deductionText: string; // 扣分标准, verbatim
  bonusText: string; // 加分标准, verbatim
  method: string; // 考核方式, verbatim
  mode: AssessmentMode;
  rule: RubricRule;
  bonus: RubricBonus | null;
  checks: string[]; // check ids that can feed it
  keyField?: string; // for 重点领域 rows: the key field name (column key keyField:<name>)
  responsible?: string[]; // unit ids or exact unit names (附件1) that answer for it; [] = only units whose config lists keyField; absent = every unit of the class
  counter?: string; // 量词 of the deduction rule (件/项/次); default 件
  note?: string; // transcription note (how an ambiguous cell was read)
}

export interface RubricExtraItem {
  id: string;
  label: string;
  points: number | null; // null = discretionary (酌情)
  repeatable?: boolean; // 每项/可累计: counts once per occurrence; otherwise once at most
  // check ids whose findings, once a person has confirmed them, make this item a candidate (候选) shown to the
  // evaluator; the item is applied only by an entry (zwgk manual add --indicator penalty:<id>), never automatically
  checks?: string[];
}

/**
 * A node of an indicator tree (一级/二级/…/五级指标) above the rows. Its score is the sum of its children (rows and
 * groups), kept within [min, max] when the source states a range; `scaleTo` turns that into a weight that is not
 * points (a 一级指标 worth 25% of 100: the group's share of its max, × 25).
 */
export interface RubricGroup {
  id: string;
  label: string;
  parent?: string;
  min?: number;
  max?: number;
  scaleTo?: number;
  note?: string;
}

export interface RubricClass {
  label?: string; // how the class is named in output (乡镇, 街道, 县直部门 …); default the key
  base: number | null; // A: 100; B: null (no upper bound)
  scaleTo?: number; // final score scaled to this (e.g. 100): total × scaleTo / the class's maximum
  groups?: RubricGroup[];
  rows: RubricRow[];
  requiredColumns: string[]; // column keys a unit of this class must have (column.missing)
}

export interface GradeRule {
  order: string[]; // ['优秀','良好','一般','较差']
  excellent: number; // 0.3
  good: { min: number; max: number }; // 0.5–0.6
  lower: Record<UnitClass, number>; // 一般和较差 per class: A 0.2, B 0.1
  note: string;
}

export interface Rubric {
  year: number;
  title: string;
  source: string; // the seed document it transcribes
  classes: Record<UnitClass, RubricClass>; // keys are the classes units name in the county config (A, B, 乡镇, 街道 …)
  extras: { bonus: RubricExtraItem[]; penalty: RubricExtraItem[]; bonusMethod: string; penaltyMethod: string }; // 综合加分/重大扣分; empty when the source has none
  grading: GradeRule | null; // grading quotas; null when the source sets none
  warnings?: { path: string; message: string }[]; // loader flags that do not stop loading (e.g. a bonus cap above 50% of its 一级指标)
}
