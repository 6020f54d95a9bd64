// The review queue and the unit view in Chromium over one real inspection of the sample portal (4 units):
// paging and sort, filters, bulk confirm (low confidence only when ticked), 下一条, the Excel round trip through
// `review import`, a unit's re-check status, and the phone layout. ZWGK_UPDATE_DOC_IMAGES=1 writes the README images.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startSamplePortal, type SamplePortal } from '../sample/index.ts';
import { sampleConfigFor, SAMPLE_CONFIG_PATH, SAMPLE_AS_OF } from '../cli/sample-config.ts';
import { inspectCounty } from '../inspection/index.ts';
import {
  openStore,
  createUser,
  loadFindings,
  saveFindings,
  listTrackedFindings,
  nextQueuedRecheck,
  recordRectifyClaim,
  type TrackedFinding,
} from '../store/index.ts';
import { importReviewDecisions } from '../scoring/index.ts';
import { startService, runRecheck, type RunningService } from '../service/index.ts';
import { hasChromium, launchChromium } from '../reports/pdf.ts';
import { findingId } from '../checks/finding.ts';
import type { Finding } from '../model/index.ts';

const UNITS = ['yishi', 'niudu', 'chuhou', 'yuyang'];
const PASSWORD = 'correct-horse-1';
const FORMULA = '=HYPERLINK("http://evil.example","点我")';
const run = hasChromium() ? describe : describe.skip;
const images = join(import.meta.dirname, '..', 'docs', 'images');

