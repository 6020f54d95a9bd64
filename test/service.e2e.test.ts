// Drives the real workspace (startService on 127.0.0.1:0, scheduler off) in Chromium over a store seeded by one
// real inspection of the sample portal (4 units). ZWGK_UPDATE_DOC_IMAGES=1 also writes docs/images/workspace-*.png.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSamplePortal, type SamplePortal } from '../sample/index.ts';
import { sampleConfigFor, SAMPLE_CONFIG_PATH, SAMPLE_AS_OF } from '../cli/sample-config.ts';
import { inspectCounty } from '../inspection/index.ts';
import { openStore, createUser, loadFindings, saveFindings, listTrackedFindings } from '../store/index.ts';
import { startService, type RunningService } from '../service/index.ts';
import { hasChromium, launchChromium } from '../reports/pdf.ts';

const UNITS = ['yishi', 'niudu', 'chuhou', 'yuyang'];
const PASSWORD = 'correct-horse-1';
const XSS = '<script>window.__pwned=1</script>';
const run = hasChromium() ? describe : describe.skip;

run('workspace end to end (Chromium)', () => {
  let dir: string;
  let portal: SamplePortal;
  let service: RunningService;
  let browser: Browser;
  let evaluatorFindings: { id: string; unitId: string; title: string }[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zwgk-e2e-'));
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
    // a crawled title carrying markup, as a hostile page would give it
    const findings = loadFindings(store, outcome.runId);
    const target = findings.find((f) => f.unitId === 'yishi' && f.kind === 'deduction')!;
    target.title = `${XSS}${target.title}`;
    saveFindings(store, outcome.runId, findings);
    createUser(store, { username: 'pingshen', displayName: '王评审', role: 'evaluator', password: PASSWORD });
    createUser(store, { username: 'yishi', displayName: '猗氏镇联络员', role: 'unit', unitId: 'yishi', password: PASSWORD });
    evaluatorFindings = listTrackedFindings(store, {})
      .filter((f) => f.kind === 'deduction')
      .map((f) => ({ id: f.id, unitId: f.unitId, title: f.title }));
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

  async function login(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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

  const totalOf = async (page: Page, unitId: string): Promise<number> => {
    await page.goto(`${service.url}/scores/${unitId}`);
    return Number(await page.locator('#total').textContent());
  };

  it('an evaluator confirms and dismisses findings and the score draft follows', async () => {
    const page = await login('pingshen');
    expect(await page.locator('h1').textContent()).toBe('审核队列');
    const rows = await page.locator('table.findings tbody tr').count();
    expect(rows).toBeGreaterThan(2);
    const yishi = evaluatorFindings.filter((f) => f.unitId === 'yishi');
    expect(yishi.length).toBeGreaterThanOrEqual(2);
    const before = await totalOf(page, 'yishi');

    // confirm one deduction: the draft total goes down
    await page.goto(`${service.url}/findings/${yishi[0].id}`);
    await Promise.all([page.waitForURL(/ok=confirm/), page.click('button[value=confirm]')]);
    expect(await page.locator('.flash').textContent()).toContain('已确认');
    const afterConfirm = await totalOf(page, 'yishi');
    expect(afterConfirm).toBeLessThan(before);

    // dismiss it with a reason: the deduction is gone again
    await page.goto(`${service.url}/findings/${yishi[0].id}`);
    await page.fill('form:has(button[value=dismiss]) input[name=reason]', '经核实栏目已更新，系误报');
    await Promise.all([page.waitForURL(/ok=dismiss/), page.click('button[value=dismiss]')]);
    expect(await page.locator('table').last().textContent()).toContain('经核实栏目已更新，系误报');
    expect(await totalOf(page, 'yishi')).toBe(before);

    // the queue no longer lists the decided finding
    await page.goto(`${service.url}/queue?unit=yishi`);
    expect(await page.locator(`a[href="/findings/${yishi[0].id}"]`).count()).toBe(0);
    await page.close();
  });

  it('a crawled title containing <script> is shown as text, never run', async () => {
    const page = await login('pingshen');
    await page.goto(`${service.url}/findings?unit=yishi`);
    expect(await page.locator('table.findings').textContent()).toContain(XSS);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const f = evaluatorFindings.find((x) => x.title.startsWith(XSS))!;
    await page.goto(`${service.url}/findings/${f.id}`);
    expect(await page.locator('.title-line').textContent()).toContain(XSS);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('snapshots are served sandboxed: scripts off, opaque origin, no cookies', async () => {
    const page = await login('pingshen');
    const f = evaluatorFindings.find((x) => x.unitId === 'yishi')!;
    const res = await page.request.get(`${service.url}/snapshots/${f.id}/0`);
    if (res.status() === 200) {
      expect(res.headers()['content-security-policy']).toMatch(/^sandbox;/);
      expect(res.headers()['content-security-policy']).not.toContain('allow-scripts');
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      await page.goto(`${service.url}/findings/${f.id}`);
      const frame = page.locator('iframe.snapshot').first();
      expect(await frame.getAttribute('sandbox')).toBe('');
    }
    await page.close();
  });

  it("a unit user sees only its own unit and gets 404 on another unit's finding, page and API alike", async () => {
    const page = await login('yishi');
    expect(page.url()).toContain('/unit');
    const text = await page.locator('main').textContent();
    expect(text).toContain('猗氏镇政府');
    const other = evaluatorFindings.find((f) => f.unitId !== 'yishi')!;
    const own = evaluatorFindings.find((f) => f.unitId === 'yishi')!;
    expect((await page.goto(`${service.url}/findings/${other.id}`))!.status()).toBe(404);
    expect((await page.goto(`${service.url}/findings/${own.id}`))!.status()).toBe(200);
    expect((await page.request.get(`${service.url}/api/findings/${other.id}`)).status()).toBe(404);
    expect((await page.request.get(`${service.url}/api/findings?unit=${other.unitId}`)).status()).toBe(403);
    const mine = (await (await page.request.get(`${service.url}/api/findings`)).json()) as { findings: { unitId: string }[] };
    expect(mine.findings.length).toBeGreaterThan(0);
    expect(new Set(mine.findings.map((f) => f.unitId))).toEqual(new Set(['yishi']));
    expect((await page.request.get(`${service.url}/api/units/${other.unitId}/scores`)).status()).toBe(404);
    expect((await page.goto(`${service.url}/queue`))!.status()).toBe(403);
    expect((await page.request.post(`${service.url}/api/findings/${own.id}/decision`, { data: { action: 'confirm' } })).status()).toBe(403);
    await page.close();
  });

  it('a unit marks a finding 已整改 with a URL, which queues a re-check of its unit', async () => {
    const page = await login('yishi');
    const own = evaluatorFindings.find((f) => f.unitId === 'yishi' && !f.title.startsWith(XSS))!;
    await page.goto(`${service.url}/findings/${own.id}`);
    await page.fill('input[name=url]', `${portal.origin}/zwgk/yishi/`);
    await page.fill('textarea[name=note]', '已补充更新');
    await Promise.all([page.waitForURL(/ok=rectify/), page.click('form[action$="/rectify"] button')]);
    expect(await page.locator('main').textContent()).toContain('已补充更新');
    await page.goto(`${service.url}/unit/selfcheck`);
    expect(await page.locator('main').textContent()).toContain('已整改复查');
    await page.close();
  });

  it('a form post without the CSRF token is refused', async () => {
    const page = await login('pingshen');
    const f = evaluatorFindings.find((x) => x.unitId === 'niudu')!;
    const res = await page.request.post(`${service.url}/findings/${f.id}/decide`, { form: { action: 'confirm', reason: '' } });
    expect(res.status()).toBe(403);
    const forged = await page.request.post(`${service.url}/findings/${f.id}/decide`, {
      form: { action: 'confirm', _csrf: 'x'.repeat(43) },
    });
    expect(forged.status()).toBe(403);
    const crossSite = await page.request.post(`${service.url}/findings/${f.id}/decide`, {
      form: { action: 'confirm' },
      headers: { origin: 'http://evil.example' },
    });
    expect(crossSite.status()).toBe(403);
    const api = await page.request.get(`${service.url}/api/findings/${f.id}`);
    expect(((await api.json()) as { history: unknown[] }).history).toEqual([]);
    await page.close();
  });

  it('writes the README screenshots when asked', async () => {
    if (!process.env.ZWGK_UPDATE_DOC_IMAGES) return;
    const page = await login('pingshen');
    await page.goto(`${service.url}/queue`);
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'images', 'workspace-queue.png') });
    const f = evaluatorFindings.find((x) => x.unitId === 'niudu')!;
    await page.goto(`${service.url}/findings/${f.id}`);
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'images', 'workspace-finding.png'), fullPage: false });
    await page.close();
  });
});
