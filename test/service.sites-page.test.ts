// 网站监测 pages: availability this week and month from stored probes, failures with time and reason, the 19号
// findings with evidence (escaped, personal numbers masked), the latest 自查报告 download; for the office only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCountyConfig } from '../config/index.ts';
import { runSiteChecks } from '../checks/index.ts';
import { selfCheck19FileName } from '../reports/index.ts';
import { scoreSite19 } from '../scoring/index.ts';
import { createSession, createUser, saveProbe, saveSiteResult, type Store } from '../store/index.ts';
import { createApp, createServiceContext } from '../service/index.ts';
import { tempStore } from './fixtures/scoring/helpers.ts';
import { observation, probesOver, siteInput } from './helpers/site-input.ts';

const CONFIG = `county: 测试县
year: 2023
rubric: builtin:2023
site:
  home: https://www.example.gov.cn/
units:
  - { id: yishi, name: 猗氏镇政府, class: A, home: https://example.gov.cn/yishi/ }
  - { id: jiaoyu, name: 教育局, class: B, home: https://jy.example.gov.cn/, site: { kind: 部门 } }
`;
const PORTAL = '测试县人民政府门户网站';
const HOSTILE_TITLE = '<script>alert(1)</script>身份证号 11010519491231002X';

let store: Store;
let dir: string;
let app: ReturnType<typeof createApp>;
let cookie: Record<string, string>;

function put(rel: string, text: string): void {
  const full = join(dir, 'reports', rel);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
}

