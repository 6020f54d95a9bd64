// The headline case end to end: the sample portal's published lists with full 身份证号 (in .xls, .xlsx, .doc,
// .docx, .pdf attachments and in a page table) are found by a real inspection, the compliant near-misses are not,
// and no output carries an unmasked planted number.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSamplePortal, type SamplePortal } from '../sample/index.ts';
import { sampleConfigFor, SAMPLE_AS_OF, SAMPLE_CONFIG_PATH } from '../cli/sample-config.ts';
import { inspectCounty, type InspectOutcome } from '../cli/pipeline.ts';
import { openStore, loadUnitObservations, type UnitObservations } from '../store/index.ts';
import { PLANTED_ATTACHMENTS, PAGE_LEAK, PAGE_MASKED } from '../sample/content/privacy.ts';
import type { CountyConfig } from '../config/index.ts';

let portal: SamplePortal;
let config: CountyConfig;
let outcome: InspectOutcome;
let dir: string;
let observations: UnitObservations[];
let hostUnits: string[];

const plantedNumbers = (): string[] => [
  ...PLANTED_ATTACHMENTS.filter((a) => a.leaks).flatMap((a) => a.rows.flatMap((r) => [r[3], r[4]])),
  ...PAGE_LEAK.rows.flatMap((r) => [r[3], r[4]]),
];

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  portal = await startSamplePortal();
  hostUnits = portal.site.units.filter((u) => u.privacy).map((u) => u.id);
  const full = sampleConfigFor(portal.origin);
  config = { ...full, units: full.units.filter((u) => hostUnits.includes(u.id)) };
  dir = mkdtempSync(join(tmpdir(), 'zwgk-privacy-'));
  const logLines: string[] = [];
  outcome = await inspectCounty({ config, configPath: SAMPLE_CONFIG_PATH, asOf: SAMPLE_AS_OF, dbPath: join(dir, 'zwgk.db'), outDir: join(dir, 'out'), log: (l) => logLines.push(l) });
  const store = openStore({ dbPath: join(dir, 'zwgk.db') });
  observations = loadUnitObservations(store, outcome.runId, hostUnits);
  store.close();
}, 300_000);

afterAll(async () => {
  await portal?.close();
});

describe('privacy.exposure on the sample portal', () => {
  it('reads every planted attachment type', () => {
    expect(outcome.status).toBe('complete');
    const read = observations.flatMap((o) => o.attachments ?? []);
    for (const a of PLANTED_ATTACHMENTS) {
      const obs = read.find((r) => r.url.endsWith(`/${a.file}`));
      expect(obs, a.file).toBeDefined();
      expect(obs!.ok, `${a.file}: ${obs!.error}`).toBe(true);
      expect(obs!.text).toContain(a.rows[0][1]); // the first person's name
    }
  });

  it('finds each leaking document once, and none of the compliant near-misses', () => {
    const found = outcome.findings.filter((f) => f.checkId === 'privacy.exposure');
    const truth = portal.groundTruth.filter((t) => t.checkId === 'privacy.exposure');
    expect(truth.reduce((s, t) => s + t.count, 0)).toBe(PLANTED_ATTACHMENTS.filter((a) => a.leaks).length + 1);
    for (const u of hostUnits) {
      const want = truth.filter((t) => t.unitId === u).reduce((s, t) => s + t.count, 0);
      expect(found.filter((f) => f.unitId === u).length, u).toBe(want);
    }
    for (const a of PLANTED_ATTACHMENTS) {
      const f = found.find((x) => x.evidence[0].url.endsWith(`/${a.file}`));
      if (a.leaks) {
        expect(f, a.file).toBeDefined();
        expect(f!.confidence, a.file).toBe('high');
        expect(f!.subject).toMatch(/^140821\*{8}\d{3}[\dX]（/);
      } else expect(f, a.file).toBeUndefined();
    }
  });

  it('never shows a planted number unmasked: findings, findings.json, the run summary', () => {
    const numbers = plantedNumbers();
    const outputs = [JSON.stringify(outcome.findings), JSON.stringify(outcome.stats), ...filesUnder(join(dir, 'out')).map((f) => readFileSync(f, 'utf8'))];
    for (const text of outputs) for (const n of numbers) expect(text.includes(n), n).toBe(false);
    // and the masked forms are what is shown
    const excerpts = outcome.findings.filter((f) => f.checkId === 'privacy.exposure').map((f) => f.evidence[0].excerpt).join('\n');
    expect(excerpts).toMatch(/140821\*{8}/);
    expect(excerpts).not.toContain(PAGE_MASKED.rows[0][1]); // names are masked too (and the masked page is no finding)
  });
});
