// 指南要素 and 机构职能字段 on the real pages of ../shared/real-pages: each element a careful reader sees is found
// where the reader points, whatever its wording (咨询时间, 通信地址, 值班室, 主要负责人 …); an element the page lacks
// is absent, and absent with high confidence only when nothing resembling it is there.
import { describe, expect, it } from 'vitest';
import { extractDetail } from '../crawler/index.ts';
import { loadCheckSettings, readElements } from '../checks/index.ts';
import type { LoadedPage } from '../bench/accuracy-corpus.ts';
import { realCorpus } from './helpers/shared-material.ts';

const settings = loadCheckSettings();
const corpus = await realCorpus();
const page = (id: string) => corpus!.pages.find((p) => p.id === id)!;
const source = (p: LoadedPage) => (p.isHtml ? extractDetail(p.content, p.url) : { text: p.content, links: [], tables: [] });
const read = (p: LoadedPage, kind: 'guide' | 'functions') =>
  new Map(readElements(source(p), settings.elementDefinitions[kind], settings).map((r) => [r.id, r]));
const compact = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

describe.skipIf(corpus === null)('指南 elements on the real 平潭 guide', () => {
  if (corpus === null) return void it.skip('需要 ../shared/real-pages', () => {}); // the cases below are made from the corpus
  const p = page('fj-pingtan-guide');
  const got = read(p, 'guide');

  for (const [id, evidence] of Object.entries(p.truth.elements ?? {})) {
    if (evidence === null) continue;
    it(`${id} is found at the passage the reader points at`, () => {
      const r = got.get(id)!;
      expect(r.found, r.reason).toBe(true);
      expect(r.confidence).toBe('high');
      const passages = evidence.split(/;\s|\s…\s/).map((s) => compact(s.replace(/\s*\([^)]*\)\s*$/, '')).slice(0, 6));
      expect(
        passages.some((s) => compact(r.excerpt ?? '').includes(s)),
        `${r.excerpt}`,
      ).toBe(true);
    });
  }

  it('咨询时间 (not 办公时间) gives the hours and 通信地址 the address', () => {
    expect(got.get('办公时间')!.excerpt).toContain('咨询时间');
    expect(got.get('办公地址')!.excerpt).toMatch(/通信地址|地址:平潭/);
  });

  it('the preamble\'s "依法获取政府信息" is not taken for the 获取方式', () => {
    expect(got.get('获取方式')!.excerpt).toContain('申请方式');
  });

  it('the guide gives no fax number: absent, with high confidence (the word 传真 is nowhere)', () => {
    const fax = got.get('传真号码')!;
    expect(fax.found).toBe(false);
    expect(fax.confidence).toBe('high');
    expect(fax.reason).toContain('正文完整');
  });

  it('a 传真 label without its number makes the absence doubtful (low), not certain', () => {
    const r = readElements({ text: `${p.content}\n传真：（暂无）`, links: [] }, settings.elementDefinitions.guide, settings);
    const fax = r.find((x) => x.id === '传真号码')!;
    expect(fax).toMatchObject({ found: false, confidence: 'low' });
    expect(fax.reason).toContain('需人工核实');
  });
});

describe.skipIf(corpus === null)('机构职能 fields on the real 平潭 机构 pages (body text run together, no line breaks)', () => {
  if (corpus === null) return void it.skip('需要 ../shared/real-pages', () => {}); // the cases below are made from the corpus
  for (const id of ['fj-pingtan-jg-gwhbgs', 'fj-pingtan-jg-jsplj', 'fj-pingtan-jg-nyncj']) {
    const p = page(id);
    const got = read(p, 'functions');
    it(`${id}: every field is found`, () => {
      for (const [field, evidence] of Object.entries(p.truth.fields ?? {})) {
        const r = got.get(field)!;
        expect(r.found, `${field}: ${r.reason}`).toBe(evidence !== null);
      }
    });
  }

  it("the unit's head is named, not the head of one of its offices (负责人：陈国伟 of 财政处)", () => {
    const jsplj = read(page('fj-pingtan-jg-jsplj'), 'functions').get('负责人姓名')!;
    expect(jsplj.excerpt).toContain('张著名');
    const gwhbgs = read(page('fj-pingtan-jg-gwhbgs'), 'functions').get('负责人姓名')!;
    expect(gwhbgs.excerpt).toContain('江裕森');
  });

  it("the contact of the unit (值班室 in 基本信息) is read before its offices' phone numbers", () => {
    expect(read(page('fj-pingtan-jg-jsplj'), 'functions').get('联系方式')!.excerpt).toContain('值班室');
  });

  it('with only an office head named, 负责人姓名 is doubtful (low) rather than found', () => {
    const text =
      '办公室主要职责：负责文电、会务。负责人：陈国伟联系电话:0591-88710419 办公地址：平潭综合实验区国昌路1号 办公时间：周一至周五 上午8:00-12:00';
    const r = readElements({ text, links: [] }, settings.elementDefinitions.functions, settings).find((x) => x.id === '负责人姓名')!;
    expect(r).toMatchObject({ found: false, confidence: 'low' });
  });
});
