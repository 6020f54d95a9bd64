import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountyConfig } from '../config/index.ts';
import type { Finding } from '../checks/index.ts';
import { openStore, recordDecisions, recordMonthlyNotices } from '../store/index.ts';
import { monthlyReport, unitReports, annualReport } from './report-data.ts';

const DEMO_REVIEWER = '演示脚本（模拟考核小组）';

/**
 * The rest of the pipeline on the demo run: a simulated review (high-confidence findings confirmed, low-confidence
 * ones left pending for a person), the monthly 通报, scores.json, the per-unit 整改通知 and the annual 评分表.
 */
export async function runDemoExtras(input: {
  config: CountyConfig;
  asOf: string;
  dbPath: string;
  outDir: string;
  runId: number;
  findings: Finding[];
}): Promise<string[]> {
  const store = openStore({ dbPath: input.dbPath });
  try {
    const decided = input.findings.filter((f) => f.kind !== 'warning' && f.confidence === 'high');
    recordDecisions(
      store,
      decided.map((f) => ({
        findingId: f.id,
        action: 'confirm' as const,
        by: DEMO_REVIEWER,
        reason: '演示：自动确认高置信度问题，低置信度问题留待人工审核',
        source: 'demo',
      })),
    );
    const month = input.asOf.slice(0, 7);
    recordMonthlyNotices(store, input.runId, month);
    const reportsDir = join(input.outDir, 'reports');
    mkdirSync(reportsDir, { recursive: true });
    const common = { store, config: input.config, outDir: reportsDir, issuedOn: input.asOf };
    const files: string[] = [];
    files.push(...(await monthlyReport({ ...common, month, draft: false })));
    const annual = await annualReport({ ...common, year: input.config.year, asOf: input.asOf });
    const scoresFile = join(input.outDir, 'scores.json');
    writeFileSync(scoresFile, `${JSON.stringify(annual.scores, null, 2)}\n`);
    files.push(scoresFile, ...annual.files);
    files.push(...(await unitReports({ ...common, outDir: join(reportsDir, 'units'), asOf: input.asOf })));
    return files;
  } finally {
    store.close();
  }
}
