import { describe, it, expect } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { link, makeConfig, makeCtx, page, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'fgj', name: '发改局', class: 'B', home: 'http://portal.test/zwgk/fgj/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const linkBroken = CHECKS.find((c) => c.id === 'link.broken')!;

describe('link.broken', () => {
  it('one finding per page; each broken target counted once per unit, on the first page it appears', () => {
    const list = 'http://portal.test/zwgk/fgj/list/';
    const obs = unitObs(unit, {
      pages: [page(list, { screenshot: 'shot-1' })],
      links: [
        link('fgj', list, 'http://portal.test/dead-a', 'broken'),
        link('fgj', unit.home, 'http://portal.test/dead-a', 'broken'),
        link('fgj', unit.home, 'http://portal.test/dead-b', 'broken', { status: null, errorClass: 'timeout', method: 'GET' }),
        link('fgj', unit.home, 'http://portal.test/ok', 'ok'),
        link('fgj', list, 'http://elsewhere.test/', 'skipped', { inScope: false }),
      ],
    });
    const f = linkBroken.run(ctx, unit, obs);
    // home is crawled first: both targets are counted there; the 404 is sure, the timeout may be passing trouble
    expect(f.map((x) => [x.subject, x.occurrences, x.suggestedPoints, x.confidence])).toEqual([
      [unit.home, 1, -1, 'high'],
      [`待核实:${unit.home}`, 1, -1, 'low'],
    ]);
    expect(f[0]).toMatchObject({ indicator: 'notice.monthly', monthly: true });
    expect(f[0].detail).toContain('dead-a');
    expect(f[0].detail).toContain('单位首页');
    expect(f[1].detail).toContain('dead-b');
    expect(f[1].detail).toContain('访问超时');
    expect(f[1].confidenceReason).toContain('需人工');
    expect(f[1].id).not.toBe(f[0].id);
  });

  it('high only for an answer that says the page is not there: 404/410, DNS; 5xx, 403, 429 and refused are low', () => {
    const broken = (target: string, over: Parameters<typeof link>[4]) =>
      link('fgj', unit.home, `http://portal.test/${target}`, 'broken', over);
    const obs = unitObs(unit, {
      links: [
        broken('gone', { status: 410 }),
        broken('nxdomain', { status: null, errorClass: 'dns' }),
        broken('server-error', { status: 503 }),
        broken('waf', { status: 403 }),
        broken('busy', { status: 429 }),
        broken('refused', { status: null, errorClass: 'refused' }),
      ],
    });
    const [sure, unsure] = linkBroken.run(ctx, unit, obs);
    expect([sure.confidence, sure.occurrences]).toEqual(['high', 2]);
    expect(sure.detail).toMatch(/gone.*nxdomain/);
    expect([unsure.confidence, unsure.occurrences]).toEqual(['low', 4]);
    for (const t of ['server-error', 'waf', 'busy', 'refused']) expect(unsure.detail).toContain(t);
  });

  it('says which column page the link was on and quotes its text on one line', () => {
    const article = 'http://portal.test/zwgk/fgj/gzdt/202312/t1.html';
    const obs = unitObs(unit, {
      pages: [page(article, { columnKey: 'nav:工作动态' })],
      links: [link('fgj', article, 'http://portal.test/dead', 'broken', { text: '附件"一"\n下载<script>' })],
    });
    const [f] = linkBroken.run(ctx, unit, obs);
    expect(f.detail).toContain(`栏目“工作动态”的页面 ${article}`);
    expect(f.evidence[0]).toMatchObject({ url: article });
    expect(f.evidence[0].excerpt).toContain("“附件'一' 下载<script>” → http://portal.test/dead");
    expect(f.column).toBe('nav:工作动态');
  });

  it('pages keep their own findings and evidence (snapshot, screenshot)', () => {
    const list = 'http://portal.test/zwgk/fgj/list/';
    const obs = unitObs(unit, {
      pages: [page(list, { screenshot: 'shot-1' })],
      links: [link('fgj', list, 'http://portal.test/dead-a', 'broken'), link('fgj', unit.home, 'http://portal.test/dead-b', 'broken')],
    });
    const f = linkBroken.run(ctx, unit, obs);
    expect(f.map((x) => [x.subject, x.occurrences])).toEqual([
      [unit.home, 1],
      [list, 1],
    ]);
    expect(f[1].evidence[0]).toMatchObject({ url: list, snapshot: `hash-${list}`, screenshot: 'shot-1' });
  });

  it('ok and skipped links are never findings', () => {
    expect(
      linkBroken.run(
        ctx,
        unit,
        unitObs(unit, {
          links: [link('fgj', unit.home, 'http://x.test/', 'skipped'), link('fgj', unit.home, 'http://portal.test/a', 'ok')],
        }),
      ),
    ).toEqual([]);
  });
});
