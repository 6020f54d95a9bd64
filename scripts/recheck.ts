// Developer loop: re-run the checks on a stored demo run and print precision/recall against its ground truth.
// Usage: npx tsx scripts/recheck.ts out/demo.db out/ground-truth.json [checkId]
import { readFileSync } from 'node:fs';
import { openStore, latestCompleteRun } from '../store/index.ts';
import { CHECK_IDS } from '../checks/index.ts';
import { findingsOfRun } from '../inspection/index.ts';
import { sampleConfigFor } from '../cli/sample-config.ts';
import { measureFindings, formatMeasureTable } from '../cli/measure.ts';

const [dbPath, truthPath, only] = process.argv.slice(2);
const store = openStore({ dbPath });
const run = latestCompleteRun(store)!;
const config = sampleConfigFor('http://127.0.0.1:1');
const findings = findingsOfRun(store, run.id, config, run.asOf);
const truth = JSON.parse(readFileSync(truthPath, 'utf8'));
console.log(formatMeasureTable(measureFindings(findings, truth, CHECK_IDS)));
if (only) {
  for (const f of findings.filter((x) => x.checkId === only && x.kind !== 'warning'))
    console.log(f.unitId, f.subject, f.suggestedPoints, f.occurrences, f.confidence, f.title);
  console.log(
    'truth:',
    truth.filter((t: { checkId: string }) => t.checkId === only),
  );
}
