// Issue 15 item 4: a finding's identity is built from what does not move. The portal comes back on another port
// between two runs: every review decision is kept and nothing returns as a new 待审核 item.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCounty } from '../inspection/index.ts';
import { identitySubject } from '../checks/finding-identity.ts';
import { openStore, recordDecision, listTrackedFindings } from '../store/index.ts';
import { oneUnitCounty } from './helpers/county-config.ts';
import { startServer } from './fixtures/fetch/test-server.ts';

const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
function portal() {
  return startServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const html: Record<string, string> = {
      '/u/': page('<a href="/u/zn/">政府信息公开指南</a><a href="/u/zc/?utm_source=nav">政策文件</a><a href="/u/gone.html">机构职能</a>'),
      '/u/zn/': page('<h1>政府信息公开指南</h1><p>本指南依据条例编制。</p>'),
      '/u/zc/': page(
        '<ul><li><a href="t20231101_1.html">关于印发方案的通知</a><span>2023-11-01</span></li><li><a href="/u/dead.html">已删除文件</a><span>2023-10-01</span></li></ul>',
      ),
      '/u/zc/t20231101_1.html': page('<h1>关于印发方案的通知</h1><p>正文</p>'),
    };
    res.writeHead(html[path] ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html[path] ?? page('404'));
  });
}

describe('finding identity across a portal move', () => {
  it("keys ignore scheme, host, port, fragment and tracking parameters of the unit's own site", () => {
    const a = identitySubject('http://127.0.0.1:8080/u/zc/?utm_source=x&b=2&a=1#top', 'http://127.0.0.1:8080/u/');
    expect(a).toBe('/u/zc/?a=1&b=2');
    expect(identitySubject('https://127.0.0.1:9443/u/zc/?a=1&b=2&spm=3', 'https://127.0.0.1:9443/u/')).toBe(a);
    expect(identitySubject('预警:http://127.0.0.1:1/u/x', 'http://127.0.0.1:1/u/')).toBe('预警:/u/x');
    expect(identitySubject('http://other.gov.cn:81/p', 'http://127.0.0.1:1/u/')).toBe('//other.gov.cn/p');
    expect(identitySubject('deptInfo', 'http://127.0.0.1:1/u/')).toBe('deptInfo');
  });

  it('moving the portal to another port between two runs keeps every decision', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-move-'));
    const dbPath = join(dir, 'z.db');
    try {
      const first = await portal();
      const run1 = await inspectCounty({
        config: oneUnitCounty(first.origin),
        configPath: 'a.yaml',
        asOf: '2023-12-15',
        dbPath,
        outDir: join(dir, 'a'),
      });
      await first.close();
      expect(run1.status).toBe('complete');
      expect(run1.findings.some((f) => f.subject.includes(`:${first.port}/`))).toBe(true); // URL subjects are in the test
      const store = openStore({ dbPath });
      for (const f of run1.findings) recordDecision(store, { findingId: f.id, action: 'confirm', by: '张三', reason: '核实' });
      store.close();

      const second = await portal();
      expect(second.port).not.toBe(first.port);
      const run2 = await inspectCounty({
        config: oneUnitCounty(second.origin),
        configPath: 'b.yaml',
        asOf: '2023-12-15',
        dbPath,
        outDir: join(dir, 'b'),
      });
      await second.close();
      expect(run2.status).toBe('complete');
      expect(run2.findings.some((f) => f.subject.includes(`:${second.port}/`))).toBe(true);
      expect(new Set(run2.findings.map((f) => f.id))).toEqual(new Set(run1.findings.map((f) => f.id)));

      const after = openStore({ dbPath });
      const tracked = listTrackedFindings(after);
      after.close();
      expect(tracked).toHaveLength(run1.findings.length); // counts do not double
      for (const t of tracked) {
        expect(t.review.status, t.subject).toBe('confirmed');
        expect(t.lifecycle.phase).toBe('repeated');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
