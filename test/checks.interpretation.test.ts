import { describe, it, expect } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { col, detail, item, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'jyj', name: '教育局', class: 'B', home: 'http://portal.test/zwgk/jyj/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const missingCheck = CHECKS.find((c) => c.id === 'interpretation.missing')!;
const multiform = CHECKS.find((c) => c.id === 'interpretation.multiform')!;

const doc = item('临猗县人民政府关于印发临猗县义务教育优质均衡发展实施方案的通知', '2023-09-27', { extra: { 文号: '临政发〔2023〕12号' } });
const deptDoc = item('临猗县教育局关于开展秋季开学检查的通知', '2023-09-01', { extra: { 文号: '临教发〔2023〕30号' } });

describe('interpretation.missing', () => {
  it('matched by 文号 when titles differ, within 3 working days over 国庆 → no finding', () => {
    const interp = item('图解：临政发〔2023〕12号文件', '2023-10-08'); // 3rd working day: 09-28, 10-07, 10-08 (调休)
    const obs = unitObs(unit, { columns: [col('jyj', 'policies', [doc, deptDoc]), col('jyj', 'interpretations', [interp])] });
    expect(missingCheck.run(ctx, unit, obs)).toEqual([]);
  });

  it('matched by title core (《…》解读) but published too late → one finding, 3 points', () => {
    const interp = item('《临猗县义务教育优质均衡发展实施方案》政策解读', '2023-10-20');
    const obs = unitObs(unit, { columns: [col('jyj', 'policies', [doc]), col('jyj', 'interpretations', [interp])] });
    const f = missingCheck.run(ctx, unit, obs);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ indicator: 'interpretation.timely', suggestedPoints: -3, subject: doc.url });
    expect(f[0].detail).toContain('2023-10-20');
  });

  it('no 解读 at all → finding; department documents (临教发) are not 政府/政府办 documents', () => {
    const obs = unitObs(unit, {
      columns: [col('jyj', 'policies', [doc, deptDoc]), col('jyj', 'interpretations', [item('其他解读', '2023-05-01')])],
    });
    const f = missingCheck.run(ctx, unit, obs);
    expect(f.map((x) => x.subject)).toEqual([doc.url]);
    expect(f[0].title).toContain('未解读');
  });

  it('a document still inside its 3-day limit at asOf is not reported', () => {
    const recent = item('临猗县人民政府办公室关于做好冬季供暖工作的通知', '2023-12-14', { extra: { 文号: '临政办发〔2023〕40号' } });
    const obs = unitObs(unit, { columns: [col('jyj', 'policies', [recent])] });
    expect(missingCheck.run(ctx, unit, obs)).toEqual([]);
  });
});

describe('interpretation.multiform', () => {
  it('three or more forms → one bonus per form beyond text', () => {
    const rows = [
      item('文字解读一', '2023-03-01'),
      item('一图读懂：义务教育方案', '2023-04-01'),
      item('视频解读：招生政策', '2023-05-01'),
      item('图解第二篇', '2023-06-01'),
    ];
    const f = multiform.run(ctx, unit, unitObs(unit, { columns: [col('jyj', 'interpretations', rows)] }));
    expect(f.map((x) => x.subject).sort()).toEqual(['图解', '视频']);
    expect(f[0]).toMatchObject({ kind: 'bonus', suggestedPoints: 3, indicator: 'interpretation.multiform' });
  });

  it('two forms → nothing', () => {
    const rows = [item('文字解读一', '2023-03-01'), item('视频解读', '2023-05-01')];
    expect(multiform.run(ctx, unit, unitObs(unit, { columns: [col('jyj', 'interpretations', rows)] }))).toEqual([]);
  });
});

describe('attribute.missing', () => {
  const attribute = CHECKS.find((c) => c.id === 'attribute.missing')!;
  it('a 公文 with a 文号 but no 公开属性 is reported; one with 公开方式 or 此件公开发布 is not; news is never', () => {
    const bare = detail('jyj', 'policies', '关于开展秋季开学检查的通知', '各学校：……', {
      fields: { 文号: '临教发〔2023〕30号' },
      publishedAt: '2023-09-01',
    });
    const marked = detail('jyj', 'policies', '关于做好招生工作的通知', '……（此件公开发布）', {
      fields: { 文号: '临教发〔2023〕31号' },
      publishedAt: '2023-06-01',
    });
    const field = detail('jyj', 'policies', '关于学生资助的通知', '……', {
      fields: { 文号: '临教发〔2023〕32号', 公开方式: '主动公开' },
      publishedAt: '2023-06-01',
    });
    const news = detail('jyj', 'deptInfo', '我局召开工作会议', '会议要求……', { publishedAt: '2023-06-01' });
    const interp = detail('jyj', 'interpretations', '临教发〔2023〕30号文件解读', '……', { publishedAt: '2023-09-02' });
    const f = attribute.run(ctx, unit, unitObs(unit, { details: [bare, marked, field, news, interp] }));
    expect(f.map((x) => x.subject)).toEqual([bare.url]);
    expect(f[0]).toMatchObject({ indicator: 'attribute', suggestedPoints: -1 });
  });
});
