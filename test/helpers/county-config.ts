import { parseCountyConfig, type CountyConfig } from '../../config/index.ts';

/**
 * A county with one A-class unit whose portal is at `origin`/u/; `unitLines` adds YAML lines to the unit (4-space
 * indent), `countyLines` top-level ones (leaders: …).
 */
export function oneUnitCounty(origin: string, unitLines: string[] = [], countyLines: string[] = []): CountyConfig {
  return parseCountyConfig(
    `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, browser: { screenshots: false } }
${countyLines.join('\n')}
units:
  - id: shidian
    name: 试点乡政府
    class: A
    home: ${origin}/u/
${unitLines.map((l) => `    ${l}`).join('\n')}
`,
    'test.yaml',
  );
}
