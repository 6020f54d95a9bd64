// The headline case end to end: the sample portal's published lists with full 身份证号 (in .xls, .xlsx, .doc,
// .docx, .pdf attachments and in a page table) are found by a real inspection, the compliant near-misses are not,
// and no output carries an unmasked planted number.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSamplePortal, type SamplePortal } from '../sample/index.ts';
import { sampleConfigFor, SAMPLE_AS_OF, SAMPLE_CONFIG_PATH } from '../cli/sample-config.ts';
import { inspectCounty, type InspectOutcome } from '../inspection/index.ts';
import { openStore, loadUnitObservations, type UnitObservations } from '../store/index.ts';
import { PLANTED_ATTACHMENTS, PAGE_LEAK, PAGE_MASKED } from '../sample/content/privacy.ts';
import type { CountyConfig } from '../config/index.ts';
import JSZip from 'jszip';
import { createUser } from '../store/index.ts';
import { startService } from '../service/index.ts';
import { runDemoExtras } from '../cli/demo-extras.ts';

let portal: SamplePortal;
let config: CountyConfig;
let outcome: InspectOutcome;
let dir: string;
let observations: UnitObservations[];
let hostUnits: string[];
const logLines: string[] = [];

const plantedNumbers = (): string[] => [
  ...PLANTED_ATTACHMENTS.filter((a) => a.leaks).flatMap((a) => a.rows.flatMap((r) => [r[3], r[4]])),
  ...PAGE_LEAK.rows.flatMap((r) => [r[3], r[4]]),
];

/** Every report and JSON file written, as text; .docx/.xlsx are zip archives of XML, read entry by entry. */
async function outputTexts(d: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of filesUnder(d)) {
    if (/\.(db|db-wal|db-shm|gz|png)$/.test(f)) continue;
    const bytes = readFileSync(f);
    if (/\.(docx|xlsx)$/.test(f)) {
      const zip = await JSZip.loadAsync(bytes);
      for (const entry of Object.values(zip.files)) if (!entry.dir) out.push(await entry.async('string'));
    } else out.push(bytes.toString('utf8'));
  }
  return out;
}

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
  outcome = await inspectCounty({
    config,
    configPath: SAMPLE_CONFIG_PATH,
    asOf: SAMPLE_AS_OF,
    dbPath: join(dir, 'zwgk.db'),
    outDir: join(dir, 'out'),
    log: (l) => logLines.push(l),
  });
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

  it('never shows a planted number unmasked: findings, the run summary and log, every report, the workspace pages and snapshot views', async () => {
    const numbers = plantedNumbers();
    const files = await runDemoExtras({
      config,
      asOf: SAMPLE_AS_OF,
      dbPath: join(dir, 'zwgk.db'),
      outDir: join(dir, 'out'),
      runId: outcome.runId,
      findings: outcome.findings,
    });
    expect(files.some((f) => f.endsWith('.docx'))).toBe(true);
    const store = openStore({ dbPath: join(dir, 'zwgk.db') });
    createUser(store, { username: 'pingshen', displayName: '王评审', role: 'evaluator', password: 'correct-horse-1' });
    store.close();
    const service = await startService({
      dbPath: join(dir, 'zwgk.db'),
      config,
      configPath: SAMPLE_CONFIG_PATH,
      outDir: join(dir, 'out'),
      port: 0,
      asOf: SAMPLE_AS_OF,
      scheduler: false,
      log: () => undefined,
    });
    const pages: string[] = [];
    try {
      const login = await fetch(`${service.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ username: 'pingshen', password: 'correct-horse-1' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      expect(cookie).toMatch(/=/);
      const get = async (path: string) => (await fetch(`${service.url}${path}`, { headers: { cookie } })).text();
      pages.push(await get('/findings'));
      for (const f of outcome.findings.filter((x) => x.checkId.startsWith('privacy.') || x.checkId.startsWith('content.'))) {
        pages.push(await get(`/findings/${f.id}`));
        const snap = await get(`/snapshots/${f.id}/0`);
        expect(snap.length, `snapshot of ${f.evidence[0].url}`).toBeGreaterThan(50);
        pages.push(snap);
      }
    } finally {
      await service.close();
    }
    const outputs = [
      JSON.stringify(outcome.findings),
      JSON.stringify(outcome.stats),
      logLines.join('\n'),
      ...pages,
      ...(await outputTexts(join(dir, 'out'))),
    ];
    for (const text of outputs) for (const n of numbers) expect(text.includes(n), n).toBe(false);
    // and the masked forms are what is shown
    const excerpts = outcome.findings
      .filter((f) => f.checkId === 'privacy.exposure')
      .map((f) => f.evidence[0].excerpt)
      .join('\n');
    expect(excerpts).toMatch(/140821\*{8}/);
    expect(excerpts).not.toContain(PAGE_MASKED.rows[0][1]); // names are masked too (and the masked page is no finding)
  });
});
