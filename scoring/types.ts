// Inputs and the output (scores.json) of the scoring engine. The output shape is read by reports/ (reports/types.ts).
import type { Finding } from '../checks/index.ts';
import type { Rubric, UnitClass } from '../config/index.ts';
import type { ManualEntry, MonthlyNotice, ReviewState } from '../store/index.ts';

export interface Basis {
  findingId?: string;
  entryId?: string;
  text: string;
  url?: string;
  status?: string;
}

export interface IndicatorScore {
  rowId: string;
  level1: string;
  level2: string;
  level3: string;
  weight: number;
  deduction: number;
  bonus: number;
  value: number;
  points: number;
  capApplied: string | null;
  pendingDeduction: number;
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
  rank: number;
  grade: string | null;
  gradeOverride?: GradeOverride;
  indicators: IndicatorScore[];
  extras: { id: string; label: string; points: number; basis: Basis[] }[];
}

export interface GradeSummary {
  total: number;
  counts: Record<string, number>;
  rounding: string;
  ties: string;
}

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
