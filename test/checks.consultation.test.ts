import { describe, it, expect } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { col, detail, item, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'rsj', name: '人社局', class: 'B', home: 'http://portal.test/zwgk/rsj/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const late = CHECKS.find((c) => c.id === 'consultation.late')!;
const timely = CHECKS.find((c) => c.id === 'consultation.timely')!;

function question(title: string, asked: string, replied?: string) {
  const fields: Record<string, string> = { 留言时间: `${asked} 09:12` };
  if (replied) Object.assign(fields, { 回复时间: `${replied} 16:00`, 回复内容: '您好，已办理。' });
  return detail('rsj', 'consultation', title, `${title} 留言内容……`, { fields });
}

function obsWith(...qs: ReturnType<typeof question>[]) {
  return unitObs(unit, {
    columns: [
      col(
        'rsj',
        'consultation',
        qs.map((q) => item(q.title, q.fields['留言时间'].slice(0, 10), { url: q.url })),
      ),
    ],
    details: qs,
  });
}

describe('consultation.late / consultation.timely', () => {
  it('a reply on 2023-10-09 to a question of 2023-09-27 is in time because of 国庆 (bonus, not late)', () => {
    const obs = obsWith(question('社保卡补办咨询', '2023-09-27', '2023-10-09'));
    expect(late.run(ctx, unit, obs)).toEqual([]);
    const b = timely.run(ctx, unit, obs);
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ kind: 'bonus', suggestedPoints: 0.5, indicator: 'consultation', confidence: 'high' });
  });

  it('a reply on 2023-10-16 is late (deduction 2 points, monthly)', () => {
    const obs = obsWith(question('失业金领取咨询', '2023-09-27', '2023-10-16'));
    const f = late.run(ctx, unit, obs);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'deduction', suggestedPoints: -2, monthly: true, indicator: 'consultation' });
    expect(f[0].detail).toContain('2023-10-10');
    expect(timely.run(ctx, unit, obs)).toEqual([]);
  });

  it('unanswered past the deadline at asOf is late; unanswered within the deadline is not', () => {
    const old = question('就业补贴咨询', '2023-11-20');
    const fresh = question('创业贷款咨询', '2023-12-13');
    const f = late.run(ctx, unit, obsWith(old, fresh));
    expect(f.map((x) => x.subject)).toEqual([old.url]);
    expect(f[0].title).toContain('逾期未回复');
  });

  it('reads dates from list cells when the detail page was not fetched', () => {
    const row = item('养老保险咨询', '2023-06-01', { extra: { 留言时间: '2023-06-01', 回复时间: '2023-06-20' } });
    const obs = unitObs(unit, { columns: [col('rsj', 'consultation', [row])] });
    expect(late.run(ctx, unit, obs)).toHaveLength(1);
  });

  it('questions outside the assessment window are not judged', () => {
    expect(late.run(ctx, unit, obsWith(question('去年的咨询', '2022-12-01', '2022-12-30')))).toEqual([]);
  });
});