run('review queue and unit view (Chromium)', () => {
  let dir: string;
  let portal: SamplePortal;
  let service: RunningService;
  let browser: Browser;
  const tracked = (): TrackedFinding[] => listTrackedFindings(service.ctx.store, {});

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zwgk-queue-'));
    portal = await startSamplePortal({ asOf: SAMPLE_AS_OF });
    const full = sampleConfigFor(portal.origin);
    const config = {
      ...full,
      units: full.units.filter((u) => UNITS.includes(u.id)),
      crawl: { ...full.crawl, browser: { ...full.crawl.browser, screenshots: false } },
    };
    const dbPath = join(dir, 'w.db');
    const outcome = await inspectCounty({ config, configPath: SAMPLE_CONFIG_PATH, asOf: SAMPLE_AS_OF, dbPath, outDir: join(dir, 'out') });
    expect(outcome.status).toBe('complete');
    const store = openStore({ dbPath });
    // a crawled title that a spreadsheet would run as a formula
    const findings = loadFindings(store, outcome.runId);
    const target = findings.find((f) => f.unitId === 'chuhou' && f.kind === 'deduction')!;
    target.title = `${FORMULA}${target.title}`;
    // the sample's four units give high-confidence deductions and bonuses only: add, per unit, the other kinds a
    // real county produces (a low-confidence deduction, a 赋分 row, a 预警) so the filters have something to tell apart
    for (const unitId of UNITS) {
      const base = findings.find((f) => f.unitId === unitId && f.kind === 'deduction')!;
      const clone = (tag: string, patch: Partial<Finding>): Finding => ({
        ...base,
        key: `${base.key}|${tag}`,
        id: findingId(`${base.key}|${tag}`),
        ...patch,
      });
      findings.push(
        clone('low', { confidence: 'low', confidenceReason: '正文被截断，未能读到全部内容', title: `${base.title}（证据不完整）` }),
        clone('low2', {
          confidence: 'low',
          confidenceReason: '只见标签不见取值',
          title: `${base.title}（间接证据）`,
          suggestedPoints: -0.5,
        }),
        clone('ranged', { kind: 'ranged', title: '重点领域信息公开赋分', suggestedPoints: 3 }),
        clone('warning', { kind: 'warning', title: '栏目临近更新期限', suggestedPoints: 0 }),
      );
    }
    saveFindings(store, outcome.runId, findings);
    createUser(store, { username: 'pingshen', displayName: '王评审', role: 'evaluator', password: PASSWORD });
    createUser(store, { username: 'yishi', displayName: '猗氏镇联络员', role: 'unit', unitId: 'yishi', password: PASSWORD });
    store.close();
    service = await startService({
      dbPath,
      config,
      configPath: SAMPLE_CONFIG_PATH,
      outDir: join(dir, 'out'),
      port: 0,
      asOf: SAMPLE_AS_OF,
      scheduler: false,
      log: () => undefined,
    });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await portal?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function login(username: string, viewport = { width: 1280, height: 900 }, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport, javaScriptEnabled, acceptDownloads: true });
    const page = await context.newPage();
    await page.route(
      (url) => !url.href.startsWith(service.url),
      (route) => route.abort(),
    );
    await page.goto(`${service.url}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL(/\/(queue|unit)/), page.click('button[type=submit]')]);
    return page;
  }
  /** How far the page is wider than the screen, and the widest offenders (for the failure message). */
  const overflowOf = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}:${Math.round(e.getBoundingClientRect().right)}`)
        .slice(0, 5);
      return { over: document.documentElement.scrollWidth - width, wide };
    });
  const rowTexts = (page: Page, col: number) => page.locator(`table.findings tbody tr td:nth-child(${col})`).allTextContents();

  it('pages through the queue, sorts by points and filters by kind and confidence', async () => {
    const page = await login('pingshen');
    const pending = tracked().filter((f) => f.status === 'pending' && f.kind !== 'warning');
    expect(pending.length).toBeGreaterThan(10);
    await page.goto(`${service.url}/queue?per=10`);
    expect(await page.locator('#total-count').textContent()).toBe(String(pending.length));
    expect(await page.locator('table.findings tbody tr').count()).toBe(10);
    const pages = Math.ceil(pending.length / 10);
    expect(await page.locator('nav.pager').first().textContent()).toContain(`第 1/${pages} 页`);
    const hrefs = () =>
      page.locator('table.findings tbody tr td:nth-child(5) a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    const firstPage = await hrefs();
    await page.locator('nav.pager').first().getByText('下一页').click();
    expect(await page.locator('nav.pager').first().textContent()).toContain(`第 2/${pages} 页`);
    expect((await rowTexts(page, 2))[0]).toBe('11');
    const secondPage = await hrefs();
    expect(secondPage.length).toBe(Math.min(10, pending.length - 10));
    expect(secondPage.some((t) => firstPage.includes(t))).toBe(false);

    // sort by points, through the filter form (no script needed)
    await page.selectOption('select[name=sort]', 'points-desc');
    await page.selectOption('select[name=per]', '100');
    await page.click('form.filters button[type=submit]');
    const points = (await rowTexts(page, 8)).map(Number);
    expect(points.length).toBe(Math.min(100, pending.length));
    expect(points).toEqual([...points].sort((a, b) => Math.abs(b) - Math.abs(a)));
    expect(Math.abs(points[0])).toBeGreaterThan(Math.abs(points[points.length - 1]));

    await page.goto(`${service.url}/queue?kind=warning&per=100`);
    const kinds = await rowTexts(page, 6);
    expect(kinds.length).toBe(tracked().filter((f) => f.status === 'pending' && f.kind === 'warning').length);
    expect(new Set(kinds)).toEqual(kinds.length ? new Set(['预警']) : new Set());
    await page.goto(`${service.url}/queue?confidence=low&per=100`);
    const low = tracked().filter((f) => f.status === 'pending' && f.kind !== 'warning' && f.confidence === 'low');
    expect(low.length).toBeGreaterThan(0);
    // each row: the confidence, then the check's reason for it
    const shown = new Set(await rowTexts(page, 9));
    expect(shown).toEqual(new Set(low.map((f) => `低（需人工核实）${f.confidenceReason ?? ''}`)));
    expect([...shown].every((t) => t.length > '低（需人工核实）'.length)).toBe(true); // every low row gives its reason
    await page.context().close();
  });

  it('bulk confirm takes the high-confidence findings of a filter; a low one only when a person ticked it', async () => {
    const page = await login('pingshen');
    const open = (u: string, c: string) =>
      tracked().some((f) => f.unitId === u && f.status === 'pending' && f.confidence === c && f.kind !== 'warning');
    const unit = UNITS.find((u) => open(u, 'low') && open(u, 'high'))!;
    expect(unit).toBeDefined();
    const before = tracked().filter((f) => f.unitId === unit && f.status === 'pending' && f.kind !== 'warning');
    const high = before.filter((f) => f.confidence === 'high');
    const low = before.filter((f) => f.confidence === 'low');
    expect(high.length).toBeGreaterThan(0);
    await page.goto(`${service.url}/queue?unit=${unit}&per=100`);
    expect(await page.locator('fieldset.bulk').textContent()).toContain(`${low.length} 条低置信度问题`);
    // without a reason the browser itself refuses (required), and the server does too
    const refused = await page.request.post(`${service.url}/queue/confirm`, {
      form: { _csrf: await page.locator('input[name=_csrf]').first().inputValue(), scope: 'filtered', unit, reason: '' },
    });
    expect(refused.status()).toBe(400);
    await page.fill('fieldset.bulk input[name=reason]', '逐项核对证据无误');
    await Promise.all([page.waitForURL(/confirmed=/), page.click('button[value=filtered]')]);
    expect(await page.locator('main').textContent()).toContain(`已批量确认 ${high.length} 条问题`);
    const after = new Map(tracked().map((f) => [f.id, f]));
    for (const f of high) {
      expect(after.get(f.id)!.status).toBe('confirmed');
      expect(after.get(f.id)!.review).toMatchObject({ reason: '逐项核对证据无误', by: '王评审' });
    }
    for (const f of low) expect(after.get(f.id)!.status).toBe('pending');

    // the person ticks one low-confidence finding: that one, and only it, is confirmed
    expect(await page.locator('table.findings tbody tr').count()).toBe(low.length);
    await page.check(`input[name=id][value="${low[0].id}"]`);
    await page.fill('fieldset.bulk input[name=reason]', '已人工打开网址核实');
    await Promise.all([page.waitForURL(/confirmed=1/), page.click('button[value=selected]')]);
    expect(tracked().find((f) => f.id === low[0].id)!.status).toBe('confirmed');
    for (const f of low.slice(1)) expect(tracked().find((x) => x.id === f.id)!.status).toBe('pending');
    await page.context().close();
  });

  it('after each decision 下一条 opens the next pending finding of the same filtered, sorted list', async () => {
    const page = await login('pingshen');
    await page.goto(`${service.url}/queue?unit=niudu&sort=points-desc`);
    const ids = await page
      .locator('table.findings tbody tr td:nth-child(5) a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname.split('/').pop()!));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    await page.locator('table.findings tbody tr td:nth-child(5) a').first().click();
    await page.fill('form:has(button[value=dismiss]) input[name=reason]', '栏目已按期更新，系误报');
    await Promise.all([page.waitForURL(/ok=dismiss/), page.click('button[value=dismiss]')]);
    expect(await page.locator('.flash').textContent()).toContain('已驳回');
    const next = page.locator('.nextbar a.next');
    expect(await next.textContent()).toContain('下一条');
    await next.click();
    expect(new URL(page.url()).pathname).toBe(`/findings/${ids[1]}`);
    await Promise.all([page.waitForURL(/ok=confirm/), page.click('button[value=confirm]')]);
    await page.locator('.nextbar a.next').click();
    expect(new URL(page.url()).pathname).toBe(`/findings/${ids[2]}`);
    // 返回列表 keeps the filter and the order
    await page.locator('.nextbar a').first().click();
    expect(page.url()).toContain('unit=niudu');
    expect(page.url()).toContain('sort=points-desc');
    expect(await page.locator(`a[href^="/findings/${ids[0]}"]`).count()).toBe(0);
    await page.context().close();
  });

  it('the queue exported to Excel is filled in and imported back through review import; no cell is a formula', async () => {
    const page = await login('pingshen');
    await page.goto(`${service.url}/queue?unit=chuhou&per=100`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/queue/export.xlsx"]')]);
    expect(download.suggestedFilename()).toMatch(/^审核表-.*\.xlsx$/);
    const file = join(dir, 'queue.xlsx');
    await download.saveAs(file);
    await page.context().close();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('审核表')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '问题编号',
      '单位',
      '检查项',
      '问题',
      '类别',
      '置信度',
      '发现次数',
      '建议分值',
      '检查日期',
      '网址',
      '决定',
      '审核人',
      '理由',
      '次数',
      '分值',
    ]);
    const pending = tracked().filter((f) => f.unitId === 'chuhou' && f.status === 'pending' && f.kind !== 'warning');
    expect(ws.rowCount - 1).toBe(pending.length);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@]/);
      }),
    );
    const hostile = [...Array(ws.rowCount - 1).keys()]
      .map((i) => ws.getRow(i + 2))
      .find((r) => String(r.getCell(4).value).includes('HYPERLINK'))!;
    expect(String(hostile.getCell(4).value).startsWith(`'${FORMULA}`)).toBe(true);
    expect(ws.getRow(2).getCell(11).dataValidation?.formulae).toEqual(['"确认,驳回,调整"']);

    // the reviewer decides two rows and leaves the others blank
    const idOf = (r: number) => String(ws.getRow(r).getCell(1).value);
    const [dismissed, adjusted] = [idOf(2), idOf(3)];
    ws.getRow(2).getCell(11).value = '驳回';
    ws.getRow(2).getCell(13).value = '现场核实已公开';
    ws.getRow(3).getCell(11).value = '调整';
    ws.getRow(3).getCell(13).value = '按一次计';
    ws.getRow(3).getCell(14).value = 1;
    await wb.xlsx.writeFile(file);
    const events = await importReviewDecisions(service.ctx.store, file, { config: service.ctx.config });
    expect(events.map((e) => [e.findingId, e.action, e.by])).toEqual([
      [dismissed, 'dismiss', '王评审'],
      [adjusted, 'adjust', '王评审'],
    ]);
    const now = new Map(tracked().map((f) => [f.id, f]));
    expect(now.get(dismissed)!.status).toBe('dismissed');
    expect(now.get(adjusted)!.review).toMatchObject({ status: 'adjusted', occurrences: 1 });
    expect(pending.filter((f) => f.id !== dismissed && f.id !== adjusted).every((f) => now.get(f.id)!.status === 'pending')).toBe(true);

    // a formula typed into a decision cell refuses the whole file, naming the cell
    ws.getRow(4).getCell(11).value = '确认';
    ws.getRow(4).getCell(13).value = { formula: 'CONCAT("a","b")' } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(file);
    await expect(importReviewDecisions(service.ctx.store, file)).rejects.toThrow(/公式/);
    expect(tracked().find((f) => f.id === idOf(4))!.status).toBe('pending');
  });

  it('a unit sees 待整改 apart from 赋分 and 预警, and a claimed finding goes 待复查 → 复查未通过 after the re-check', async () => {
    const page = await login('yishi');
    const main = page.locator('main');
    expect(await main.locator('h2').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^待整改/),
        expect.stringMatching(/^赋分项目/),
        expect.stringMatching(/^预警/),
        '逐月情况',
      ]),
    );
    const mine = tracked().filter((f) => f.unitId === 'yishi');
    const open = mine.filter((f) => f.kind === 'deduction' && f.status !== 'dismissed');
    expect(await page.locator('#open-count').textContent()).toBe(String(open.length));
    expect(await page.locator('#open tbody tr').count()).toBe(open.length);
    expect(await page.locator('#warnings tbody tr').count()).toBe(mine.filter((f) => f.kind === 'warning').length);
    expect(await page.locator('#ranged tbody tr').count()).toBe(mine.filter((f) => f.kind === 'ranged').length);
    expect(await page.locator('#m-added').textContent()).toBe(String(open.length));
    expect(await page.locator('#m-remaining').textContent()).toBe('0');

    // 已整改 with the URL (recorded as the form does, without starting the queue): 待复查 on the finding and in the list
    const claimed = open[0];
    recordRectifyClaim(service.ctx.store, {
      findingId: claimed.id,
      unitId: 'yishi',
      url: `${portal.origin}/zwgk/yishi/`,
      note: '已更新',
      by: '猗氏镇联络员',
    });
    await page.goto(`${service.url}/findings/${claimed.id}`);
    expect(await page.locator('.recheck .recheck-status').textContent()).toBe('待复查');
    await page.goto(`${service.url}/unit`);
    expect(await page.locator(`#open tr:has(a[href="/findings/${claimed.id}"]) .recheck-status`).textContent()).toBe('待复查');

    // the re-check runs against the unchanged portal: the gap is still there
    const recheck = nextQueuedRecheck(service.ctx.store)!;
    expect(recheck.unitId).toBe('yishi');
    const result = await runRecheck(service.ctx, recheck);
    expect(result.outcome).toBe('complete');
    await page.goto(`${service.url}/findings/${claimed.id}`);
    expect(await page.locator('.recheck .recheck-status').textContent()).toBe('复查未通过');
    expect(await page.locator('.recheck').textContent()).toMatch(/问题仍然存在|未能打开/);
    await page.goto(`${service.url}/unit`);
    expect(await page.locator(`#open tr:has(a[href="/findings/${claimed.id}"]) .recheck-status`).textContent()).toBe('复查未通过');
    // the evaluators' view of the same unit shows the same
    const evaluator = await login('pingshen');
    await evaluator.goto(`${service.url}/units/yishi`);
    expect(await evaluator.locator(`#open tr:has(a[href="/findings/${claimed.id}"]) .recheck-status`).textContent()).toBe('复查未通过');
    expect((await page.goto(`${service.url}/units/niudu`))!.status()).toBe(404);
    await evaluator.context().close();
    await page.context().close();
  }, 120_000);

  it('no page shows an internal code, and times are Beijing time', async () => {
    const page = await login('pingshen');
    const f = tracked().find((x) => x.column?.startsWith('keyField:') || x.indicator === 'notice.monthly') ?? tracked()[0];
    for (const path of ['/queue', '/findings', `/findings/${f.id}`, '/units/yishi', '/runs', `/scores/${f.unitId}`]) {
      await page.goto(`${service.url}${path}`);
      const text = (await page.locator('main').textContent())!;
      expect(text, path).not.toMatch(
        /notice\.monthly|keyField:|column\.\w|\((confirmed|pending|missing|entered)\)|（(confirmed|pending|missing|entered)）|\d{4}-\d\d-\d\dT\d\d:/,
      );
    }
    await page.context().close();
  });

  it('works on a phone without JavaScript: nothing wider than the screen, filter and bulk confirm by plain forms', async () => {
    const page = await login('pingshen', { width: 375, height: 740 }, false);
    await page.goto(`${service.url}/queue?per=10`);
    const queue = await overflowOf(page);
    expect(queue.over, queue.wide.join(' ')).toBeLessThanOrEqual(0);
    expect(await page.locator('meta[name=viewport]').getAttribute('content')).toContain('width=device-width');
    // the header links and the filter button are big enough to tap
    const button = await page.locator('form.filters button').boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(28);
    await page.selectOption('select[name=kind]', 'deduction');
    await page.click('form.filters button');
    expect(page.url()).toContain('kind=deduction');
    const first = await page.locator('input[name=id]').first().getAttribute('value');
    await page.check(`input[name=id][value="${first}"]`);
    await page.fill('fieldset.bulk input[name=reason]', '手机上确认');
    await Promise.all([page.waitForURL(/confirmed=1/), page.click('button[value=selected]')]);
    expect(tracked().find((f) => f.id === first)!.status).toBe('confirmed');
    await page.goto(`${service.url}/findings/${tracked().find((f) => f.unitId === 'yuyang')!.id}`);
    const finding = await overflowOf(page);
    expect(finding.over, finding.wide.join(' ')).toBeLessThanOrEqual(0);
    await page.goto(`${service.url}/units/yuyang`);
    const unit = await overflowOf(page);
    expect(unit.over, unit.wide.join(' ')).toBeLessThanOrEqual(0);
    if (process.env.ZWGK_UPDATE_DOC_IMAGES) await page.screenshot({ path: join(images, 'workspace-phone.png') });
    await page.context().close();
  });

  it('writes the README screenshots when asked', async () => {
    if (!process.env.ZWGK_UPDATE_DOC_IMAGES) return;
    const page = await login('pingshen');
    await page.goto(`${service.url}/queue?per=20&sort=points-desc`);
    await page.screenshot({ path: join(images, 'workspace-queue.png') });
    await page.goto(`${service.url}/units/yishi`);
    await page.screenshot({ path: join(images, 'workspace-unit.png'), fullPage: true });
    await page.context().close();
  });
});
