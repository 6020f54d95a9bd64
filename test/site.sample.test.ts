// The sample's own sites through the demo's sequence: every site-level id found as the sample's truth says.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSamplePortal, SAMPLE_SITE_TRUTH, type SamplePortal } from '../sample/index.ts';
import { SITE_CHECK_IDS } from '../checks/index.ts';
import { sampleConfigFor, SAMPLE_AS_OF, SAMPLE_CONFIG_PATH } from '../cli/sample-config.ts';
import { formatSiteTruthTable, runDemoSiteWeek } from '../cli/demo-site.ts';
import { inspectSites, inspectionClock, siteMonthlyReports } from '../inspection/index.ts';
import type { Site19Result } from '../scoring/index.ts';
import { openStore } from '../store/index.ts';
import { readDocx, tempDir } from './fixtures/reports/read.ts';

describe('sample portal: the 19号 self-check of its own sites', () => {
  let portal: SamplePortal;
  let dir: string;
  let results: Site19Result[];
  let file: string | null;
  beforeAll(async () => {
    portal = await startSamplePortal({ asOf: SAMPLE_AS_OF });
    dir = await tempDir('zwgk-site-');
    const config = sampleConfigFor(portal.origin);
    const dbPath = join(dir, 'site.db');
    const week = await runDemoSiteWeek({
      config,
      configDir: dirname(SAMPLE_CONFIG_PATH),
      asOf: SAMPLE_AS_OF,
      dbPath,
      setSiteDay: portal.setSiteDay,
    });
    expect(week.probes).toBe(7 * 24);
    const store = openStore({ dbPath });
    try {
      ({ results, file } = await inspectSites({
        store,
        config,
        configDir: dirname(SAMPLE_CONFIG_PATH),
        asOf: SAMPLE_AS_OF,
        runId: null,
        outDir: dir,
        now: inspectionClock(SAMPLE_AS_OF),
      }));
    } finally {
      store.close();
    }
  }, 60_000);
  afterAll(async () => portal?.close());

  it('finds exactly the planted site-level problems, with their effect and confidence', () => {
    const found = results.flatMap((r) => r.findings).map((f) => `${f.siteId} ${f.checkId} ${f.effect} ${f.confidence}`);
    const expected = SAMPLE_SITE_TRUTH.flatMap((t) =>
      Array.from({ length: t.count }, () => `${t.siteId} ${t.checkId} ${t.effect} ${t.confidence}`),
    );
    expect(found.sort()).toEqual(expected.sort());
    for (const id of SITE_CHECK_IDS)
      expect(
        found.some((f) => f.split(' ')[1] === id),
        id,
      ).toBe(true);
    // The demo's table says the same, and notices a miss.
    expect(formatSiteTruthTable(results, SAMPLE_SITE_TRUTH).exact).toBe(true);
    const missed = formatSiteTruthTable(
      results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.checkId !== 'site.backdated') })),
      SAMPLE_SITE_TRUTH,
    );
    expect(missed.exact).toBe(false);
    expect(missed.table).toMatch(/portal\s+site\.backdated\s+veto\s+low\s+1\s+0\s+不一致/);
  });

  it('scores each site: the stale, flaky department site fails on vetoes; the portal waits for a person on the back-dated item', () => {
    const portalResult = results.find((r) => r.siteId === 'portal')!;
    expect(portalResult.verdict).toBe('待人工确认');
    expect(portalResult.warnings.join()).toContain('预警');
    const dept = results.find((r) => r.siteId === 'jiaoyu')!;
    expect(dept.verdict).toBe('不合格');
    expect(
      dept.vetoes
        .filter((v) => v.state === 'hit')
        .map((v) => v.name)
        .sort(),
    ).toEqual(['站点无法访问', '首页不更新'].sort());
    const json = JSON.parse(readFileSync(file!, 'utf8')) as { siteId: string; trend: { month: string }[] }[];
    expect(json.map((r) => r.siteId)).toEqual(['portal', 'jiaoyu']);
    expect(json[0].trend.map((t) => t.month)).toEqual(['2023-12']);
  });

  it("writes the month's 自查报告 of each site", async () => {
    const store = openStore({ dbPath: join(dir, 'site.db') });
    try {
      const files = await siteMonthlyReports({
        store,
        config: sampleConfigFor(portal.origin),
        month: '2023-12',
        outDir: dir,
        issuedOn: SAMPLE_AS_OF,
      });
      expect(files.filter((f) => f.endsWith('.docx'))).toHaveLength(2);
      const { text } = await readDocx(files.find((f) => f.includes('教育局') && f.endsWith('.docx'))!);
      expect(text).toContain('自查结论：不合格');
      expect(text).toContain('首页未展示网站标识码');
      // Nothing English reaches the office: threshold keys, check ids and file paths are named in Chinese (URLs aside).
      const portalReport = files.find((f) => !f.includes('教育局') && f.endsWith('.docx'))!;
      const portalText = (await readDocx(portalReport)).text;
      expect(portalText).toContain('疑似倒填日期的容差 2 天（未核实）');
      expect(portalText).toContain('可用性预警失败占比 3%（待核原文）');
      for (const f of files) {
        const shown = f.endsWith('.docx')
          ? (await readDocx(f)).text
          : readFileSync(f, 'utf8')
              .replace(/<style>[\s\S]*?<\/style>|<head>[\s\S]*?<\/head>/g, '')
              .replace(/<[^>]*>/g, ' ');
        const words = shown.replace(/https?:\/\/\S+/g, '').match(/[a-zA-Z]{6,}/g) ?? [];
        expect(words, f).toEqual([]);
      }
    } finally {
      store.close();
    }
  });
});
