import { describe, it, expect } from 'vitest';
import { detectPagination, MAX_PAGE_URLS } from '../crawler/pagination.ts';
import { analysePage } from '../crawler/page-analysis.ts';
import { AnalysisTimeLimitError, createAnalysisPool } from '../crawler/analysis-pool.ts';

// Issue 15 item 2: counts announced by a page are untrusted, and one page's analysis can never hold or fail a run.
const pager = (total: number) => `<html><body><ul><li><a href="t20231201_1.html">通知</a><span>2023-12-01</span></li></ul>
  <script>createPageHTML(${total}, 0, "index", "html");</script></body></html>`;

describe('announced counts are bounded before anything is built from them', () => {
  it('createPageHTML(99999999, …) and (11000000, …): a bounded list of page URLs, the count unknown', () => {
    for (const total of [99_999_999, 11_000_000]) {
      const started = performance.now();
      const p = detectPagination(pager(total), 'http://127.0.0.1:1/u/list/index.html');
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(p.kind).toBe('trs-createPageHTML');
      expect(p.totalPages).toBeNull();
      expect(p.pageUrls.length).toBeLessThanOrEqual(MAX_PAGE_URLS);
      // the whole analysis (what the cache stores as JSON) stays small
      expect(JSON.stringify(analysePage(pager(total), 'http://127.0.0.1:1/u/list/index.html', ['list', 'links'])).length).toBeLessThan(
        50_000,
      );
    }
  });

  it('a believable count is kept', () => {
    const p = detectPagination(pager(12), 'http://127.0.0.1:1/u/list/index.html');
    expect(p.totalPages).toBe(12);
    expect(p.pageUrls).toHaveLength(11);
    expect(p.pageUrls[0]).toBe('http://127.0.0.1:1/u/list/index_1.html');
  });
});

describe('analysis time limit', () => {
  it('a page analysed past the limit fails alone with a time-limit error; the worker is replaced and later pages are analysed', async () => {
    const pool = createAnalysisPool(1, { timeLimitMs: 300 });
    try {
      const rows = Array.from(
        { length: 60_000 },
        (_, i) => `<li><a href="/u/l/t20231101_${i}.html">关于第${i}号文件的通知</a><span>2023-11-01</span></li>`,
      ).join('');
      const huge = `<html><body><ul>${rows}</ul></body></html>`; // several seconds of parsing, over 1 MB: goes to the worker
      const started = performance.now();
      const err = await pool.analyse(huge, 'http://127.0.0.1:1/u/l/', ['list', 'links']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AnalysisTimeLimitError);
      expect((err as Error).message).toMatch(/页面解析超过时限 0\.3 秒.*127\.0\.0\.1:1\/u\/l\//);
      // it was stopped, not waited for (the worker's start-up counts once)
      expect(performance.now() - started).toBeLessThan(10_000);
      const small = await pool.analyse('<html><body><a href="/u/zn/">政府信息公开指南</a></body></html>', 'http://127.0.0.1:1/u/', [
        'columns',
      ]);
      expect(small.analysis.columns?.map((c) => c.key)).toContain('guide');
      expect(pool.threads()).toBe(1);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
