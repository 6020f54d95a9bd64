// Inputs and the output (scores.json) of the scoring engine; reports/ renders the output.
import type { Finding } from '../checks/index.ts';
import type { ClassInfo, Rubric, UnitClass } from '../config/index.ts';
import type { ManualEntry, MonthlyNotice, ReviewState } from '../store/index.ts';

export interface Basis {
  findingId?: string;
  entryId?: string; // a manual entry (会议纪要, 印证材料 …)
  text: string;
  url?: string;
  status?: string; // finding status when the basis is a finding (confirmed, pending …)
}

export interface IndicatorScore {
  rowId: string; // RubricRow.id
  level1: string;
  level2: string;
  level3: string;
  weight: number;
  deduction: number; // positive number of points taken off (after caps)
  bonus: number; // positive number of points added (after caps)
  value: number; // ranged/assigned value
  points: number; // what the row contributes to the total
  capApplied: string | null;
  pendingDeduction: number; // further deduction if pending findings get confirmed
  basis: Basis[];
  group?: string; // RubricGroup id, when the rubric has an indicator tree
  notEntered?: true; // nothing found or entered yet for a row that needs a result: scored as 未录入, not as a result
  notEnteredParts?: string[]; // parts, checklist items or quota periods still without an entry
}

/** A node of the indicator tree: its children's points kept within its range, scaled when it is a weight. */
export interface GroupScore {
  id: string;
  label: string;
  parent: string | null;
  depth: number; // 1 = top (一级指标)
  min: number;
  max: number;
  raw: number; // sum of the children
  points: number; // within [min, max], or scaled to scaleTo
  scaleTo?: number;
}

export interface ExtraScore {
  id: string;
  label: string;
  points: number;
  basis: Basis[];
}

/**
 * A 重大扣分项 (or 综合加分项) the rubric ties to check ids, with the findings a person confirmed for this unit: a
 * candidate for the evaluator, never part of the total; applied only by an entry for `target`.
 */
export interface ExtraCandidate {
  target: string; // penalty:<id> — what to enter (zwgk manual add --indicator) once the evaluator decides
  label: string;
  points: number | null; // per occurrence as the rubric states it (positive); null = discretionary
  kind: 'bonus' | 'penalty';
  findings: Basis[]; // the confirmed findings, masked as the checks wrote them
  entered: boolean; // an entry for target exists: the evaluator has decided
}

export interface GradeOverride {
  grade: string;
  reason: string;
  by: string;
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  class: UnitClass;
  total: number;
  totalIfPendingConfirmed: number;
  rank: number; // within the class
  grade: string | null;
  gradeOverride?: GradeOverride;
  indicators: IndicatorScore[];
  extras: ExtraScore[];
  extraCandidates?: ExtraCandidate[]; // 重大扣分项 candidates from confirmed findings (not in total)
  groups?: GroupScore[]; // when the rubric has an indicator tree (top groups first, then depth-first)
  scaled?: { raw: number; max: number; scaleTo: number }; // when the class total is scaled (e.g. to 100)
  notEntered?: string[]; // row ids still 未录入: the total is a draft until they are entered
}

export interface GradeSummary {
  total: number;
  counts: Record<string, number>;
  rounding: string;
  ties: string;
}

/** scores.json: what reports/ renders as given, never recomputing a score. */
export interface ScoresFile {
  year: number;
  asOf: string;
  county: string;
  classes: ClassInfo[]; // the classes that have units, in the rubric's order, with labels and unit counts (every document reads them)
  units: UnitScore[];
  grades: Record<UnitClass, GradeSummary>; // every class of the rubric and of the units
}

export interface ScoringUnit {
  id: string;
  name: string;
  class: UnitClass;
  keyFields?: string[];
}

/** A finding as the engine needs it: its newest version plus its review state. */
export type ScoringFinding = Pick<
  Finding,
  'id' | 'unitId' | 'checkId' | 'indicator' | 'kind' | 'title' | 'occurrences' | 'suggestedPoints' | 'evidence'
> & {
  review: ReviewState;
  rectified?: boolean; // fixed in a later run: no longer scored
};

export interface ScoreInput {
  rubric: Rubric;
  units: ScoringUnit[];
  findings: ScoringFinding[];
  entries: ManualEntry[]; // entries in force (newest per unit and target)
  notices: MonthlyNotice[];
  asOf: string;
  year: number;
  county: string;
  gradeOverrides?: Map<string, GradeOverride>;
  periodCounts?: PeriodCount[]; // observed items per column per period (quota rows with a column)
}

/** Items a unit published in one column in one period (month 2023-01 or quarter 2023-Q1), as the web shows them. */
export interface PeriodCount {
  unitId: string;
  column: string;
  period: string;
  count: number;
}
