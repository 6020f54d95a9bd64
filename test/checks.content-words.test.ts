import { describe, it, expect } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { loadContentWords } from '../config/index.ts';
import { compileWords, scanText } from '../checks/content/word-scan.ts';
import { idCheckChar } from '../checks/content/pii.ts';
import { detail, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const leaders = [
  { name: '周明远', title: '县委书记', from: '2021-06-01' },
  { name: '陈立新', title: '县长', from: '2021-08-01' },
  { name: '刘东升', title: '县长', from: '2016-09-01', until: '2021-07-31' },
  { name: '刘东升', title: '县人大常委会主任', from: '2021-08-01' },
  { name: '赵文华', title: '副县长', from: '2020-01-01' },
];
const config = makeConfig([{ id: 'zf', name: '县政府办', class: 'B', home: 'http://portal.test/zwgk/zf/' }], { leaders } as never);
const unit = config.units[0];
const ctx = makeCtx(config);
const run = (id: string, text: string, publishedAt: string | null = '2023-11-20') =>
  CHECKS.find((c) => c.id === id)!.run(
    ctx,
    unit,
    unitObs(unit, { details: [detail('zf', 'policies', '工作动态', text, { publishedAt })] }),
  );

describe('content.typo', () => {
  it('finds a listed typo with no correct reading at high confidence, the correction in subject and a marked excerpt', () => {
    const f = run('content.typo', '会议对下一阶段工作进行了布署，要求各单位抓好落实。');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ confidence: 'high', title: '错别字：“布署”应为“部署”', monthly: true });
    expect(f[0].subject).toBe('布署→部署（工作动态）');
    expect(f[0].evidence[0].excerpt).toContain('【布署】');
  });

  it('截止 depends on what follows; a longer listed form wins; a quoted correction and a correct word containing the string are no error', () => {
    expect(run('content.typo', '报名截止日期为12月31日。')).toEqual([]);
    const year = run('content.typo', '截止今年10月，全县完成投资5亿元。');
    expect(year.map((x) => [x.subject, x.confidence])).toEqual([['截止→截至（工作动态）', 'low']]);
    expect(run('content.typo', '截止目前，已发放补贴。').map((x) => x.subject)).toEqual(['截止目前→截至目前（工作动态）']);
    expect(run('content.typo', '规范用语：应为“截至目前”，而非“截止目前”。')).toEqual([]);
    expect(run('content.typo', '县监督检察院开展专项检查。')).toEqual([]);
  });

  it('counts one finding per document and word however often it appears, and masks personal numbers in the excerpt', () => {
    const id = '14082119700101123' + idCheckChar('14082119700101123');
    const f = run('content.typo', `申请人${id}按装了设备，又按装了一台。`);
    expect(f).toHaveLength(1);
    expect(f[0].detail).toContain('共出现 2 处');
    expect(f[0].evidence[0].excerpt).not.toContain(id);
    expect(f[0].evidence[0].excerpt).toContain('140821********');
  });
});

describe('content.expression', () => {
  it('finds a listed wrong formulation, always for an evaluator', () => {
    const f = run('content.expression', '积极参与一带一路战略建设。');
    expect(f.map((x) => [x.title, x.confidence])).toEqual([['表述不规范：“一带一路战略”应为““一带一路”倡议”', 'low']]);
  });

  it('an outdated formulation counts only on pages after the change', () => {
    expect(run('content.expression', '做好新冠肺炎疫情防控工作。', '2022-05-10')).toEqual([]);
    expect(run('content.expression', '做好新冠肺炎疫情防控工作。', '2023-03-01')).toHaveLength(1);
  });

  it('a wrong character in a leader name and a title the person no longer holds; correct names and titles give nothing', () => {
    const wrongName = run('content.expression', '县长陈立心主持召开常务会议。');
    expect(wrongName.map((x) => x.title)).toEqual(['严重表述错误：领导姓名有误（“陈立心”应为“陈立新”）']);
    const oldTitle = run('content.expression', '县长刘东升出席活动并讲话。');
    expect(oldTitle).toHaveLength(1);
    expect(oldTitle[0].detail).toContain('2021-07-31 卸任县长');
    expect(oldTitle[0].detail).toContain('县人大常委会主任');
    expect(run('content.expression', '刘东升县长出席活动并讲话。', '2020-05-01')).toEqual([]); // he was then
    expect(run('content.expression', '县委书记周明远、县长陈立新，副县长赵文华出席。')).toEqual([]);
    expect(run('content.expression', '县长主持会议并讲话。')).toEqual([]);
  });
});

describe('content.sensitive', () => {
  it('finds a listed word (an injected gambling link) for an evaluator; a guard phrase is none', () => {
    const f = run('content.sensitive', '友情链接：澳门赌场 线上娱乐');
    expect(f.map((x) => [x.title, x.confidence])).toEqual([['疑似有害信息：出现敏感词“澳门赌场”（博彩）', 'low']]);
  });
});

describe('word lists', () => {
  it('every list has a source note and no entry whose right form is itself a listed wrong form', () => {
    const lists = loadContentWords();
    for (const s of Object.values(lists.sources)) expect(s.length).toBeGreaterThan(20);
    const wrongs = new Set(lists.typos.map((t) => t.wrong));
    for (const t of lists.typos) expect(wrongs.has(t.right), t.right).toBe(false);
    // each listed wrong form is found in a sentence, and its right form is not
    const words = compileWords(lists);
    for (const t of lists.typos.filter((x) => !x.onlyBefore)) {
      expect(
        scanText(words, `今天${t.wrong}了。`).some((h) => h.kind === 'typo'),
        t.wrong,
      ).toBe(true);
      expect(
        scanText(words, `今天${t.right}了。`).some((h) => h.kind === 'typo'),
        t.right,
      ).toBe(false);
    }
  });
});
