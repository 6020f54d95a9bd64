// zwgk probe --once and zwgk site-check against the sample portal, in process (the portal answers in this process).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.ts';
import { sampleConfigYaml, startSamplePortal, type SamplePortal } from '../sample/index.ts';
import { listProbes, openStore } from '../store/index.ts';
import { tempDir } from './fixtures/reports/read.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    out += String(c);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
    err += String(c);
    return true;
  });
  try {
    process.exitCode = undefined;
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

describe('zwgk probe --once and zwgk site-check', () => {
  let portal: SamplePortal;
  let dir: string;
  let config: string;
  beforeAll(async () => {
    portal = await startSamplePortal();
    dir = await tempDir('zwgk-site-cli-');
    config = join(dir, 'county.yaml');
    writeFileSync(config, sampleConfigYaml(portal.origin));
  });
  afterAll(async () => portal?.close());
  afterEach(() => vi.restoreAllMocks());

  it('probe --once probes every configured site once and stores the probes', async () => {
    const db = join(dir, 'probe.db');
    const r = await run(['probe', '--config', config, '--db', db, '--once']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('临猗县（示例）人民政府门户网站');
    expect(r.out).toContain('教育局网站');
    const store = openStore({ dbPath: db });
    try {
      const all = listProbes(store, 'portal', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ source: 'probe', ok: true, status: 200 });
    } finally {
      store.close();
    }
    expect((await run(['probe', '--config', config, '--db', db])).code).toBe(2); // without --once
  });

  it('site-check writes site-19hao.json and the 自查报告, and says a single probe is not a week of monitoring', async () => {
    const out = join(dir, 'out');
    const db = join(dir, 'check.db');
    expect((await run(['probe', '--config', config, '--db', db, '--once'])).code).toBe(0);
    const r = await run(['site-check', '--config', config, '--db', db, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/教育局网站 19号自查：不合格/);
    const json = JSON.parse(readFileSync(join(out, 'site-19hao.json'), 'utf8')) as {
      siteId: string;
      findings: { checkId: string; effect: string; title: string }[];
    }[];
    const portalFindings = json.find((s) => s.siteId === 'portal')!.findings;
    expect(portalFindings.find((f) => f.checkId === 'site.availability')).toMatchObject({ effect: 'info' });
    expect(portalFindings.find((f) => f.checkId === 'site.availability')!.title).toContain('探测次数不足');
    expect(existsSync(join(out, 'reports', 'site'))).toBe(true);
    expect(r.out).toMatch(/自查报告\.docx/);
  });

  it('refuses a config without site:, naming the file', async () => {
    const bare = join(dir, 'bare.yaml');
    writeFileSync(bare, 'county: 某县\nyear: 2023\nunits:\n  - { id: a, name: 甲局, class: B, home: "https://a.example.gov.cn/" }\n');
    const r = await run(['site-check', '--config', bare, '--db', join(dir, 'bare.db')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bare.yaml: 未配置 site:');
  });
});
