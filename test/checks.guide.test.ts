import { describe, it, expect } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { col, detail, item, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'yuyang', name: '嵎阳镇政府', class: 'A', home: 'http://portal.test/zwgk/yuyang/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const guide = CHECKS.find((c) => c.id === 'guide.incomplete')!;
const functions = CHECKS.find((c) => c.id === 'functions.incomplete')!;

// A complete guide with GB18030 characters (嵎, 𬌗) as a GBK page decodes them; full-width colons and digits.
const COMPLETE = `嵎阳镇人民政府信息公开指南
一、主动公开
（一）公开范围与信息分类：本机关主动公开的政府信息按机构职能、政策文件等分类，编排体系见公开目录。
（二）获取方式：公众可通过临猗县人民政府门户网站（网址：www.linyi.gov.cn）、政务新媒体“嵎阳镇发布”微信公众号：嵎阳镇发布，查阅。
（三）查阅场所：嵎阳镇便民服务中心政府信息查阅点，地址：嵎阳镇中心街１２号。
二、依申请公开
申请人可通过信函、当面等方式申请获取政府信息。
三、工作机构
工作机构名称：嵎阳镇党政办公室（𬌗字测试）
办公地址：嵎阳镇府前路８号
办公时间：周一至周五 上午８：００—１２：００，下午１４：３０—１８：００（法定节假日除外）
联系电话：０３５９－４０２０００１
传真号码：０３５９－４０２０００２
电子邮箱：yuyang@linyi.gov.cn`;

function obsWithGuide(text: string, links: { text: string; url: string }[] = []) {
  return unitObs(unit, {
    columns: [col('yuyang', 'guide', [item('嵎阳镇人民政府信息公开指南', '2023-02-01')])],
    details: [detail('yuyang', 'guide', '嵎阳镇人民政府信息公开指南', text, { links })],
  });
}

describe('guide.incomplete', () => {
  it('a complete guide (URL as text, GB18030 characters, full-width digits) has no finding', () => {
    expect(guide.run(ctx, unit, obsWithGuide(COMPLETE))).toEqual([]);
  });

  it('one finding per missing element, 1 point each', () => {
    const text = COMPLETE.replace(/传真号码：.*\n/, '').replace(/电子邮箱：.*$/, '');
    const f = guide.run(ctx, unit, obsWithGuide(text));
    expect(f.map((x) => x.subject).sort()).toEqual(['互联网联系方式/电子邮箱', '传真号码'].sort());
    expect(f[0]).toMatchObject({ indicator: 'guide', suggestedPoints: -1, kind: 'deduction' });
    expect(f[0].evidence[0].url).toContain('/a/');
  });

  it('names the work body in prose ("受理机构。…办公室负责受理…") as real guides do, but not without a body', () => {
    const prose = COMPLETE.replace(
      '工作机构名称：嵎阳镇党政办公室（𬌗字测试）',
      '（一）受理机构。嵎阳镇党政办公室负责受理向本机关提出的政府信息公开申请。',
    );
    expect(guide.run(ctx, unit, obsWithGuide(prose)).map((x) => x.subject)).not.toContain('工作机构名称');
    const none = COMPLETE.replace('工作机构名称：嵎阳镇党政办公室（𬌗字测试）\n', '').replace('三、工作机构\n', '');
    expect(guide.run(ctx, unit, obsWithGuide(none)).map((x) => x.subject)).toContain('工作机构名称');
  });

  it('办公地址 is missing when "地址" only appears for the 查阅场所', () => {
    const text = COMPLETE.replace('办公地址：嵎阳镇府前路８号\n', '');
    const f = guide.run(ctx, unit, obsWithGuide(text));
    expect(f.map((x) => x.subject)).toEqual(['办公地址']);
  });

  it('the website URL given as a link (not text) counts', () => {
    const text = COMPLETE.replace('（网址：www.linyi.gov.cn）', '').replace('yuyang@linyi.gov.cn', '');
    const noLink = guide.run(ctx, unit, obsWithGuide(text)).map((x) => x.subject);
    expect(noLink).toContain('网站网址');
    const withLink = guide
      .run(ctx, unit, obsWithGuide(text, [{ text: '临猗县人民政府门户网站', url: 'http://www.linyi.gov.cn/' }]))
      .map((x) => x.subject);
    expect(withLink).not.toContain('网站网址');
  });

  it('a fax number is not taken as the phone number', () => {
    const text = COMPLETE.replace('联系电话：０３５９－４０２０００１\n', '');
    expect(guide.run(ctx, unit, obsWithGuide(text)).map((x) => x.subject)).toEqual(['联系电话']);
  });

  it('a short guide gives low-confidence findings; a blank one is left to column.blank', () => {
    const f = guide.run(ctx, unit, obsWithGuide('本机关政府信息公开指南请到办公室索取，电话0359-4020001。'));
    expect(f.length).toBeGreaterThan(5);
    expect(f.every((x) => x.confidence === 'low')).toBe(true);
    expect(guide.run(ctx, unit, obsWithGuide('见附件'))).toEqual([]);
  });
});

const FUNCTIONS = `嵎阳镇人民政府机构职能
主要职责：贯彻执行党和国家的路线方针政策……
领导信息：党委书记 王建国；镇长：李明
办公地址：嵎阳镇府前路８号
办公时间：工作日 8:00-12:00
联系电话：0359-4020001`;

describe('functions.incomplete', () => {
  const obsWith = (text: string) =>
    unitObs(unit, {
      columns: [col('yuyang', 'functions', [item('机构职能', '2023-02-01')])],
      details: [detail('yuyang', 'functions', '机构职能', text)],
    });

  it('complete page: no finding', () => {
    expect(functions.run(ctx, unit, obsWith(FUNCTIONS))).toEqual([]);
  });

  it('a title without a person name is not a 负责人姓名 (2 points per missing field)', () => {
    const text = FUNCTIONS.replace('领导信息：党委书记 王建国；镇长：李明', '领导信息：镇长负责全面工作，常务副镇长协助');
    const f = functions.run(ctx, unit, obsWith(text));
    expect(f.map((x) => x.subject)).toEqual(['负责人姓名']);
    expect(f[0].suggestedPoints).toBe(-2);
  });

  it('missing office hours and address are reported separately', () => {
    const text = FUNCTIONS.replace('办公地址：嵎阳镇府前路８号\n', '').replace('办公时间：工作日 8:00-12:00\n', '');
    expect(
      functions
        .run(ctx, unit, obsWith(text))
        .map((x) => x.subject)
        .sort(),
    ).toEqual(['办公地址', '办公时间'].sort());
  });
});
