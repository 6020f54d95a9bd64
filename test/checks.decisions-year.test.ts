// decisions.catalog reads the year a 目录 covers and its kind: the year in its title, not only its date, and a call
// for 决策事项 proposals is not the 目录 (《重大行政决策程序暂行条例》第三条).
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { col, item, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'mzj', name: '民政局', class: 'B', home: 'http://portal.test/zwgk/mzj/' }]);
const [mzj] = config.units;
const ctx = makeCtx(config);
const run = (rows: ReturnType<typeof item>[]) =>
  CHECKS.find((c) => c.id === 'decisions.catalog')!.run(ctx, mzj, unitObs(mzj, { columns: [col('mzj', 'decisions', rows)] }))[0];

describe('decisions.catalog: the year and kind of the 目录', () => {
  it('a 2023年度 目录 published in December 2022 is this year’s → +3, high', () => {
    expect(run([item('民政局2023年度重大行政决策事项目录', '2022-12-28')])).toMatchObject({ suggestedPoints: 3, confidence: 'high' });
  });

  it('last year’s 目录 republished this year is not this year’s → 0, low, naming the year seen', () => {
    const f = run([item('民政局2022年度重大行政决策事项目录', '2023-01-05')]);
    expect(f).toMatchObject({ suggestedPoints: 0, confidence: 'low' });
    expect(f.detail).toContain('2022');
  });

  it('a call for proposals for the 目录 is not the 目录 → 0, low, and says so', () => {
    const f = run([item('关于征集2023年度重大行政决策事项建议的公告（目录编制）', '2023-01-10')]);
    expect(f).toMatchObject({ suggestedPoints: 0, confidence: 'low' });
    expect(f.detail).toContain('征集');
  });

  it('a 目录 of the year that does not say 决策 goes to a person → 0, low', () => {
    const f = run([item('民政局2023年政府信息公开目录', '2023-03-01')]);
    expect(f).toMatchObject({ suggestedPoints: 0, confidence: 'low' });
    expect(f.detail).toContain('未写明');
  });

  it('a 目录 whose title names no year counts by the year it was published', () => {
    expect(run([item('民政局重大行政决策事项目录', '2023-02-10')])).toMatchObject({ suggestedPoints: 3 });
  });
});
