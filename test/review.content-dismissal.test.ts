// Issue 17: a content finding marked 确认无误 (dismiss) is not raised again in later months while the text it judged
// is unchanged, and comes back as pending when that text changes. Three monthly inspections through the pipeline.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCounty } from '../cli/pipeline.ts';
import { openStore, recordDecision, listTrackedFindings, recordMonthlyNotices, type TrackedFinding } from '../store/index.ts';
import { oneUnitCounty } from './helpers/county-config.ts';
import { startServer } from './fixtures/fetch/test-server.ts';
import { findingPage } from '../service/web/views/findings.ts';

const evaluator = {
  id: 1,
  username: 'li',
  displayName: '李评议',
  role: 'evaluator',
  unitId: null,
  disabled: false,
  createdAt: '',
} as const;

const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
const GUIDE_MONTH_1 = '<h1>政府信息公开指南</h1><p>本机关已布署依申请公开工作，申请人可通过网站提交申请，本指南依据条例编制。</p>';
const GUIDE_MONTH_3 =
  '<h1>政府信息公开指南</h1><p>今年起本机关重新布署依申请公开工作，申请人可当面或来信提交申请，本指南依据条例编制。</p>';

function portal(guide: () => string) {
  return startServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const html: Record<string, string> = {
      '/u/': page('<a href="/u/zn/">政府信息公开指南</a><a href="/u/gone.html">机构职能</a>'),
      '/u/zn/': page(guide()),
    };
    res.writeHead(html[path] ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html[path] ?? page('404'));
  });
}

describe('确认无误 across months', () => {
  it('keeps a dismissed typo closed while its text is unchanged and reopens it when the text changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-dismiss-'));
    const dbPath = join(dir, 'z.db');
    let guide = GUIDE_MONTH_1;
    const server = await portal(() => guide);
    const inspect = (asOf: string) =>
      inspectCounty({ config: oneUnitCounty(server.origin), configPath: 'a.yaml', asOf, dbPath, outDir: join(dir, asOf) });
    const tracked = (runId: number): TrackedFinding[] => {
      const store = openStore({ dbPath });
      try {
        return listTrackedFindings(store, { runId });
      } finally {
        store.close();
      }
    };
    try {
      const run1 = await inspect('2023-10-16');
      expect(run1.status).toBe('complete');
      const typo = run1.findings.find((f) => f.checkId === 'content.typo' && f.subject.startsWith('布署→部署'));
      expect(typo, JSON.stringify(run1.findings.map((f) => f.subject))).toBeDefined();
      const other = run1.findings.find((f) => !f.checkId.startsWith('content.') && f.checkId !== 'privacy.exposure');
      expect(other).toBeDefined();
      const store = openStore({ dbPath });
      recordDecision(store, { findingId: typo!.id, action: 'dismiss', by: '李评议', reason: '引用原文，确认无误' });
      recordDecision(store, { findingId: other!.id, action: 'dismiss', by: '李评议', reason: '误报' });
      store.close();

      // month 2: the same text — found again by the checks, but not open: the decision holds
      const run2 = await inspect('2023-11-15');
      expect(run2.findings.map((f) => f.id)).toContain(typo!.id);
      const m2 = tracked(run2.runId).find((f) => f.id === typo!.id)!;
      expect(m2.status).toBe('dismissed');
      expect(m2.lapsedDismissal).toBeUndefined();
      expect(tracked(run2.runId).filter((f) => f.status === 'pending' && f.checkId === 'content.typo')).toEqual([]);

      // month 3: the sentence around the typo was rewritten: nobody has judged this text, so it is pending again
      guide = GUIDE_MONTH_3;
      const run3 = await inspect('2023-12-15');
      const m3 = tracked(run3.runId);
      const again = m3.find((f) => f.id === typo!.id)!;
      expect(again.status).toBe('pending');
      expect(again.review.status).toBe('pending');
      expect(again.lapsedDismissal).toMatchObject({ by: '李评议', reason: '引用原文，确认无误', runId: run1.runId });
      expect(again.evidence[0].excerpt).toContain('重新【布署】');
      // the workspace says why it is back, and offers 确认无误 again
      const html = findingPage(again, evaluator, 'csrf', [], [], '2023-12-31');
      expect(html).toContain('曾标注“确认无误”');
      expect(html).toContain('重新列入待审核');
      expect(html).toContain('确认无误（驳回）');
      // a finding of another check keeps its decision by id, whatever its evidence shows
      expect(m3.find((f) => f.id === other!.id)?.status).toBe('dismissed');

      const after = openStore({ dbPath });
      try {
        const notices = recordMonthlyNotices(after, run3.runId);
        expect(notices.find((n) => n.unitId === 'shidian')?.findingIds).toContain(typo!.id);
        expect(recordMonthlyNotices(after, run2.runId).flatMap((n) => n.findingIds)).not.toContain(typo!.id);
        // judged again on the new text: holds from here on
        recordDecision(after, { findingId: typo!.id, action: 'dismiss', by: '李评议', reason: '仍为引用原文' });
        expect(listTrackedFindings(after, { runId: run3.runId }).find((f) => f.id === typo!.id)?.status).toBe('dismissed');
      } finally {
        after.close();
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
