// Inputs and the output (scores.json) of the scoring engine; reports/ renders the output.
import type { Finding } from '../checks/index.ts';
import type { Rubric, UnitClass } from '../config/index.ts';
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
}

export interface ExtraScore {
  id: string;
  label: string;
  points: number;
  basis: Basis[];
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
  units: UnitScore[];
  grades: { A: GradeSummary; B: GradeSummary };
}

export interface ScoringUnit {
  id: string;
  name: string;
  class: UnitClass;
  keyFields?: string[];
}

/** A finding as the engine needs it: its newest version plus its review state. */
export type ScoringFinding = Pick<Finding, 'id' | 'unitId' | 'checkId' | 'indicator' | 'kind' | 'title' | 'occurrences' | 'suggestedPoints' | 'evidence'> & {
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
}
