import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runSiteChecks } from '../checks/index.ts';
import { listHomeItems, openStore, recordHomeItems } from '../store/index.ts';
import { observation, siteInput } from './helpers/site-input.ts';

describe('首页更新 across two runs', () => {
  it('keeps the first-seen time of each item; a stale home is a veto; an item published now with an old date is 伪造发稿日期 risk', () => {
    const store = openStore({ dbPath: join(tmpdir(), 'home.db') });
    try {
      const run1 = '2023-10-20T02:00:00.000Z';
      const run2 = '2023-11-24T02:00:00.000Z';
      recordHomeItems(store, 'portal', run1, 1, 'https://www.mx.gov.cn/', [
        { url: 'https://www.mx.gov.cn/a.html', title: '县政府召开常务会议', date: '2023-10-18' },
      ]);
      recordHomeItems(store, 'portal', run2, 1, 'https://www.mx.gov.cn/', [
        { url: 'https://www.mx.gov.cn/a.html', title: '县政府召开常务会议', date: '2023-10-18' },
        { url: 'https://www.mx.gov.cn/b.html', title: '关于开展安全生产大检查的通知', date: '2023-09-30' },
      ]);
      const items = listHomeItems(store, 'portal');
      expect(items.find((i) => i.url.endsWith('a.html'))).toMatchObject({ firstSeenAt: run1, lastSeenAt: run2 });
      expect(items.find((i) => i.url.endsWith('b.html'))).toMatchObject({ firstSeenAt: run2 });
      const findings = runSiteChecks(
        siteInput({ homeItems: items, homeReads: [run1, run2], observation: observation({}, { observedAt: run2 }) }),
      );
      const stale = findings.find((f) => f.checkId === 'site.home-stale')!;
      expect(stale).toMatchObject({ effect: 'veto', item: 'V3', confidence: 'high' });
      expect(stale.detail).toContain('2023-10-18');
      const back = findings.filter((f) => f.checkId === 'site.backdated');
      expect(back).toHaveLength(1);
      expect(back[0]).toMatchObject({ subject: 'https://www.mx.gov.cn/b.html', effect: 'veto', item: 'V1', confidence: 'low' });
      expect(back[0].detail).toContain('伪造发稿日期');
    } finally {
      store.close();
    }
  });

  it('a fresh home is clean, 11 days is a 预警, and an undated or unreadable home infers nothing', () => {
    const item = (date: string) => ({
      siteId: 'portal',
      url: 'https://www.mx.gov.cn/c.html',
      title: '新闻',
      date,
      firstSeenAt: '2023-11-01T00:00:00.000Z',
      lastSeenAt: '2023-11-24T00:00:00.000Z',
      level: 1 as const,
      pageUrl: 'https://www.mx.gov.cn/',
    });
    const at = (date: string) =>
      runSiteChecks(siteInput({ homeItems: [item(date)], homeReads: ['2023-11-01T00:00:00.000Z'] })).filter(
        (f) => f.checkId === 'site.home-stale',
      );
    expect(at('2023-11-20')).toEqual([]);
    expect(at('2023-11-13')[0]?.effect).toBe('warning');
    expect(at('2023-11-05')[0]?.effect).toBe('veto');
    expect(runSiteChecks(siteInput({ homeItems: [] })).find((f) => f.checkId === 'site.home-stale')).toMatchObject({
      effect: 'info',
      confidence: 'low',
    });
    const down = runSiteChecks(siteInput({ homeItems: [], observation: observation({}, { ok: false, facts: null }) }));
    expect(down.filter((f) => ['site.home-stale', 'site.identity', 'site.search'].includes(f.checkId))).toEqual([]);
  });

  it('identity: missing marks are deductions (high with a static footer, low when a script writes it)', () => {
    const missing = runSiteChecks(siteInput({ observation: observation({ police: null, siteCode: null }) })).filter(
      (f) => f.checkId === 'site.identity',
    );
    expect(missing.map((f) => f.subject).sort()).toEqual(['公安机关备案标识', '网站标识码']);
    expect(missing.every((f) => f.confidence === 'high' && f.item === 'D-identity')).toBe(true);
    const scripted = runSiteChecks(siteInput({ observation: observation({ police: null, scriptFooter: true }) })).find(
      (f) => f.checkId === 'site.identity',
    );
    expect(scripted?.confidence).toBe('low');
    // 党政机关网站标识: the requirement is unverified, so its absence is a hint only.
    const noConac = runSiteChecks(siteInput({ observation: observation({ conac: null }) })).filter((f) => f.checkId === 'site.identity');
    expect(noConac).toMatchObject([{ effect: 'info', confidence: 'low', subject: '党政机关网站标识', item: null }]);
  });
});
