// Report downloads: grouped by month, final apart from drafts, one zip per month; a unit gets only its finals.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parseCountyConfig } from '../config/index.ts';
import { createSession, createUser, type Store } from '../store/index.ts';
import { createApp, createServiceContext } from '../service/index.ts';
import { addRun, CONFIG_YAML, finding, tempStore } from './fixtures/scoring/helpers.ts';

let store: Store;
let dir: string;
let app: ReturnType<typeof createApp>;
let cookie: Record<string, string>;

const put = (rel: string, text: string) => {
  const full = join(dir, 'reports', rel);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
};

beforeEach(() => {
  ({ store, dir } = tempStore());
  const config = parseCountyConfig(CONFIG_YAML, 'test.yaml');
  const ctx = createServiceContext({ dbPath: '', config, configPath: 'test.yaml', outDir: dir, log: () => undefined }, store);
  app = createApp(ctx, { secureCookies: false });
  const nov = addRun(store, {
    asOf: '2023-11-15',
    findings: [finding({ unitId: 'yishi', checkId: 'column.stale', indicator: 'notice.monthly' })],
  });
  const dec = addRun(store, {
    asOf: '2023-12-15',
    findings: [finding({ unitId: 'yishi', checkId: 'column.stale', indicator: 'notice.monthly' })],
  });
  put(`run-${nov}/2023年11月全覆盖检查情况通报.docx`, 'nov final');
  put(`run-${nov}/整改通知单/yishi/整改通知单-猗氏镇政府.docx`, 'nov yishi final');
  put(`run-${dec}/2023年12月全覆盖检查情况通报（审核稿）.docx`, 'dec draft');
  put(`run-${dec}/整改通知单/yishi/整改通知单-猗氏镇政府（审核稿）.docx`, 'dec yishi draft');
  put(`run-${dec}/整改通知单/niudu/整改通知单-牛杜镇政府.docx`, 'dec niudu final');
  put(`run-${dec}/年度评分/2023年度政务公开工作考核评分表.xlsx`, 'dec sheet');
  const u1 = createUser(store, { username: 'pingshen', role: 'evaluator', password: 'correct-horse-1' });
  const u2 = createUser(store, { username: 'yishi', role: 'unit', unitId: 'yishi', password: 'correct-horse-1' });
  cookie = {
    evaluator: `zwgk_session=${createSession(store, u1.id, 3_600_000, new Date()).token}`,
    unit: `zwgk_session=${createSession(store, u2.id, 3_600_000, new Date()).token}`,
  };
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, who: 'evaluator' | 'unit') => app.request(path, { headers: { cookie: cookie[who] } });
const zipNames = async (res: Response) =>
  Object.keys((await JSZip.loadAsync(await res.arrayBuffer())).files)
    .filter((n) => !n.endsWith('/'))
    .sort();

describe('report downloads', () => {
  it('evaluators see months newest first, final apart from drafts, and get one zip per month and version', async () => {
    const html = await (await get('/reports', 'evaluator')).text();
    expect(html.indexOf('2023年12月')).toBeGreaterThan(0);
    expect(html.indexOf('2023年12月')).toBeLessThan(html.indexOf('2023年11月'));
    const dec = html.slice(html.indexOf('id="month-2023-12"'), html.indexOf('id="month-2023-11"'));
    const [finals, drafts] = dec.split('审核稿（2 个');
    expect(finals).toContain('正式版（2 个）');
    expect(finals).toContain('整改通知单-牛杜镇政府.docx');
    expect(finals).toContain('考核评分表.xlsx');
    expect(finals).not.toContain('（审核稿）.docx');
    expect(drafts).toContain('2023年12月全覆盖检查情况通报（审核稿）.docx');
    const finalZip = await get('/reports/month/2023-12-final.zip', 'evaluator');
    expect(finalZip.status).toBe(200);
    expect(finalZip.headers.get('content-disposition')).toContain(encodeURIComponent('2023年12月检查报告.zip'));
    expect((await zipNames(finalZip)).map((n) => n.split('/').pop())).toEqual([
      '2023年度政务公开工作考核评分表.xlsx',
      '整改通知单-牛杜镇政府.docx',
    ]);
    const draftZip = await get('/reports/month/2023-12-draft.zip', 'evaluator');
    expect((await zipNames(draftZip)).every((n) => n.includes('审核稿'))).toBe(true);
    expect((await get('/reports/month/2023-10-final.zip', 'evaluator')).status).toBe(404);
    expect((await get('/reports/month/..%2F..%2Fetc-final.zip', 'evaluator')).status).toBe(404);
  });

  it('a unit sees and downloads only the final versions addressed to it', async () => {
    const html = await (await get('/unit/reports', 'unit')).text();
    expect(html).toContain('整改通知单-猗氏镇政府.docx');
    expect(html).not.toContain('审核稿（');
    expect(html).not.toContain('牛杜镇');
    expect(html).not.toContain('全覆盖检查情况通报');
    const draftPath = html.match(/path=([^"]+)"/g)!.map((m) => decodeURIComponent(m.slice(5, -1)));
    expect(draftPath).toEqual([expect.stringMatching(/整改通知单\/yishi\/整改通知单-猗氏镇政府\.docx$/)]);
    expect(
      (
        await get(
          `/reports/file?path=${encodeURIComponent(draftPath[0].replace('.docx', '（审核稿）.docx').replace(/run-\d+/, 'run-2'))}`,
          'unit',
        )
      ).status,
    ).toBe(404);
    expect((await get('/reports/month/2023-12-final.zip', 'unit')).status).toBe(404); // nothing final of its own in December
    expect((await get('/reports/month/2023-12-draft.zip', 'unit')).status).toBe(404);
    const nov = await get('/reports/month/2023-11-final.zip', 'unit');
    expect((await zipNames(nov)).map((n) => n.split('/').pop())).toEqual(['整改通知单-猗氏镇政府.docx']);
  });
});
