// Issue 17: the content-safety checks read every page of a unit the crawler stores — its home, static column pages
// (a 财政预决算 page that is one article, not a list), list pages and the titles of rows not opened — not only
// detail pages; each text once (a footer on every page, a row title that is also on the home: one finding), with
// the place named in the evidence. A real inspection of a loopback portal.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCounty, type InspectOutcome } from '../inspection/index.ts';
import { parseCountyConfig } from '../config/index.ts';
import type { Finding } from '../checks/index.ts';
import { startServer } from './fixtures/fetch/test-server.ts';

const ID = '11010519491231002X'; // the GB 11643 example number: valid region, date and check digit
const FOOTER = '<div class="footer">主办：试点乡政府　地址：试点乡人民路1号　县长李明主持召开常务会议</div>';
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}${FOOTER}</body></html>`;
const NAV =
  '<div class="nav"><a href="/u/zn/">政府信息公开指南</a><a href="/u/yjs/">财政预决算</a><a href="/u/dt/">工作动态</a><a href="/u/jg/">机构职能</a></div>';

function portal() {
  return startServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const html: Record<string, string> = {
      '/u/': page(
        '试点乡政府',
        `${NAV}<div class="news"><ul><li><a href="/u/dt/t1.html">全乡布署秋冬季防火工作</a></li><li><a href="/u/dt/t2.html">乡政府召开安全生产会议</a></li></ul></div>`,
      ),
      '/u/zn/': page(
        '政府信息公开指南',
        `${NAV}<div class="content"><h1>政府信息公开指南</h1><p>本指南依据《中华人民共和国政府信息公开条例》编制，申请人可当面或来信提出申请。</p></div>`,
      ),
      '/u/jg/': page(
        '机构职能',
        `${NAV}<div class="content"><h1>机构职能</h1><p>负责全乡经济社会发展规划的编制和实施，承办县政府交办的其他事项。</p></div>`,
      ),
      '/u/yjs/': page(
        '财政预决算',
        `${NAV}<div class="content"><h1>2023年部门预算公开说明</h1><p>本单位2023年部门预算已经县人大批准。预算编制联系人：王小红，身份证号：${ID}，如有疑问请来电。</p><p>本说明所称预算包括一般公共预算和政府性基金预算，收支总计一千二百万元，较上年增长百分之三。</p></div>`,
      ),
      '/u/dt/': page(
        '工作动态',
        `${NAV}<ul class="list"><li><a href="/u/dt/t1.html">全乡布署秋冬季防火工作</a><span>2023-11-02</span></li><li><a href="/u/dt/t2.html">乡政府召开安全生产会议</a><span>2023-11-01</span></li></ul>`,
      ),
    };
    res.writeHead(html[path] ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html[path] ?? page('404', '404'));
  });
}

let server: Awaited<ReturnType<typeof portal>>;
let dir: string;
let outcome: InspectOutcome;
const contentFindings = (): Finding[] =>
  outcome.findings.filter((f) => f.checkId.startsWith('content.') || f.checkId === 'privacy.exposure');

beforeAll(async () => {
  server = await portal();
  dir = mkdtempSync(join(tmpdir(), 'zwgk-every-column-'));
  const config = parseCountyConfig(
    `
county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, browser: { screenshots: false } }
leaders:
  - { name: 张建国, title: 县长 }
  - { name: 李明, title: 副县长 }
units:
  - id: shidian
    name: 试点乡政府
    class: A
    home: ${server.origin}/u/
`,
    'test.yaml',
  );
  outcome = await inspectCounty({
    config,
    configPath: 'test.yaml',
    asOf: '2023-11-15',
    dbPath: join(dir, 'z.db'),
    outDir: join(dir, 'out'),
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log('DIR', dir);
});

describe('content checks on every column', () => {
  it('finds an ID number on a static column page, named by its column and address', () => {
    expect(outcome.status).toBe('complete');
    const leaks = outcome.findings.filter((f) => f.checkId === 'privacy.exposure');
    expect(leaks).toHaveLength(1);
    const ev = leaks[0].evidence[0];
    expect(ev.url).toBe(`${server.origin}/u/yjs/`);
    expect(ev.place).toContain('栏目“财政预决算”页面');
    expect(ev.place).toContain('/u/yjs/');
    expect(leaks[0].column).toBe('budget');
    expect(leaks[0].confidence).toBe('high'); // labelled 身份证号, validated
    // masked everywhere the finding shows it
    expect(JSON.stringify(leaks[0])).not.toContain(ID);
  });

  it('finds a wrong leader title repeated in the footer of every page once, where it is first read', () => {
    const titles = contentFindings().filter((f) => f.checkId === 'content.expression');
    expect(titles.map((f) => f.subject)).toEqual([expect.stringContaining('县长李明→副县长')]);
  });

  it('reads a list row title once, though the home repeats it', () => {
    const typos = contentFindings().filter((f) => f.checkId === 'content.typo');
    expect(typos).toHaveLength(1);
    expect(typos[0].subject).toContain('布署→部署');
    expect(typos[0].evidence[0].place).toContain('栏目“工作动态”列表');
    expect(typos[0].evidence[0].excerpt).toContain('【布署】');
  });

  it('raises nothing from navigation or ordinary text', () => {
    expect(contentFindings()).toHaveLength(3);
  });
});
