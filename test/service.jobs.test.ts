// The service's jobs on a small portal: 已整改 → queued re-check → self-check run (a gap really fixed is marked
// rectified; a re-check that could not fetch the unit never counts as fixed), the weekly new-media job, and the
// reports written after a run.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { oneUnitCounty } from './helpers/county-config.ts';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { startService, runRecheck, serviceJobs, generateRunReports, type RunningService } from '../service/index.ts';
import { queueRecheck, listTrackedFindings, listRuns, loadFindings } from '../store/index.ts';
import { inspectCounty } from '../inspection/index.ts';

const state = { fixed: false, homeDown: false };
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const rows = (n: number, prefix: string) =>
  `<ul class="list">${Array.from({ length: n }, (_, i) => `<li><a href="/u/${prefix}/${i}.html" title="${prefix}信息${i}">${prefix}信息${i}</a><span>2023-12-0${1 + (i % 9)}</span></li>`).join('')}</ul>`;

let server: Server;
let origin: string;
let service: RunningService;
let first: Awaited<ReturnType<typeof inspectCounty>>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (url === '/u/' && state.homeDown) return void res.writeHead(503).end('busy');
    if (url === '/u/') {
      return void res.end(
        page(
          '试点乡政务公开',
          `<div class="nav"><a href="/u/gzdt/">工作动态</a><a href="/u/gkzn/">政府信息公开指南</a><a href="/u/zcwj/">政策文件</a></div>`,
        ),
      );
    }
    if (url === '/u/gzdt/') {
      return void res.end(page('工作动态', state.fixed ? rows(5, 'gzdt') : '<div class="list">暂无信息</div>'));
    }
    if (url === '/feed.xml') {
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      const item = (d: string, t: string) => `<item><title>${t}</title><link>${origin}/u/p/${d}</link><pubDate>${d}</pubDate></item>`;
      return void res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>试点发布</title>${item('Sun, 01 Oct 2023 08:00:00 +0800', '国庆')}${item('Mon, 20 Nov 2023 08:00:00 +0800', '冬季')}</channel></rss>`,
      );
    }
    if (url === '/u/zcwj/') return void res.end(page('政策文件', rows(3, 'zcwj')));
    if (url === '/u/gkzn/')
      return void res.end(page('指南', '<div class="TRS_Editor"><p>本机关政府信息公开指南，工作机构：试点乡党政办公室。</p></div>'));
    res.end(page('信息', '<div class="TRS_Editor"><p>正文内容，此件公开发布。</p></div>'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = oneUnitCounty(origin, [`newMedia: [{ platform: wechat, account: 试点发布, feed: ${origin}/feed.xml }]`]);
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-recheck-'));
  const dbPath = join(dir, 'z.db');
  first = await inspectCounty({ config, configPath: 'test.yaml', asOf: '2023-12-15', dbPath, outDir: dir });
  expect(first.findings.some((f) => f.checkId === 'column.blank' && f.column === 'deptInfo')).toBe(true);
  service = await startService({
    dbPath,
    config,
    configPath: 'test.yaml',
    outDir: dir,
    port: 0,
    scheduler: false,
    asOf: '2023-12-15',
    log: () => undefined,
  });
}, 120_000);

afterAll(async () => {
  await service?.close();
  await new Promise((r) => server.close(r));
});

const blankFinding = () => listTrackedFindings(service.ctx.store, {}).find((f) => f.checkId === 'column.blank' && f.column === 'deptInfo')!;

describe('re-check after 已整改', () => {
  it('a re-check that cannot reach the unit leaves the gap open', async () => {
    state.homeDown = true;
    const r = queueRecheck(service.ctx.store, { unitId: 'shidian', reason: 'rectify', by: '试点乡' });
    await runRecheck(service.ctx, r);
    expect(blankFinding().lifecycle.phase).not.toBe('rectified');
    state.homeDown = false;
  }, 120_000);

  it('a re-check that still sees the gap keeps it open', async () => {
    const r = queueRecheck(service.ctx.store, { unitId: 'shidian', reason: 'rectify', by: '试点乡' });
    const result = await runRecheck(service.ctx, r);
    expect(result.outcome).toBe('complete');
    const f = blankFinding();
    expect(f.lifecycle.phase).toBe('repeated');
    expect(f.runId).toBe(result.runId);
  }, 120_000);

  it('a re-check of the fixed column marks the finding rectified with that run', async () => {
    state.fixed = true;
    const r = queueRecheck(service.ctx.store, { unitId: 'shidian', reason: 'rectify', by: '试点乡' });
    const result = await runRecheck(service.ctx, r);
    expect(result.outcome).toBe('complete');
    const f = blankFinding();
    expect(f.lifecycle.phase).toBe('rectified');
    if (f.lifecycle.phase === 'rectified') expect(f.lifecycle.rectifiedRunId).toBe(result.runId);
  }, 120_000);
});

describe('weekly new-media job', () => {
  it('reads only the feeds, in a run of its own, and records each gap longer than 14 days', async () => {
    const job = serviceJobs(service.ctx).find((j) => j.name === 'newmedia')!;
    const result = await job.run({ trigger: 'manual', dueAt: null, resume: false });
    expect(result.outcome).toBe('complete');
    const run = listRuns(service.ctx.store).find((r) => r.id === result.runId)!;
    expect(run.kind).toBe('newmedia');
    const findings = loadFindings(service.ctx.store, run.id).filter((f) => f.kind !== 'warning');
    expect(findings.map((f) => f.checkId)).toEqual(['newmedia.stale']);
    // 01-01 → 10-01, 10-01 → 11-20, 11-20 → 12-15: three gaps over 14 days
    expect(findings[0].occurrences).toBe(3);
  }, 120_000);
});

describe('reports after a run', () => {
  it("writes the monthly 通报, the units' 整改通知单 and the annual 评分表 from the run", async () => {
    const files = await generateRunReports(service.ctx, first.runId);
    expect(files.some((f) => f.endsWith('.xlsx'))).toBe(true);
    const unitDocx = files.find((f) => f.includes('整改通知单') && f.endsWith('.docx'))!;
    expect(unitDocx).toBeDefined();
    const xml = await (await JSZip.loadAsync(readFileSync(unitDocx))).file('word/document.xml')!.async('string');
    expect(xml).toContain('试点乡政府');
    expect(xml).toContain('政务新媒体');
    // the blank column was rectified by the re-check above: it is not sent to the unit again
    expect(xml).not.toContain('空白栏目');
    const monthly = files.find((f) => f.endsWith('.html') && f.includes('通报'))!;
    expect(readFileSync(monthly, 'utf8')).toContain('2023年12月');
  }, 120_000);
});
