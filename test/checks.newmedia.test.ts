import { describe, it, expect } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { feed, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([
  { id: 'yishi', name: '猗氏镇政府', class: 'A', home: 'http://portal.test/zwgk/yishi/' },
  { id: 'mzj', name: '民政局', class: 'B', home: 'http://portal.test/zwgk/mzj/' },
]);
const [townUnit, deptUnit] = config.units;
const ctx = makeCtx(config);
const check = CHECKS.find((c) => c.id === 'newmedia.stale')!;

function posts(from: string, to: string, everyDays: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += everyDays * 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('newmedia.stale', () => {
  it('no finding for an account posting every week', () => {
    const f = check.run(ctx, townUnit, unitObs(townUnit, { feeds: [feed('yishi', '猗氏镇发布', posts('2023-01-03', '2023-12-12', 7))] }));
    expect(f).toEqual([]);
  });

  it('counts every gap, including the one from windowStart and the one up to asOf', () => {
    const dates = [...posts('2023-01-20', '2023-06-30', 7), ...posts('2023-08-01', '2023-11-20', 7)];
    const f = check.run(ctx, townUnit, unitObs(townUnit, { feeds: [feed('yishi', '猗氏镇发布', dates)] }));
    expect(f).toHaveLength(1);
    // 01-01→01-20 (19 d), 06-30→08-01 (32 d), 11-20→12-15 (25 d)
    expect(f[0]).toMatchObject({ occurrences: 3, indicator: 'notice.monthly', suggestedPoints: -3, monthly: true });
    expect(f[0].detail).toContain('2023-06-30 至 2023-08-01（32 天）');
  });

  it('B units feed newmedia.maintenance at 2 points a gap; pinned posts are ignored', () => {
    const fd = feed('mzj', '临猗民政', ['2023-01-10', '2023-01-20'], {});
    fd.posts.push({ title: '置顶', url: null, publishedAt: '2023-12-14T10:00:00+08:00', pinned: true });
    const f = check.run(ctx, deptUnit, unitObs(deptUnit, { feeds: [fd] }));
    expect(f[0]).toMatchObject({ indicator: 'newmedia.maintenance', occurrences: 1, suggestedPoints: -2 });
  });

  it('uses the Asia/Shanghai date of a post (23:30 UTC is the next day in Shanghai)', () => {
    const fd = feed('yishi', '猗氏镇发布', posts('2023-01-05', '2023-11-30', 7));
    // 2023-11-30 + 14 days = 12-14; a post on 12-01 00:30 Shanghai (11-30 16:30Z) keeps the last gap at 14 days.
    fd.posts.push({ title: '夜间推文', url: null, publishedAt: '2023-11-30T16:30:00Z', pinned: false });
    const f = check.run(ctx, townUnit, unitObs(townUnit, { feeds: [fd] }));
    expect(f.filter((x) => x.kind === 'deduction')).toEqual([]);
  });

  it('a feed that cannot be read is a warning, never a deduction', () => {
    const f = check.run(
      ctx,
      townUnit,
      unitObs(townUnit, { feeds: [feed('yishi', '猗氏镇发布', [], { ok: false, errorClass: 'timeout', error: '连接超时' })] }),
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'warning', suggestedPoints: 0 });
  });

  it('warns after 10 days without a post', () => {
    const f = check.run(ctx, townUnit, unitObs(townUnit, { feeds: [feed('yishi', '猗氏镇发布', posts('2023-01-08', '2023-12-04', 7))] }));
    expect(f).toHaveLength(1);
    expect(f[0].kind).toBe('warning');
    expect(f[0].title).toContain('12 天');
  });
});
