import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractDetail, extractLinks, extractListRows, discoverColumns, discoverSubColumns, parseFeed } from '../crawler/index.ts';
import { analysePage, type AnalysisPart } from '../crawler/page-analysis.ts';
import { finishListRows } from '../crawler/list-extract.ts';
import { createAnalysisPool } from '../crawler/analysis-pool.ts';
import { PageAnalyser } from '../crawler/page-analyser.ts';
import type { LoadedPage } from '../crawler/page-source.ts';
import { openStore, type PageObservation } from '../store/index.ts';
import { threadNiceValues } from './helpers/thread-nice.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/extract/${name}`, import.meta.url), 'utf8');
const URL_OF = 'https://www.example.gov.cn/zwgk/bm/page.html';
const ALL: AnalysisPart[] = ['list', 'detail', 'links', 'columns', 'sub:majorProjects'];
const FIXTURES = [
  'trs-wcm-list.html',
  'epoint-list.html',
  'hanweb-datastore.html',
  'trs-hyun-list.html',
  'old-wcm-table.html',
  'kaipuyun-detail.html',
  'handan-detail.html',
  'epoint-detail.html',
  'discover-trs-hyun.html',
  'hub-major-projects.html',
  'malformed-comments-links.html',
  'script-built-list.html',
];

describe('one shared parse per page gives what each extractor gives alone', () => {
  for (const name of FIXTURES) {
    it(name, () => {
      const html = fixture(name);
      const a = analysePage(html, URL_OF, ALL);
      expect(finishListRows(a.list!, '2023-12-15')).toEqual(extractListRows(html, URL_OF, { asOf: '2023-12-15' }));
      expect(a.detail).toEqual(extractDetail(html, URL_OF));
      expect(a.links).toEqual(extractLinks(html, URL_OF));
      expect(a.columns).toEqual(discoverColumns(html, URL_OF));
      expect(a.sub!.majorProjects).toEqual(discoverSubColumns(html, URL_OF, 'majorProjects'));
      // the analysis crosses a thread boundary and the cache as JSON
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    });
  }
});

describe('analysis pool', () => {
  const pool = createAnalysisPool(1);
  afterAll(() => pool.close());

  it('pages are parsed on this thread while the worker starts: none waits for it', async () => {
    const html = fixture('trs-wcm-list.html');
    // the first pages are parsed inline and the 9th starts the worker, which takes a while to load its modules
    const results = Promise.all(Array.from({ length: 20 }, () => pool.analyse(html, URL_OF, ['list', 'links'])));
    expect(pool.threads()).toBe(1);
    let workerReadyFirst = false;
    const ready = pool.workersReady().then(() => void (workerReadyFirst = true));
    for (const r of await results) expect(r.analysis).toEqual(analysePage(html, URL_OF, ['list', 'links']));
    expect(workerReadyFirst).toBe(false);
    await ready;
  });

  it('a worker thread returns what the inline analysis returns', async () => {
    const html = fixture('trs-wcm-list.html');
    await Promise.all(Array.from({ length: 9 }, () => pool.analyse(html, URL_OF, ['list', 'links'])));
    await pool.workersReady();
    const results = await Promise.all(Array.from({ length: 12 }, () => pool.analyse(html, URL_OF, ['list', 'links'])));
    for (const r of results) expect(r.analysis).toEqual(analysePage(html, URL_OF, ['list', 'links']));
  });

  it('the worker thread runs at a lower priority than the main thread (Linux)', async () => {
    await pool.workersReady();
    await Promise.all(Array.from({ length: 10 }, () => pool.analyse(fixture('epoint-detail.html'), URL_OF, ['detail'])));
    const nice = threadNiceValues();
    if (!nice) return; // no /proc: nothing to check here
    expect(nice.get(process.pid)).toBe(0);
    expect([...nice.values()]).toContain(10);
  });

  it('feeds are parsed on the worker thread too, with what parseFeed gives', async () => {
    await Promise.all(Array.from({ length: 10 }, () => pool.analyse(fixture('epoint-detail.html'), URL_OF, ['detail'])));
    await pool.workersReady();
    expect(pool.threads()).toBe(1);
    for (const [name, type] of [
      ['feed-rsshub.xml', 'application/xml'],
      ['feed.json', 'text/html'],
      ['trs-wcm-list.html', 'text/html'],
    ]) {
      const r = await pool.parseFeed(fixture(name), type);
      expect(r.feed).toEqual(parseFeed(fixture(name), type));
      expect(JSON.parse(r.json)).toEqual(r.feed);
    }
    expect((await pool.parseFeed(fixture('feed-atom.xml'), null)).feed).toMatchObject({ ok: true, format: 'atom' });
  });

  it('with no worker threads everything is parsed on the calling thread', async () => {
    const inline = createAnalysisPool(0);
    const r = await inline.analyse(fixture('epoint-detail.html'), URL_OF, ['detail']);
    expect(r.analysis.detail?.title).toBeTruthy();
    expect(inline.threads()).toBe(0);
    await inline.close();
  });
});

describe('page analyses are cached per URL, content hash and extractor version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-analysis-'));
  const page = (hash: string): PageObservation => ({
    runId: 1,
    unitId: 'u',
    role: 'list',
    columnKey: 'deptInfo',
    url: URL_OF,
    finalUrl: URL_OF,
    ok: true,
    status: 200,
    errorClass: null,
    errorPermanent: null,
    errorMessage: null,
    contentType: 'text/html',
    encoding: 'utf-8',
    contentHash: hash,
    bytes: 1,
    notModified: false,
    rendered: false,
    screenshot: null,
    attempts: 1,
    fetchedAt: '2023-12-15T00:00:00Z',
  });
  const loaded = (hash: string, html: string, reads: { n: number }): LoadedPage => ({
    page: page(hash),
    hasBody: true,
    get html() {
      reads.n++;
      return html;
    },
  });

  it('an unchanged page is not parsed again in a later run; other content or another extractor version is', async () => {
    const store = openStore({ dbPath: join(dir, 'a.db') });
    const pool = createAnalysisPool(0);
    const html = fixture('trs-wcm-list.html');
    const reads = { n: 0 };
    const first = new PageAnalyser(store, pool, 'v1');
    const a1 = await first.analyse(loaded('h1', html, reads), URL_OF, ['list', 'links']);
    first.flush();
    expect(first.stats).toEqual({ parsed: 1, reused: 0, rendersReused: 0 });

    const second = new PageAnalyser(store, pool, 'v1'); // a new run
    const a2 = await second.analyse(loaded('h1', html, reads), URL_OF, ['list', 'links']);
    expect(a2).toEqual(a1);
    expect(second.stats).toEqual({ parsed: 0, reused: 1, rendersReused: 0 });
    expect(reads.n).toBe(1); // the stored body was not even decoded

    // a part not cached yet is parsed and merged
    const withDetail = await second.analyse(loaded('h1', html, reads), URL_OF, ['detail']);
    expect(withDetail?.detail).toBeDefined();
    expect(withDetail?.list).toEqual(a1?.list);

    const oldTitle = a1!.list!.rows[0].title;
    const changed = await second.analyse(loaded('h2', html.replaceAll(oldTitle, '更正后的文件标题'), reads), URL_OF, ['list']);
    expect(changed?.list?.rows[0].title).toBe('更正后的文件标题');

    const newCode = new PageAnalyser(store, pool, 'v2');
    await newCode.analyse(loaded('h1', html, reads), URL_OF, ['list']);
    expect(newCode.stats).toEqual({ parsed: 1, reused: 0, rendersReused: 0 });
    await pool.close();
    store.close();
  });
});
