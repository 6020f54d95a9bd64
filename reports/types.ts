// The scores file written by scoring/ (scores.json). Reports render it as given and never recompute a score.

export interface Basis {
  findingId?: string;
  entryId?: string; // a manual evidence entry (会议纪要, 印证材料) from review
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
  class: 'A' | 'B';
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

export interface ScoresFile {
  year: number;
  asOf: string;
  county: string;
  units: UnitScore[];
  grades: { A: GradeSummary; B: GradeSummary };
}

export interface ReportUnit {
  id: string;
  name: string;
  class: 'A' | 'B';
}
