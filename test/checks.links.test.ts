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
    expect(f).toHaveLength(1); // home is crawled first: both targets are counted there
    expect(f[0]).toMatchObject({ subject: unit.home, occurrences: 2, suggestedPoints: -2, indicator: 'notice.monthly', monthly: true });
    expect(f[0].detail).toContain('dead-b');
    expect(f[0].detail).toContain('访问超时');
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
