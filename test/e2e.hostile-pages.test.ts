// Issue 15: one inspection of a county whose sites are slow, hostile or broken in every way the issue names. The
// run ends complete, every healthy unit's findings are written and every fault is recorded with its page or unit.
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseCountyConfig } from '../config/index.ts';
import { inspectCounty } from '../inspection/index.ts';
import { startServer, type TestServer } from './fixtures/fetch/test-server.ts';

const servers: TestServer[] = [];
const timers: NodeJS.Timeout[] = [];
afterAll(async () => {
  for (const t of timers) clearInterval(t);
  await Promise.all(servers.map((s) => s.close()));
});

const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
const dated = (prefix: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<li><a href="${prefix}t202311${String((i % 28) + 1).padStart(2, '0')}_${i}.html">关于第${i}号文件的通知</a><span>2023-11-${String((i % 28) + 1).padStart(2, '0')}</span></li>`,
  ).join('');
const home = (base: string, extra = '') =>
  page(
    `<div class="nav"><a href="${base}zn/">政府信息公开指南</a><a href="${base}tz/">通知公告</a><a href="${base}zc/">政策文件</a></div>${extra}`,
  );

const hugeList = page(`<ul class="list">${dated('', 60_000)}</ul>`);
const hugeHome = home('/hugehome/', `<ul>${dated('/hugehome/', 60_000)}</ul>`);

function route(path: string): { status?: number; html?: string } {
  if (/^\/(ok|ok2|links|pager|huge)\/zn\//.test(path))
    return { html: page('<h1>政府信息公开指南</h1><p>本指南依据《中华人民共和国政府信息公开条例》编制。</p>') };
  if (/^\/(ok|ok2|links)\/(tz|zc)\//.test(path)) return { html: page(`<ul class="list">${dated('', 5)}</ul>`) };
  if (path === '/ok/' || path === '/ok2/') return { html: home(path) };
  // 3,000 text-less links (column discovery used to take minutes on them); one link target, so one link check
  if (path === '/links/')
    return {
      html: home(
        path,
        `<div class="box"><ul>${Array.from({ length: 3000 }, (_, i) => `<li><span></span><a href="/links/x#${i}"><img src="i.png"></a></li>`).join('')}</ul></div>`,
      ),
    };
  if (path === '/links/x') return { html: page('x') };
  if (path === '/pager/') return { html: home(path) };
  if (path === '/pager/tz/' || path === '/pager/zc/')
    return { html: page(`<ul class="list">${dated('', 3)}</ul><script>createPageHTML(99999999, 0, "index", "html");</script>`) };
  if (path === '/pager/tz/index_1.html' || path === '/pager/zc/index_1.html')
    return { html: page(`<ul class="list">${dated('', 2)}</ul><script>createPageHTML(11000000, 1, "index", "html");</script>`) };
  // a list page of 80,000 rows: its analysis runs past the time limit
  if (path === '/huge/') return { html: home(path) };
  if (path === '/huge/zc/') return { html: hugeList };
  if (path === '/huge/tz/') return { html: page(`<ul class="list">${dated('', 4)}</ul>`) };
  if (path === '/hugehome/') return { html: hugeHome };
  if (/t2023\d+_\d+\.html$/.test(path)) return { html: page('<h1>通知</h1><p>正文</p>') };
  return { status: 404 };
}

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

describe('one inspection of hostile and broken sites', () => {
  it("ends complete with every healthy unit's findings and every fault recorded per page or unit", async () => {
    const main = await serve((req, res) => {
      const r = route((req.url ?? '/').split('?')[0]);
      res.writeHead(r.status ?? 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(r.html ?? page('404'));
    });
    // every column answers slowly: the unit runs past its budget (its own port, so it does not slow the others)
    const slow = await serve((req, res) => {
      const path = req.url ?? '/';
      setTimeout(
        () => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            path === '/slow/'
              ? page(
                  ['政府信息公开指南', '通知公告', '政策文件', '机构职能', '财政预决算', '工作动态', '政策解读', '重大建设项目']
                    .map((t, i) => `<a href="/slow/c${i}/">${t}</a>`)
                    .join(''),
                )
              : page(`<ul>${dated('', 30)}</ul>`),
          );
        },
        path === '/slow/' ? 0 : 1_300,
      );
    });
    // a home page sent one byte every two seconds
    const trickle = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const t = setInterval(() => res.write(' '), 2_000);
      timers.push(t);
      res.on('close', () => clearInterval(t));
    });
    const unit = (id: string, origin: string) => `  - { id: ${id}, name: 单位${id}, class: B, home: ${origin}/${id}/ }`;
    const config = parseCountyConfig(
      `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 4, delayMs: 0 }
