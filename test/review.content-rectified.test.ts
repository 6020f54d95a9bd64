// Issue 17: a content finding in an article is corrected (整改完成) only when a later run read that article again and
// found nothing, or found it taken down (404); while it is open, later runs read it again though it is past their
// reading window, and a run that could not read it (503) proves nothing.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCounty } from '../inspection/index.ts';
import { parseCountyConfig } from '../config/index.ts';
import { openStore, listTrackedFindings, type TrackedFinding } from '../store/index.ts';
import { startServer } from './fixtures/fetch/test-server.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const NAV = '<div class="nav"><a href="/u/">首页</a><a href="/u/dt/">工作动态</a></div>';
const article = (title: string, sentence: string) =>
  page(
    title,
    `${NAV}<div class="article"><h1>${title}</h1><div class="info">发布日期：2023-10-20</div><div class="content"><p>${sentence}</p></div></div>`,
  );
const TYPO = '会议对近期防火工作进行了布署，要求各村落实责任。';
const FIXED = '会议对近期防火工作进行了部署，要求各村落实责任。';
const SECOND = '乡政府为各村按装了应急广播设备，覆盖全部自然村。';

type Answer = { status: number; html: string };
function portal(answers: Record<string, () => Answer>) {
  return startServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const html: Record<string, string> = {
      '/u/': page('试点乡政府', `${NAV}<p>试点乡政府门户网站</p>`),
      '/u/dt/': page(
        '工作动态',
        `${NAV}<ul class="list"><li><a href="/u/dt/a1.html">全乡召开秋季防火工作会议</a><span>2023-10-20</span></li><li><a href="/u/dt/a2.html">应急广播建设完成</a><span>2023-10-20</span></li></ul>`,
      ),
    };
    const a = answers[path]?.() ?? { status: html[path] ? 200 : 404, html: html[path] ?? page('404', '404') };
    res.writeHead(a.status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(a.html);
  });
}

const config = (origin: string, days: number) =>
  parseCountyConfig(
    `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, revalidateDetailDays: 0, contentArticles: { days: ${days} }, browser: { screenshots: false } }
units:
  - { id: shidian, name: 试点乡政府, class: A, home: ${origin}/u/ }
`,
    'test.yaml',
  );

describe('a content finding in an article across months', () => {
  it('is read again while open, stays open when it cannot be read, and is corrected when fixed or taken down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-rectified-'));
    const dbPath = join(dir, 'z.db');
    let first: Answer = { status: 200, html: article('全乡召开秋季防火工作会议', TYPO) };
    let second: Answer = { status: 200, html: article('应急广播建设完成', SECOND) };
    const server = await portal({ '/u/dt/a1.html': () => first, '/u/dt/a2.html': () => second });
    const inspect = (asOf: string) =>
      inspectCounty({ config: config(server.origin, 31), configPath: 'test.yaml', asOf, dbPath, outDir: join(dir, asOf) });
    const typo = (word: string): TrackedFinding | undefined => {
      const store = openStore({ dbPath });
      try {
        return listTrackedFindings(store).find((f) => f.checkId === 'content.typo' && f.subject.startsWith(word));
      } finally {
        store.close();
      }
    };
    const typosOf = (o: Awaited<ReturnType<typeof inspect>>) =>
      o.findings
        .filter((f) => f.checkId === 'content.typo')
        .map((f) => f.evidence[0].url.replace(server.origin, ''))
        .sort();
    try {
      expect(typosOf(await inspect('2023-11-01'))).toEqual(['/u/dt/a1.html', '/u/dt/a2.html']);

      // December: past the month read, but open: both articles are read again and their typos reported again
      expect(typosOf(await inspect('2023-12-15'))).toEqual(['/u/dt/a1.html', '/u/dt/a2.html']);
      expect(typo('布署→部署')?.lifecycle.phase).toBe('repeated');

      // the article server fails: nothing was read, nothing is corrected
      first = { status: 503, html: page('503', '503') };
      second = { status: 503, html: page('503', '503') };
      expect(typosOf(await inspect('2023-12-18'))).toEqual([]);
      expect(typo('布署→部署')?.status).toBe('pending');
      expect(typo('按装→安装')?.status).toBe('pending');

      // one corrected, the other taken down
      first = { status: 200, html: article('全乡召开秋季防火工作会议', FIXED) };
      second = { status: 404, html: page('404', '404') };
      const last = await inspect('2023-12-20');
      expect(typosOf(last)).toEqual([]);
      expect(typo('布署→部署')?.lifecycle).toMatchObject({ phase: 'rectified', rectifiedRunId: last.runId });
      expect(typo('按装→安装')?.lifecycle).toMatchObject({ phase: 'rectified', rectifiedRunId: last.runId });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
