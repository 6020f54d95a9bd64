// The scores file is defined where it is computed (scoring/); reports render it as given and never recompute a score.
export type { Basis, IndicatorScore, ExtraScore, GradeOverride, UnitScore, GradeSummary, ScoresFile } from '../scoring/index.ts';

export interface ReportUnit {
  id: string;
  name: string;
  class: string; // a class of the rubric (A, B, or the rubric's own)
}