crawl: { retries: 0, pageDeadlineMs: 4000, unitBudgetMs: 12000, analysisThreads: 1, analysisTimeLimitMs: 1000, maxListPages: 3, browser: { screenshots: false } }
units:
${[unit('ok', main.origin), unit('ok2', main.origin), unit('links', main.origin), unit('pager', main.origin), unit('huge', main.origin), unit('hugehome', main.origin), unit('slow', slow.origin), unit('trickle', trickle.origin)].join('\n')}
`,
      'hostile.yaml',
    );
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-hostile-'));
    try {
      const dbPath = join(dir, 'z.db');
      let peakRss = 0;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const started = Date.now();
      const lines: string[] = [];
      const outcome = await inspectCounty({
        config,
        configPath: 'hostile.yaml',
        asOf: '2023-12-15',
        dbPath,
        outDir: dir,
        log: (l) => lines.push(l),
      });
      clearInterval(sampler);
      const seconds = (Date.now() - started) / 1000;
      console.log(`hostile inspection: ${seconds.toFixed(1)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MB (test process)`);
      expect(outcome.status).toBe('complete');
      expect(seconds).toBeLessThan(40);

      const written = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as { unitId: string; checkId: string }[];
      const units = new Set(written.map((f) => f.unitId));
      for (const healthy of ['ok', 'ok2', 'links', 'pager', 'huge']) expect(units, healthy).toContain(healthy);
      expect(written.filter((f) => f.unitId === 'trickle').map((f) => f.checkId)).toEqual(['site.unreachable']);
      // units that could not be inspected have no findings either way, and say why
      expect(units).not.toContain('slow');
      expect(units).not.toContain('hugehome');

      const db = new Database(dbPath, { readonly: true });
      const faults = new Map(
        (db.prepare('SELECT unit_id, fault FROM unit_tasks WHERE fault IS NOT NULL').all() as { unit_id: string; fault: string }[]).map(
          (r) => [r.unit_id, r.fault],
        ),
      );
      expect([...faults.keys()].sort()).toEqual(['hugehome', 'slow']);
      expect(faults.get('slow')).toMatch(/超过总时限 0\.2 分钟/);
      expect(faults.get('hugehome')).toMatch(new RegExp(`首页无法解析.*${main.origin}/hugehome/.*时限`));
      const pageRow = (url: string) =>
        db.prepare('SELECT ok, error_class, error_message FROM pages WHERE url = ?').get(url) as {
          ok: number;
          error_class: string;
          error_message: string;
        };
      expect(pageRow(`${main.origin}/huge/zc/`)).toMatchObject({ ok: 0, error_class: 'unparsable' });
      expect(pageRow(`${main.origin}/huge/zc/`).error_message).toContain(`${main.origin}/huge/zc/`);
      expect(pageRow(`${trickle.origin}/trickle/`)).toMatchObject({ ok: 0, error_class: 'timeout' });
      const column = db
        .prepare("SELECT status, note FROM column_obs WHERE unit_id = 'huge' AND url = ?")
        .get(`${main.origin}/huge/zc/`) as { status: string; note: string };
      expect(column.status).toBe('unreachable');
      expect(column.note).toContain(`${main.origin}/huge/zc/`);
      // the pager's announced 99,999,999 pages were not believed: the column was read as far as maxListPages
      const pagerCol = db
        .prepare("SELECT status, total_pages_seen FROM column_obs WHERE unit_id = 'pager' AND url = ?")
        .get(`${main.origin}/pager/zc/`) as { status: string; total_pages_seen: number | null };
      expect(pagerCol.status).toBe('ok');
      expect(pagerCol.total_pages_seen).toBeNull();
      const run = db.prepare('SELECT status, step FROM runs').get() as { status: string; step: string };
      expect(run).toEqual({ status: 'complete', step: 'done' });
      db.close();
      expect(lines.join('\n')).toMatch(/单位slow 本次未能检查/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
