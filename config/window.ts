import type { CountyConfig } from './schema.ts';

/** The assessment window: config.window when given, else Jan 1 of config.year … asOf (clipped to Dec 31). */
export function assessmentWindow(config: Pick<CountyConfig, 'year' | 'window'>, asOf: string): { start: string; end: string } {
  if (config.window) return { start: config.window.start, end: config.window.end < asOf ? config.window.end : asOf };
  const start = `${config.year}-01-01`;
  const yearEnd = `${config.year}-12-31`;
  return { start, end: asOf < yearEnd ? asOf : yearEnd };
}
