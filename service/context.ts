import type { CountyConfig, Rubric } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { ServiceSettings } from './settings.ts';

/** What the scheduler jobs and the web workspace share: one store, one county config. */
export interface ServiceContext {
  store: Store;
  dbPath: string;
  config: CountyConfig;
  configPath: string;
  rubric: Rubric;
  settings: ServiceSettings;
  outDir: string; // findings.json and generated reports live under here
  /** The inspection date (YYYY-MM-DD) for a run starting now; fixed in demo mode (the sample portal's date). */
  asOf: () => string;
  now: () => Date;
  log: (line: string) => void;
}

export function unitNames(ctx: Pick<ServiceContext, 'config'>): Map<string, string> {
  return new Map(ctx.config.units.map((u) => [u.id, u.name]));
}
