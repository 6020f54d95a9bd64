import { describe, expect, it } from 'vitest';
import { matchUnits, scoreName, TIE_MARGIN, type NavEntry } from '../onboard/index.ts';

const COUNTY = '临猗县';

describe('scoreName: names as people write them', () => {
  it.each([
    ['工科局', '县工业和科技局'],
    ['卫健体局', '临猗县卫生健康和体育局'],
    ['示范区', '临猗现代农业产业示范区管理委员会'],
    ['发改局', '临猗县发展和改革局'],
    ['人社局', '县人力资源和社会保障局'],
    ['市场监管局', '临猗县市场监督管理局'],
    ['医疗保障局', '县医保局'],
    ['行政审批局', '临猗县行政审批服务管理局'],
    ['文化旅游局', '县文化和旅游局'],
  ])('%s ~ %s', (plan, entry) => {
    const s = scoreName(plan, entry, COUNTY);
    expect(s).not.toBeNull();
    expect(s!.score).toBeGreaterThanOrEqual(0.7);
    expect(s!.score).toBeLessThan(1);
    expect(s!.reason).toMatch(/简称|全称/);
  });

  it('the same name with and without county, 县, 人民政府 or 政府 is a full match', () => {
    for (const entry of ['猗氏镇人民政府', '猗氏镇', '临猗县猗氏镇人民政府', '猗氏镇政府']) {
      expect(scoreName('猗氏镇政府', entry, COUNTY)).toMatchObject({ score: 1 });
    }
    expect(scoreName('信访局', '临猗县信访局', COUNTY)!.reason).toContain('不计“临猗县”');
    expect(scoreName('临猗现代农业产业示范区', '现代农业产业示范区', COUNTY)).toMatchObject({ score: 1 });
  });

  it.each([
    ['临晋镇政府', '临猗镇人民政府'],
    ['北辛乡政府', '北景乡人民政府'],
    ['审计局', '县审批局'],
    ['统计局', '县委统战部'],
    ['能源局', '县能源服务中心'],
    ['民政局', '县民族宗教事务局'],
    ['公安局', '县公共资源交易中心'],
    ['宣传部', '县委宣传部'],
  ])('near-misses do not match: %s / %s', (plan, entry) => {
    expect(scoreName(plan, entry, COUNTY)).toBeNull();
  });

  it('a 乡 that became a 镇 is only a candidate for a person', () => {
    const s = scoreName('楚侯乡政府', '楚侯镇人民政府', COUNTY)!;
    expect(s.reason).toContain('人工确认');
    expect(s.score).toBeLessThan(0.6);
  });

  it('a former name (2018 reform) and a retired entry score below the current name', () => {
    const old = scoreName('应急管理局', '县安全生产监督管理局', COUNTY)!;
    expect(old.reason).toContain('旧称');
    expect(1 - old.score).toBeGreaterThanOrEqual(TIE_MARGIN);
    expect(scoreName('财政局', '县财政局（原）', COUNTY)!.score).toBeLessThanOrEqual(0.75);
  });
});

describe('matchUnits', () => {
  const e = (text: string, url: string): NavEntry => ({ text, url, how: '页面链接', page: 'http://x/' });

  it('gives each unit its link, keeps 临晋镇 and 临猗镇 apart, and reports decoys as leftovers', () => {
    const entries = [
      e('临晋镇人民政府', 'http://x/linjin/'),
      e('临猗镇人民政府', 'http://x/linyizhen/'),
      e('县工业和科技局', 'http://x/gk/'),
      e('县委宣传部', 'http://x/xcb/'),
      e('县应急管理局', 'http://x/yj/'),
      e('县安全生产监督管理局', 'http://x/ajj/'),
    ];
    const r = matchUnits(['临晋镇政府', '工科局', '应急管理局'], entries, COUNTY);
    const homes = Object.fromEntries(r.units.map((u) => [u.name, u.match.status === 'matched' ? u.match.best.url : u.match.status]));
    expect(homes).toEqual({ 临晋镇政府: 'http://x/linjin/', 工科局: 'http://x/gk/', 应急管理局: 'http://x/yj/' });
    const left = r.leftovers.map((l) => l.entry.text);
    expect(left).toEqual(['临猗镇人民政府', '县委宣传部', '县安全生产监督管理局']);
    expect(r.leftovers.find((l) => l.entry.text === '县安全生产监督管理局')!.nearest!.unit).toBe('应急管理局');
  });

  it('the same unit listed twice with one address is one candidate', () => {
    const r = matchUnits(['医疗保障局'], [e('县医保局', 'http://x/yb/'), e('临猗县医疗保障局', 'http://x/yb/index.html')], COUNTY);
    expect(r.units[0].match.status).toBe('matched');
    if (r.units[0].match.status === 'matched') expect(r.units[0].match.best.texts).toEqual(['县医保局', '临猗县医疗保障局']);
  });

  it('two links that fit equally are left to a person with both as candidates', () => {
    const r = matchUnits(['示范区'], [e('现代农业产业示范区', 'http://x/a/'), e('经济技术开发示范区', 'http://x/b/')], COUNTY);
    expect(r.units[0].match.status).toBe('ambiguous');
    if (r.units[0].match.status === 'ambiguous')
      expect(r.units[0].match.candidates.map((c) => c.url)).toEqual(['http://x/a/', 'http://x/b/']);
  });

  it('a unit with no fitting link is unmatched, never given the nearest name', () => {
    const r = matchUnits(['北辛乡政府'], [e('北景乡人民政府', 'http://x/bj/')], COUNTY);
    expect(r.units[0].match).toMatchObject({ status: 'unmatched', why: '门户导航中没有找到名称相符的链接' });
  });

  it('the exact name takes its link before a looser fit can (教育局 / 教育科技局)', () => {
    const r = matchUnits(['教育局', '科技局'], [e('县教育局', 'http://x/jy/'), e('县教育科技局', 'http://x/jk/')], COUNTY);
    expect(r.units[0].match.status === 'matched' && r.units[0].match.best.url).toBe('http://x/jy/');
  });
});
