// guide.incomplete / functions.incomplete on real page text: a real guide that meets the rule in its own words
// gets no deduction; a deduction is high only when nothing resembling the element is there, and says why.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { realCorpus } from './helpers/shared-material.ts';
import { extractDetail } from '../crawler/index.ts';
import { col, detail, item, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'pt', name: '平潭综合实验区管委会办公室', class: 'A', home: 'http://portal.test/zwgk/pt/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const guide = CHECKS.find((c) => c.id === 'guide.incomplete')!;
const functions = CHECKS.find((c) => c.id === 'functions.incomplete')!;
const corpus = await realCorpus();
const real = (id: string) => corpus!.pages.find((p) => p.id === id)!;
const guideText =
  corpus === null
    ? null!
    : (() => {
        const p = real('fj-pingtan-guide');
        return extractDetail(p.content, p.url);
      })();

function obs(
  key: 'guide' | 'functions',
  text: string,
  links: { text: string; url: string }[] = [],
  tables: { headers: string[]; rows: string[][] }[] = [],
) {
  return unitObs(unit, {
    columns: [col('pt', key, [item('政府信息公开指南', '2023-02-01')])],
    details: [detail('pt', key, '政府信息公开指南', text, { links, tables })],
  });
}

describe.skipIf(corpus === null)('guide.incomplete on the real 平潭 guide', () => {
  it('only the fax number is deducted, at high confidence with its reason', () => {
    const f = guide.run(ctx, unit, obs('guide', guideText.text, guideText.links));
    expect(f.map((x) => x.subject)).toEqual(['传真号码']);
    expect(f[0].confidence).toBe('high');
    expect(f[0].confidenceReason).toMatch(/正文完整/);
  });

  it('an element hinted at but not recognised is a low deduction marked 需人工核实, never high', () => {
    // hours given only as "另行公告" next to their label: the label is there, a time is not
    const text = guideText.text.replace(/咨询时间：[^\n]*/, '咨询时间：另行公告。');
    const f = guide.run(ctx, unit, obs('guide', text, guideText.links)).find((x) => x.subject === '办公时间')!;
    expect(f.confidence).toBe('low');
    expect(f.title).toContain('需人工核实');
    expect(f.confidenceReason).toContain('咨询时间');
  });

  it('a guide published as an attachment makes every absence low', () => {
    const text =
      '平潭综合实验区政府信息公开指南详见附件。本机关咨询电话：0591-23165385，通信地址：平潭综合实验区金井湾营运中心7号楼14层。'.repeat(3);
    const f = guide.run(ctx, unit, obs('guide', text, [{ text: '平潭综合实验区政府信息公开指南.pdf', url: 'http://portal.test/zn.pdf' }]));
    expect(f.length).toBeGreaterThan(3);
    expect(f.every((x) => x.confidence === 'low')).toBe(true);
  });

  it('contacts given in a table (表头 / 单元格) are read as label and value', () => {
    const text = guideText.text
      .replace(/咨询电话：0591-23165385/g, '')
      .replace(/联系电话：0591-\d+/g, '')
      .replace(/咨询时间：[^\n]*/, '');
    const table = {
      headers: ['受理机构', '咨询电话', '办公时间'],
      rows: [['平潭综合实验区管委会政府信息公开领导小组办公室', '0591-23165385', '周一至周五 8:00—12:00，15:00—18:00']],
    };
    const without = guide.run(ctx, unit, obs('guide', text, guideText.links)).map((x) => x.subject);
    expect(without).toEqual(expect.arrayContaining(['联系电话', '办公时间']));
    const withTable = guide.run(ctx, unit, obs('guide', text, guideText.links, [table])).map((x) => x.subject);
    expect(withTable).toEqual(['传真号码']);
  });
});

describe.skipIf(corpus === null)('functions.incomplete on the real 平潭 机构 pages', () => {
  for (const id of ['fj-pingtan-jg-gwhbgs', 'fj-pingtan-jg-jsplj', 'fj-pingtan-jg-nyncj']) {
    it(`${id}: no deduction`, () => {
      expect(functions.run(ctx, unit, obs('functions', real(id).content))).toEqual([]);
    });
  }
});