beforeEach(() => {
  ({ store, dir } = tempStore());
  const config = parseCountyConfig(CONFIG, 'test.yaml');
  const ctx = createServiceContext(
    { dbPath: '', config, configPath: join(dir, 'test.yaml'), outDir: dir, asOf: '2023-12-15', log: () => undefined },
    store,
  );
  app = createApp(ctx, { secureCookies: false });

  // The week: 140 probes, 6 time out, one more could not run because our own network was down; a week earlier in the month, 10 good ones.
  const week = probesOver('2023-12-15', 140, 6).map((p, i) =>
    i === 2 ? { ...p, errorClass: 'http_status' as const, status: 503, message: '<b>Service Unavailable</b>' } : p,
  );
  week[20] = { ...week[20], ok: false, status: null, errorClass: 'timeout', networkDown: true };
  for (const p of week) saveProbe(store, p);
  for (const p of probesOver('2023-12-08', 10, 0).filter((p) => p.at >= '2023-12-01T00:00:00+08:00')) saveProbe(store, p);
  saveProbe(store, {
    ...week[50],
    at: '2023-12-15T03:00:00.000Z',
    source: 'run',
    ok: false,
    status: null,
    errorClass: 'reset',
    message: null,
  });

  const input = siteInput({
    asOf: '2023-12-15',
    site: { id: 'portal', name: PORTAL, home: 'https://www.example.gov.cn/', kind: '门户', unitId: null },
    observation: observation({ icp: null, title: HOSTILE_TITLE }),
    probes: week,
  });
  const result = scoreSite19({
    table: input.table,
    findings: runSiteChecks(input),
    siteId: 'portal',
    siteName: PORTAL,
    kind: '门户',
    month: '2023-12',
    asOf: '2023-12-15',
  });
  saveSiteResult(store, 'portal', '2023-11', '2023-11-15', { ...result, month: '2023-11', verdict: '不合格', deductionScore: null });
  saveSiteResult(store, 'portal', '2023-12', '2023-12-15', result);
  put(`run-3/site/${selfCheck19FileName(PORTAL, '2023-12')}.docx`, 'older run');
  put(`run-7/site/${selfCheck19FileName(PORTAL, '2023-12')}.docx`, 'newest run');
  put(`run-7/site/${selfCheck19FileName(PORTAL, '2023-12')}.html`, 'newest run');
  put(`run-7/site/${selfCheck19FileName(PORTAL, '2023-11')}.docx`, 'another month');

  const office = createUser(store, { username: 'pingshen', role: 'evaluator', password: 'correct-horse-1' });
  const unit = createUser(store, { username: 'jiaoyu', role: 'unit', unitId: 'jiaoyu', password: 'correct-horse-1' });
  cookie = {
    office: `zwgk_session=${createSession(store, office.id, 3_600_000, new Date()).token}`,
    unit: `zwgk_session=${createSession(store, unit.id, 3_600_000, new Date()).token}`,
  };
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, who?: 'office' | 'unit') => app.request(path, { headers: who ? { cookie: cookie[who] } : {} });

describe('网站监测 pages', () => {
  it("lists every configured site with this week's and this month's availability, the latest verdict and its 自查报告", async () => {
    const res = await get('/sites', 'office');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<a href="/sites">网站监测</a>');
    const [portalRow, deptRow] = html.split('<tr>').filter((r) => r.includes('/sites/portal') || r.includes('/sites/jiaoyu'));
    expect(portalRow).toContain(PORTAL);
    // week: 139 counted (one network-down probe left out), 6 failed; month adds 10 good probes of the week before
    expect(portalRow).toContain('达到预警线</span>：失败 6 / 139 次（4.3%），另 1 次本机网络中断未计入');
    expect(portalRow).toContain('失败 6 / 149 次（4.0%）');
    expect(portalRow).toContain('2023年12月：合格（扣分部分');
    const links = [...portalRow.matchAll(/href="\/reports\/file\?path=([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));
    expect(links).toEqual([
      `run-7/site/${selfCheck19FileName(PORTAL, '2023-12')}.docx`,
      `run-7/site/${selfCheck19FileName(PORTAL, '2023-12')}.html`,
    ]);
    expect(deptRow).toContain('教育局网站');
    expect(deptRow).toContain('无计入的探测');
    expect(deptRow).toContain('尚无自查结果');
    // the listed report downloads
    expect((await get(`/reports/file?path=${encodeURIComponent(links[0])}`, 'office')).status).toBe(200);
  });

  it("a site's page shows each failure with its time and reason, the findings with evidence, escaped and masked", async () => {
    const html = await (await get('/sites/portal', 'office')).text();
    const failures = html.slice(html.indexOf('失败记录'), html.indexOf('19号 自查结果</h2>'));
    expect(failures).toContain('失败记录（8 条，最新在前）'); // 6 failures, the network-down one and the inspection's own read
    expect(failures).toContain('访问超时');
    expect(failures).toContain('HTTP 错误状态（HTTP 503）：&lt;b&gt;Service Unavailable&lt;/b&gt;');
    expect(failures).toContain('本机网络中断（参照地址也无法访问），不计入');
    expect(failures).toContain('检查时读取，不计入探测占比');
    expect(failures).toContain('2023-12-15 11:00'); // the run read at 03:00 UTC, shown in Beijing time
    expect(failures.indexOf('2023-12-15 11:00')).toBeLessThan(failures.indexOf('访问超时')); // newest first
    const result = html.slice(html.indexOf('19号 自查结果</h2>'));
    expect(result).toContain('结论：<strong>合格</strong>');
    expect(result).toContain('首页未展示ICP备案编号');
    expect(result).toContain('href="https://www.example.gov.cn/"');
    expect(result).toContain('可用性预警失败占比 3%（待核原文）');
    expect(result).toContain('各月结果');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('11010519491231002X');
    expect(html).toContain(`path=${encodeURIComponent(`run-7/site/${selfCheck19FileName(PORTAL, '2023-12')}.docx`)}`);
  });

  it('is for the office: a unit account is refused, a visitor sent to log in, an unknown site not found', async () => {
    expect((await get('/sites', 'unit')).status).toBe(403);
    expect((await get('/sites/jiaoyu', 'unit')).status).toBe(403);
    const visitor = await get('/sites');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toContain('/login');
    expect((await get('/sites/nosuch', 'office')).status).toBe(404);
    expect((await get('/sites/%3Cscript%3E', 'office')).status).toBe(404);
  });
});
