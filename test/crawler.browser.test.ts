import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../crawler/browser.ts';
import { createScopeGuardFromHosts } from '../crawler/scope.ts';
import { startServer, type TestServer } from './fixtures/fetch/test-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`跳过浏览器测试：未找到 ${CHROMIUM}（apt-get install chromium fonts-noto-cjk）`);

describe('renderer without a browser', () => {
  it('is unavailable with a Chinese reason, and the crawl can go on', async () => {
    const r = await createRenderer({ executablePath: '/nonexistent/chromium' });
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/未找到浏览器/);
    await expect(r.render('http://127.0.0.1/')).rejects.toThrow(/浏览器不可用/);
    expect(await r.screenshot('http://127.0.0.1/')).toBeNull();
    await r.close();
  });
});

describe.skipIf(!hasChromium)('renderer with Debian Chromium', () => {
  let server: TestServer;
  let outside: Server;
  let outsideHits = 0;
  let renderer: Renderer;

  beforeAll(async () => {
    outside = createServer((_req, res) => {
      outsideHits++;
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => outside.listen(0, '127.0.0.2', r));
    const outsidePort = (outside.address() as AddressInfo).port;
    server = await startServer((req, res) => {
      if (req.url === '/api/list.json') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify([
            { t: '关于2023年部门预算公开的通知', d: '2023-03-01' },
            { t: '猗氏镇政府信息公开工作年度报告', d: '2023-01-20' },
          ]),
        );
        return;
      }
      if (req.url === '/inline.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><meta charset="utf-8"><style>li{color:#333}</style></head><body><ul id="list"></ul>
<img src="/logo.png"><script src="/js/common.js"></script><script>var listData = [{ t: '关于2023年部门决算公开的通知', d: '2023-08-01' }];
for (const row of listData) { const li = document.createElement('li'); li.textContent = row.t + ' ' + row.d; document.getElementById('list').appendChild(li); }
</script></body></html>`);
        return;
      }
      if (req.url === '/tall') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><body style="margin:0"><div style="height:30000px;background:#eee">很长的页面</div></body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>
<h1 style="font-size:32px">政务公开 通知公告</h1><ul id="list"></ul>
<img src="http://127.0.0.2:${outsidePort}/tracker.png">
<script>
fetch('/api/list.json').then(r => r.json()).then(rows => {
  const ul = document.getElementById('list');
  for (const row of rows) { const li = document.createElement('li'); li.innerHTML = '<a href="/doc.html">' + row.t + '</a><span>' + row.d + '</span>'; ul.appendChild(li); }
});
</script></body></html>`);
    });
    renderer = await createRenderer({ executablePath: CHROMIUM, scope: createScopeGuardFromHosts(['127.0.0.1']) });
  });

  afterAll(async () => {
    await renderer?.close();
    await server?.close();
    await new Promise<void>((r) => (outside ? outside.close(() => r()) : r()));
  });

  it('renders a list built by script and returns its rows in the HTML; out-of-scope requests are blocked', async () => {
    expect(renderer.available).toBe(true);
    const { html, screenshot } = await renderer.render(`${server.origin}/list.html`);
    expect(html).toContain('<li><a href="/doc.html">关于2023年部门预算公开的通知</a><span>2023-03-01</span></li>');
    expect(html).toContain('猗氏镇政府信息公开工作年度报告');
    expect(screenshot).toBeNull();
    expect(outsideHits).toBe(0);
    expect(server.requests.some((r) => r.path === '/api/list.json')).toBe(true);
  });

  it('names the scripts and data requests a rendering depended on (reusable only without data requests)', async () => {
    const fetched = await renderer.render(`${server.origin}/list.html`);
    expect(fetched.dataRequests).toBe(1); // rows came from /api/list.json
    const inline = await renderer.render(`${server.origin}/inline.html`);
    expect(inline.html).toContain('关于2023年部门决算公开的通知 2023-08-01');
    expect(inline.dataRequests).toBe(0); // a stylesheet or an image does not change the rows
    expect(inline.scripts).toEqual([`${server.origin}/js/common.js`]);
  });

  it('takes a PNG screenshot of Chinese text', async () => {
    const png = await renderer.screenshot(`${server.origin}/list.html`);
    expect(png).not.toBeNull();
    expect(png!.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png!.length).toBeGreaterThan(5_000);
    const width = png!.readUInt32BE(16);
    expect(width).toBe(1280);
  });

  it('caps the height of a full-page screenshot', async () => {
    const { screenshot } = await renderer.render(`${server.origin}/tall`, { screenshot: true });
    expect(screenshot).not.toBeNull();
    expect(screenshot!.readUInt32BE(20)).toBe(8000);
  });

  it('refuses to render a page outside the scope', async () => {
    await expect(renderer.render('http://www.example.com/')).rejects.toThrow(/检查范围/);
  });
});

describe.skipIf(!hasChromium)('renderer page limit', () => {
  it('keeps at most maxOpenPages pages open, the others wait their turn and still render', async () => {
    let open = 0;
    let peak = 0;
    const server = createServer((req, res) => {
      if (req.url === '/favicon.ico') return void res.writeHead(404).end();
      peak = Math.max(peak, ++open);
      setTimeout(() => {
        open--;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><p>第${req.url}页</p></body></html>`);
      }, 300);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = await createRenderer({ executablePath: CHROMIUM, maxOpenPages: 2 });
    try {
      const pages = await Promise.all([1, 2, 3, 4, 5].map((n) => r.render(`${origin}/${n}`)));
      expect(pages.map((p, i) => p.html.includes(`第/${i + 1}页`))).toEqual([true, true, true, true, true]);
      expect(peak).toBe(2);
    } finally {
      await r.close();
      server.close();
    }
  }, 60_000);
});

/** Chromium processes started by this test process (direct children: Chromium's own helpers are its children). */
function chromiumChildren(): number {
  const kids = readdirSync('/proc/self/task').flatMap((t) =>
    readFileSync(`/proc/self/task/${t}/children`, 'utf8').split(' ').filter(Boolean),
  );
  return kids.filter((pid) => {
    try {
      return /chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
    } catch {
      return false;
    }
  }).length;
}

describe.skipIf(!hasChromium)('renderer idle close', () => {
  it('closes Chromium when no page was open for the idle time and starts it again for the next page', async () => {
    const server = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<html><body><ul id="l"></ul><script>l.innerHTML = "<li>第1条</li>"</script></body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/list`;
    const r = await createRenderer({ executablePath: CHROMIUM, idleCloseMs: 500 });
    try {
      expect((await r.render(url)).html).toContain('<li>第1条</li>');
      expect(chromiumChildren()).toBeGreaterThan(0);
      const waitUntil = Date.now() + 20_000;
      while (r.browserRunning() && Date.now() < waitUntil) await new Promise((w) => setTimeout(w, 100));
      expect(r.browserRunning()).toBe(false);
      // the close reaps Chromium's processes (under load their exit can take a few seconds)
      const reapUntil = Date.now() + 10_000;
      while (chromiumChildren() > 0 && Date.now() < reapUntil) await new Promise((w) => setTimeout(w, 100));
      expect(chromiumChildren()).toBe(0);
      expect((await r.render(url)).html).toContain('<li>第1条</li>');
      expect(r.browserLaunches()).toBe(2);
    } finally {
      await r.close();
      server.close();
    }
  }, 60_000);
});
