import type { CountyConfig } from '../config/index.ts';
import type { Finding } from '../checks/index.ts';

/** Scoring and reports for the demo run; filled in as those modules land. Returns the files written. */
export async function runDemoExtras(_input: { config: CountyConfig; asOf: string; dbPath: string; outDir: string; runId: number; findings: Finding[] }): Promise<string[]> {
  return [];
}
