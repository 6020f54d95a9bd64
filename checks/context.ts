import type { CountyConfig, Rubric, UnitConfig } from '../config/index.ts';
import type { UnitObservations } from '../store/index.ts';
import type { CheckId, Finding } from '../model/index.ts';
import type { CheckSettings } from './settings.ts';

export interface CheckContext {
  asOf: string; // YYYY-MM-DD
  window: { start: string; end: string };
  config: CountyConfig;
  rubric: Rubric;
  settings: CheckSettings;
}

export interface Check {
  id: CheckId;
  family: string;
  run(ctx: CheckContext, unit: UnitConfig, obs: UnitObservations): Finding[];
}

// One definition of the window for the whole tool (config/window.ts).
export { assessmentWindow } from '../config/index.ts';
