// A county whose sites are slow, hostile or broken in every way issue 15 names (a trickled home page, a pager that
// announces 99,999,999 pages, 3,000 text-less links, a list past the analysis time limit, a unit past its budget),
// with healthy units beside them. Used by test/e2e.hostile-pages.test.ts and bench/hostile-rss.ts.
import { startServer, type TestServer } from '../test/fixtures/fetch/test-server.ts';

export const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
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

export interface HostileCounty {
  main: TestServer;
  slow: TestServer;
  trickle: TestServer;
  /** County config (YAML) of all eight units with the test's deadlines and budgets. */
  configYaml: string;
  close(): Promise<void>;
}

export async function startHostileCounty(): Promise<HostileCounty> {
  const timers: NodeJS.Timeout[] = [];
  const main = await startServer((req, res) => {
    const r = route((req.url ?? '/').split('?')[0]);
    res.writeHead(r.status ?? 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(r.html ?? page('404'));
  });
  // every column answers slowly: the unit runs past its budget (its own port, so it does not slow the others)
  const slow = await startServer((req, res) => {
    const path = req.url ?? '/';
    const body =
      path === '/slow/'
        ? page(
            ['政府信息公开指南', '通知公告', '政策文件', '机构职能', '财政预决算', '工作动态', '政策解读', '重大建设项目']
              .map((t, i) => `<a href="/slow/c${i}/">${t}</a>`)
              .join(''),
          )
        : page(`<ul>${dated('', 30)}</ul>`);
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body), path === '/slow/' ? 0 : 1_300);
  });
  // a home page sent one byte every two seconds
  const trickle = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    const t = setInterval(() => res.write(' '), 2_000);
    timers.push(t);
    res.on('close', () => clearInterval(t));
  });
  const unit = (id: string, origin: string) => `  - { id: ${id}, name: 单位${id}, class: B, home: ${origin}/${id}/ }`;
  const configYaml = `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 4, delayMs: 0 }
crawl: { retries: 0, pageDeadlineMs: 4000, unitBudgetMs: 12000, analysisThreads: 1, analysisTimeLimitMs: 1000, maxListPages: 3, browser: { screenshots: false } }
units:
${[...['ok', 'ok2', 'links', 'pager', 'huge', 'hugehome'].map((id) => unit(id, main.origin)), unit('slow', slow.origin), unit('trickle', trickle.origin)].join('\n')}
`;
  return {
    main,
    slow,
    trickle,
    configYaml,
    async close() {
      for (const t of timers) clearInterval(t);
      await Promise.all([main, slow, trickle].map((s) => s.close()));
    },
  };
}
