// Typed form of a year's rubric (附件2/附件3). A new year is a new YAML file under config/rubrics/, not code.
import type { UnitClass } from './schema.ts';

/** How an indicator's deduction (or value) is computed from what was found. */
export type RubricRule =
  | { type: 'perOccurrence'; points: number; cap: number } // 每一件扣N分，扣分上限为M分 (also 每少一项/有一项)
  | { type: 'once'; points: number } // 未听取的，扣5分
  | { type: 'levels'; levels: { id: string; label: string; points: number }[] } // 未制定制度扣3分；制度不健全扣1分
  | { type: 'ranged'; min: number; max: number; parts?: { id: string; label: string; min: number; max: number }[] } // 赋分 -3—3
  | { type: 'assigned'; min: number; max: number } // 0—8 from another office's ranking, 0—3 专区
  | { type: 'none' }; // bonus-only rows

export interface RubricBonus {
  points: number; // per occurrence
  cap: number;
  variants?: { id: string; label: string; points: number }[]; // e.g. 得到好评反馈的一件加1分
  counter?: string; // 量词 used in explanations (件/项/次); default 件
  capNote?: string; // why this cap may exceed 50% of the 一级指标 weight (计分办法: 一般不超过50%)
}

/** How the indicator is assessed (考核方式), normalised. */
export type AssessmentMode = 'web' | 'evidence' | 'panel' | 'external' | 'mixed';

export interface RubricRow {
  id: string; // stable ASCII id, same for the same item in A and B (e.g. guide, functions, keyfield.养老服务)
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
  responsible?: string[]; // exact unit names (附件1) that answer for it; [] = only units whose config lists keyField; absent = every unit of the class
  counter?: string; // 量词 of the deduction rule (件/项/次); default 件
  note?: string; // transcription note (how an ambiguous cell was read)
}

export interface RubricExtraItem {
  id: string;
  label: string;
  points: number | null; // null = discretionary (酌情)
  repeatable?: boolean; // 每项/可累计: counts once per occurrence; otherwise once at most
}

export interface RubricClass {
  base: number | null; // A: 100; B: null (no upper bound)
  rows: RubricRow[];
  requiredColumns: string[]; // column keys a unit of this class must have (column.missing)
}

export interface GradeRule {
  order: string[]; // ['优秀','良好','一般','较差']
  excellent: number; // 0.3
  good: { min: number; max: number }; // 0.5–0.6
  lower: Record<UnitClass, number>; // 一般和较差: A 0.2, B 0.1
  note: string;
}

export interface Rubric {
  year: number;
  title: string;
  source: string; // the seed document it transcribes
  classes: Record<UnitClass, RubricClass>;
  extras: { bonus: RubricExtraItem[]; penalty: RubricExtraItem[]; bonusMethod: string; penaltyMethod: string };
  grading: GradeRule;
  warnings?: { path: string; message: string }[]; // loader flags that do not stop loading (e.g. a bonus cap above 50% of its 一级指标)
}
