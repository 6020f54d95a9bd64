// Issue 17: a content finding in an article is corrected (整改完成) only when a later run read that article again and
// found nothing; an article past the reading window is not read next month, and its finding stays open.
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
const TITLE = '全乡召开秋季防火工作会议';
const body = (word: string) =>
  page(
    TITLE,
    `${NAV}<div class="article"><h1>${TITLE}</h1><div class="info">发布日期：2023-10-20</div><div class="content"><p>会议对近期防火工作进行了${word}，要求各村落实责任。</p></div></div>`,
  );

function portal(article: () => string) {
  return startServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const html: Record<string, string> = {
      '/u/': page('试点乡政府', `${NAV}<p>试点乡政府门户网站</p>`),
      '/u/dt/': page('工作动态', `${NAV}<ul class="list"><li><a href="/u/dt/a1.html">${TITLE}</a><span>2023-10-20</span></li></ul>`),
      '/u/dt/a1.html': article(),
    };
    res.writeHead(html[path] ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html[path] ?? page('404', '404'));
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
  it('stays open while the article is not read again, and is corrected when it is read without the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-rectified-'));
    const dbPath = join(dir, 'z.db');
    let article = body('布署');
    const server = await portal(() => article);
    const inspect = (asOf: string, days: number) =>
      inspectCounty({ config: config(server.origin, days), configPath: 'test.yaml', asOf, dbPath, outDir: join(dir, asOf) });
    const typoIn = (runId: number): TrackedFinding | undefined => {
      const store = openStore({ dbPath });
      try {
        return listTrackedFindings(store).find(
          (f) => f.checkId === 'content.typo' && f.subject.startsWith('布署→部署') && f.runId <= runId,
        );
      } finally {
        store.close();
      }
    };
    try {
      const run1 = await inspect('2023-11-01', 31);
      expect(run1.findings.filter((f) => f.checkId === 'content.typo').map((f) => f.evidence[0].url)).toEqual([
        `${server.origin}/u/dt/a1.html`,
      ]);

      // December: the article is older than the month read, so it is not opened; its typo is no longer reported,
      // but nothing says it was corrected
      const run2 = await inspect('2023-12-15', 31);
      expect(run2.findings.some((f) => f.checkId === 'content.typo')).toBe(false);
      expect(typoIn(run2.runId)?.status).toBe('pending');
      expect(typoIn(run2.runId)?.lifecycle.phase).toBe('new');

      // the unit corrected it, and a run reading further back opens the article again
      article = body('部署');
      const run3 = await inspect('2023-12-20', 90);
      expect(run3.findings.some((f) => f.checkId === 'content.typo')).toBe(false);
      const fixed = typoIn(run3.runId);
      expect(fixed?.status).toBe('rectified');
      expect(fixed?.lifecycle).toMatchObject({ phase: 'rectified', rectifiedRunId: run3.runId });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
