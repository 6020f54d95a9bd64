// decisions.precomment reads what the 预公开 row asks for (《重大行政决策程序暂行条例》第十四条/第十五条): this year's
// consultations on a named 决策草案, each with its 解读 and its 意见征集结果, with a comment period of normally at
// least 30 days. Another year's consultation, a call for 决策事项 proposals or a meeting notice does not count.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { statedPeriodDays } from '../checks/precomment-rows.ts';
import type { DetailObservation, ListItem } from '../store/index.ts';
import { col, detail, item, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'mzj', name: '民政局', class: 'B', home: 'http://portal.test/zwgk/mzj/' }]);
const [mzj] = config.units;
const ctx = makeCtx(config);
const run = (rows: ListItem[], details: DetailObservation[] = []) =>
  CHECKS.find((c) => c.id === 'decisions.precomment')!.run(
    ctx,
    mzj,
    unitObs(mzj, { columns: [col('mzj', 'decisions', rows)], details }),
  )[0];

const draft = item('关于《临猗县养老服务补贴办法（征求意见稿）》公开征求意见的公告', '2023-04-01');
const explain = item('《临猗县养老服务补贴办法（征求意见稿）》起草说明', '2023-04-01');
const result = item('《临猗县养老服务补贴办法》意见征集结果反馈', '2023-05-10');

describe('decisions.precomment: the year and kind of the rows', () => {
  it('this year’s named draft with its 解读 and 结果 → +3, high', () => {
    expect(run([draft, explain, result])).toMatchObject({ suggestedPoints: 3, confidence: 'high' });
  });

  it('last year’s complete consultation does not count for this year → −3, naming the date seen', () => {
    const old = [draft, explain, result].map((i) => ({ ...i, date: i.date!.replace('2023', '2022') }));
    const f = run(old);
    expect(f).toMatchObject({ suggestedPoints: -3, confidence: 'high' });
    expect(f.detail).toContain('不在考核期内');
  });

  it('a call for 决策事项 proposals is not a draft consultation → −3, and says so', () => {
    const f = run([item('关于公开征求2023年度重大行政决策事项建议的公告', '2023-01-10')]);
    expect(f).toMatchObject({ suggestedPoints: -3 });
    expect(f.detail).toContain('不是决策草案的征求意见');
  });

  it('a consultation that names no draft goes to a person → 0, low, with the reason', () => {
    const f = run([item('关于开展公开征求意见工作的通知', '2023-03-01')]);
    expect(f).toMatchObject({ suggestedPoints: 0, confidence: 'low' });
    expect(f.confidenceReason).toContain('未写明所征求意见的决策草案');
  });

  it('a row naming no draft counts when its page names one', () => {
    const row = item('民政局公开征求意见公告', '2023-04-01');
    const page = detail('mzj', 'decisions', row.title, '现将《临猗县养老服务补贴办法（草案）》全文公布，征求社会各界意见。', {
      url: row.url,
    });
    expect(run([row, explain, item('养老服务补贴办法意见采纳情况', '2023-05-10')], [page]).detail).not.toContain('未写明');
  });

  it('an undated consultation cannot be placed in the year → 0, low', () => {
    const f = run([{ ...draft, date: null, dateSource: null }]);
    expect(f).toMatchObject({ suggestedPoints: 0, confidence: 'low' });
    expect(f.confidenceReason).toContain('没有可识别的发布日期');
  });

  it('a stated comment period shorter than 30 days is not a complete consultation → 0, low', () => {
    const page = detail('mzj', 'decisions', draft.title, '征求意见时间为2023年4月1日至4月10日。请将意见发送至电子邮箱。', {
      url: draft.url,
    });
    const f = run([draft, explain, result], [page]);
    expect(f).toMatchObject({ suggestedPoints: 0, confidence: 'low' });
    expect(f.detail).toContain('页面写明 10 日');
    const long = detail('mzj', 'decisions', draft.title, '征求意见时间：2023年4月1日至2023年5月5日。', { url: draft.url });
    expect(run([draft, explain, result], [long]).suggestedPoints).toBe(3);
  });
});

describe('the comment period a consultation page states', () => {
  it('reads X至Y in either date form, with or without the second year, inclusive', () => {
    expect(statedPeriodDays('征求意见时间为2023年4月1日至2023年4月30日。')).toBe(30);
    expect(statedPeriodDays('公开征求意见，时间：2023年 11月 20日—12月19日')).toBe(30);
    expect(statedPeriodDays('征求意见时间：2023-04-01至2023-05-01')).toBe(31);
    expect(statedPeriodDays('本办法自2023年4月1日起施行')).toBeNull();
  });
});
