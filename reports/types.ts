// The scores file is defined where it is computed (scoring/); reports render it as given and never recompute a score.
export type { Basis, IndicatorScore, ExtraScore, GradeOverride, UnitScore, GradeSummary, ScoresFile } from '../scoring/index.ts';

export interface ReportUnit {
  id: string;
  name: string;
  class: 'A' | 'B';
}
