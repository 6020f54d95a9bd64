// Test-only: renders each report kind's HTML with Chromium to PNG and checks that Chinese text is not tofu.
// ZWGK_UPDATE_DOC_IMAGES=1 also writes docs/images/report-{monthly,unit,annual}.png for the README.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { writeAnnualReport, writeMonthlyReport, writeUnitReport, hasChromium } from '../reports/index.ts';
import { launchChromium } from '../reports/pdf.ts';
import { buildFindings, buildScores, sampleUnits, fixtureHistory, fixtureRunInfo, TINY_PNG } from './fixtures/reports/build.ts';
import { fixtureRubric } from './fixtures/reports/rubric.ts';
import { tempDir } from './fixtures/reports/read.ts';

const run = hasChromium() ? describe : describe.skip;

async function shot(page: Page, html: string, selector?: string): Promise<Buffer> {
  await page.setContent(html);
  return selector ? page.locator(selector).screenshot() : page.screenshot();
}

/** Fonts Chromium actually used for every text node under `selector` (CDP CSS.getPlatformFontsForNode). */
async function platformFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const names = new Set<string>();
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    for (const f of fonts) names.add(f.familyName);
  }
  return [...names];
}

run('report pictures (Chromium)', () => {
  let browser: Browser;
  let page: Page;
  const reports: Record<'monthly' | 'unit' | 'annual', string> = { monthly: '', unit: '', annual: '' };
  beforeAll(async () => {
    const units = sampleUnits();
    const findings = buildFindings(units);
    const out = await tempDir();
    reports.monthly = (
      await writeMonthlyReport(
        {
          county: '临猗县（示例）',
          month: '2023-11',
          findings,
          units,
          deadline: '2023-12-29',
          draft: false,
          runInfo: fixtureRunInfo,
          history: fixtureHistory,
          issuedOn: '2023-12-15',
        },
        out,
      )
    )[1];
    reports.unit = (
      await writeUnitReport(
        {
          county: '临猗县（示例）',
          unit: units[0],
          findings,
          deadline: '2023-12-29',
          asOf: '2023-12-15',
          issuedOn: '2023-12-15',
          screenshots: () => TINY_PNG,
        },
        out,
      )
    )[1];
    reports.annual = (
      await writeAnnualReport({ scores: buildScores(findings, units), rubric: fixtureRubric, issuedOn: '2023-12-20' }, out)
    )[2];
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 1270 }, deviceScaleFactor: 1 });
    await page.route(/^(?!file:|data:|about:)/, (route) => route.abort());
  });
  afterAll(async () => browser?.close());

  it('has CJK fonts installed (fc-list :lang=zh)', () => {
    expect(execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })).toMatch(/CJK|Hei|Song|Kai|Fang/);
  });

  it('the tofu detector works: glyph-less characters all render alike, Chinese ones do not', async () => {
    const cell = (t: string) => `<span id="t" style="font-size:40px;font-family:serif">${t}</span>`;
    const boxA = await shot(page, cell('&#xE000;'), '#t');
    const boxB = await shot(page, cell('&#xE001;'), '#t');
    const tong = await shot(page, cell('通'), '#t');
    const bao = await shot(page, cell('报'), '#t');
    expect(boxA.equals(boxB)).toBe(true);
    expect(tong.equals(bao)).toBe(false);
    expect(tong.equals(boxA)).toBe(false);
  });

  for (const kind of ['monthly', 'unit', 'annual'] as const) {
    it(`renders the ${kind} report with real Chinese glyphs`, async () => {
      await page.goto(pathToFileURL(reports[kind]).href);
      const fonts = await platformFonts(page, 'h1, h2, p, td, th');
      expect(fonts.length).toBeGreaterThan(0);
      expect(
        fonts.some((f) => /CJK|Hei|Song|Kai|Fang|Ming/i.test(f)),
        fonts.join(', '),
      ).toBe(true);
      // the title's first two characters must render differently from each other and from a glyph-less box
      const title = await page.locator('h1').first().innerText();
      const style =
        'font-size:40px;font-family:' +
        (await page
          .locator('h1')
          .first()
          .evaluate((e) => getComputedStyle(e).fontFamily));
      const glyph = (t: string) => `<span id="t" style='${style}'>${t}</span>`;
      const [c1, c2] = [...title.replace(/[^\u4e00-\u9fa5]/g, '')];
      const s1 = await shot(page, glyph(c1), '#t');
      const s2 = await shot(page, glyph(c2), '#t');
      const box = await shot(page, glyph('&#xE000;'), '#t');
      expect(s1.equals(s2)).toBe(false);
      expect(s1.equals(box)).toBe(false);
      await page.goto(pathToFileURL(reports[kind]).href);
      const png = join(await tempDir(), `report-${kind}.png`);
      await page.screenshot({ path: png });
      if (process.env.ZWGK_UPDATE_DOC_IMAGES) {
        await mkdir('docs/images', { recursive: true });
        await copyFile(png, join('docs/images', `report-${kind}.png`));
      }
    });
  }
});
