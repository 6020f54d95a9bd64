import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { sampleConfigFor } from '../cli/sample-config.ts';
import { diagnoseConfig, doctorHtml, doctorTable, type Diagnosis } from '../onboard/index.ts';
import { startSamplePortal, type SamplePortal } from '../sample/index.ts';
import { oneUnitCounty } from './helpers/county-config.ts';
import { runCli, runCliAsync } from './helpers/cli.ts';

describe('zwgk doctor on the sample portal', () => {
  let portal: SamplePortal;
  let d: Diagnosis;
  beforeAll(async () => {
    portal = await startSamplePortal();
    d = await diagnoseConfig(sampleConfigFor(portal.origin), '2023-12-15');
  });
  afterAll(() => portal.close());
  const unit = (id: string) => d.units.find((u) => u.id === id)!;

  it('names the planted unreachable unit', () => {
    expect(unit('xinfang').home).toMatchObject({ ok: false, status: 503 });
    expect(unit('xinfang').blockers).toHaveLength(1);
    expect(unit('xinfang').blockers[0]).toMatch(/^主页无法访问：服务器返回 HTTP 503——请在浏览器中打开核对 home 网址/);
    expect(doctorTable(d)).toMatch(/信访局（xinfang）：\n {2}✗ 主页无法访问/);
  });

  it('names the missing columns of the units they were left out of, and only those', () => {
    const missing = d.units.flatMap((u) => u.columns.filter((c) => c.source === 'missing').map((c) => `${u.id}:${c.key}`));
    for (const planted of [
      'niudu:annualReport',
      'gongan:annualReport',
      'zhujian:shuanggongshi',
      'nengyuan:shuanggongshi',
      'renshe:keyField:稳岗就业',
    ]) {
      expect(missing).toContain(planted);
    }
    expect(missing.filter((m) => m.startsWith('yishi:'))).toEqual([]);
    expect(unit('niudu').blockers[0]).toContain('未找到栏目“政府信息公开年报”');
  });

  it('says under which link text each column was found, with home status, time and where the encoding was declared', () => {
    const guide = unit('yishi').columns.find((c) => c.key === 'guide')!;
    expect(guide).toMatchObject({ source: 'discovered', required: true });
    expect(guide.label).toMatch(/指南/);
    expect(unit('tongji').home).toMatchObject({ ok: true, status: 200, encoding: 'gb18030', declaredIn: 'meta' });
    expect(unit('linjin').home).toMatchObject({ encoding: 'gb18030', declaredIn: 'header' });
    expect(unit('yishi').home.ms).toBeGreaterThanOrEqual(0);
  });

  it('names the script-built column and whether a browser is there', () => {
    const built = d.units.flatMap((u) => u.columns.filter((c) => c.needsBrowser).map((c) => `${u.id}:${c.key}`));
    expect(built).toEqual(['shangwu:deptInfo']);
    const table = doctorTable(d);
    expect(table).toMatch(/商务局.*部门信息（工作动态）/);
    expect(table).toContain(d.browser.present ? '浏览器 已找到' : '浏览器 未找到');
  });

  it('without a browser, the script-built column blocks and says how to get one', async () => {
    const all = sampleConfigFor(portal.origin);
    const one = { ...all, units: all.units.filter((u) => u.id === 'shangwu') };
    const without = await diagnoseConfig(one, '2023-12-15', { browserPath: '/nonexistent/chromium' });
    expect(without.browser.present).toBe(false);
    expect(without.ready).toBe(false);
    expect(without.units[0].blockers).toEqual([
      expect.stringMatching(/^栏目“部门信息（工作动态）”的列表由脚本生成，需要浏览器.*apt-get install -y chromium/),
    ]);
    const withOne = await diagnoseConfig(one, '2023-12-15', { browserPath: process.execPath });
    expect(withOne.units[0].blockers).toEqual([]);
  });

  it('reads feeds and their newest post; a broken feed blocks', () => {
    const posts = portal.site.units
      .find((u) => u.id === 'xinfang')!
      .feed.posts.filter((p) => !p.pinned)
      .map((p) => p.date)
      .sort();
    expect(posts.at(-1)! <= '2023-11-15').toBe(true); // the planted stop: nothing after 11-15
    expect(unit('xinfang').feeds[0].newest).toBe(posts.at(-1));
    expect(unit('yibao').blockers.some((b) => b.includes('订阅源无法读取'))).toBe(true);
    expect(d.ready).toBe(false);
  });

  it('exits 1 when something needed cannot be read, 0 when everything can, and writes the HTML page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-'));
    const all = sampleConfigFor(portal.origin);
    const full = join(dir, 'full.yaml');
    writeFileSync(full, stringify(all));
    const r = await runCliAsync(['doctor', '--config', full, '--as-of', '2023-12-15', '--html', join(dir, 'd.html')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('信访局（xinfang）');
    expect(readFileSync(join(dir, 'd.html'), 'utf8')).toContain('<a href="#xinfang">信访局</a>');
    const good = join(dir, 'good.yaml');
    writeFileSync(good, stringify({ ...all, units: all.units.filter((u) => u.id === 'yishi') }));
    const ok = await runCliAsync(['doctor', '--config', good, '--as-of', '2023-12-15', '--html', join(dir, 'g.html')]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('全部 1 个单位需要的页面都能读取');
  });
});

describe('doctor output is escaped', () => {
  let server: ReturnType<typeof createServer>;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/u/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><body><a href="/g/">政府信息公开指南&lt;img src=x onerror=alert(1)&gt;</a></body></html>');
        return;
      }
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('User-agent: *\nDisallow: /g/\n');
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('escapes crawled link text in the HTML page and reports what robots.txt blocks', async () => {
    const d = await diagnoseConfig(oneUnitCounty(origin), '2023-12-15');
    const html = doctorHtml(d);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    const guide = d.units[0].columns.find((c) => c.key === 'guide')!;
    expect(guide.page).toMatchObject({ ok: false, robotsBlocked: true });
    expect(d.units[0].blockers.some((b) => b.includes('robots'))).toBe(true);
  });
});

describe('zwgk doctor arguments', () => {
  it('exits 2 on a missing config and on an impossible --as-of, naming the place', () => {
    const missing = runCli(['doctor', '--config', join(tmpdir(), 'no-such-county.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('配置文件不存在');
    const dir = mkdtempSync(join(tmpdir(), 'doctor-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, stringify(oneUnitCounty('http://127.0.0.1:9')));
    for (const day of ['2023-13-01', '2023-02-30']) {
      const r = runCli(['doctor', '--config', file, '--as-of', day]);
      expect(r.code, day).toBe(2);
      expect(r.stderr).toContain(`--as-of: "${day}" 不是有效日期`);
    }
  });
});
