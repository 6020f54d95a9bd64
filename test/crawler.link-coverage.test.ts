// The link check covers what a reader of the window's items meets (19号 counts them in the site's availability): the
// links inside the detail pages read and the attachments of items published in the window, each attributed to the
// detail page it stands on. An item published before the window is not opened, so its attachment is not asked
// (the check stays bounded by the window). Detail pages modelled on the TRS article of ../shared/real-pages
// hb-handan-xxgk-details (metadata block, body, 附件 link).
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../config/index.ts';
import { inspectFirstUnit } from './helpers/one-unit-run.ts';
import type { LinkObservation } from '../store/index.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const article = (title: string, date: string, attachment: string) =>
  page(
    title,
    `<div class="xxgk_table">索引号：000014348/2023-001 发布日期：${date}</div>
<div class="TRS_Editor"><p>${title}，现予印发，请认真贯彻执行。详见<a href="/u/zcwj/old-rule.html">原办法</a>。</p>
<p>附件：<a href="${attachment}">实施细则.pdf</a></p></div>`,
  );

const PAGES: Record<string, string> = {
  '/u/': page('试点乡', '<div class="nav"><a href="/u/xxgkzn/">政府信息公开指南</a><a href="/u/zcwj/">政策文件</a></div>'),
  '/u/xxgkzn/': page('指南', '<div class="TRS_Editor"><p>本机关政府信息公开指南，办公时间：周一至周五上午8:00至12:00。</p></div>'),
  '/u/zcwj/': page(
    '政策文件',
    `<ul class="list"><li><a href="/u/zcwj/202311/t20231120_1.html">试点乡关于印发农村人居环境整治办法的通知</a><span>2023-11-20</span></li>
<li><a href="/u/zcwj/202205/t20220506_2.html">试点乡关于印发2022年防汛工作方案的通知</a><span>2022-05-06</span></li></ul>`,
  ),
  '/u/zcwj/202311/t20231120_1.html': article('试点乡关于印发农村人居环境整治办法的通知', '2023-11-20', '/u/files/xize-2023.pdf'),
  '/u/zcwj/202205/t20220506_2.html': article('试点乡关于印发2022年防汛工作方案的通知', '2022-05-06', '/u/files/fangxun-2022.pdf'),
};

let server: Server;
let origin: string;
const requested: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    requested.push(url);
    const body = PAGES[url];
    if (!body) {
      res.statusCode = 404;
      return void res.end('not found');
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function links(): Promise<LinkObservation[]> {
  const config = parseCountyConfig(
    `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, browser: { screenshots: false } }
units:
  - id: shidian
    name: 试点乡政府
    class: A
    home: ${origin}/u/
`,
    'test.yaml',
  );
  return (await inspectFirstUnit(config, '2023-12-15', dirs)).links;
}

describe('link check coverage of the window’s items', () => {
  it('checks the links and the attachment inside a detail page of the window, on that page', async () => {
    const got = await links();
    const detail = `${origin}/u/zcwj/202311/t20231120_1.html`;
    const of = (path: string) => got.find((l) => l.target === `${origin}${path}`);
    expect(of('/u/files/xize-2023.pdf')).toMatchObject({ pageUrl: detail, outcome: 'broken', status: 404 });
    expect(of('/u/zcwj/old-rule.html')).toMatchObject({ pageUrl: detail, outcome: 'broken', status: 404 });
  }, 60_000);

  it('does not open an item published before the window, nor ask its attachment', async () => {
    const got = await links();
    expect(got.some((l) => l.target.endsWith('/u/files/fangxun-2022.pdf'))).toBe(false);
    expect(requested).not.toContain('/u/files/fangxun-2022.pdf');
  }, 60_000);
});
