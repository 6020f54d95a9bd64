// The fixtures modelled on real pages (test/fixtures/real-modelled): a GBK 指南 worded like 望奎县's, contacts in a
// table as other guides have them, a 机构职能 page with label and leader tables, and a near-miss guide that mentions
// 传真申请 but gives no fax number. Every element a reader sees is found; the near-miss gap is doubtful, not certain.
import { describe, expect, it } from 'vitest';
import { extractDetail } from '../crawler/index.ts';
import { loadCheckSettings, readElements } from '../checks/index.ts';
import { loadCorpus, MODELLED_DIR } from '../bench/accuracy-corpus.ts';

const settings = loadCheckSettings();
const corpus = loadCorpus('modelled', MODELLED_DIR);

describe('elements on the real-modelled fixtures', () => {
  it('the GBK fixture decodes as GBK', () => {
    const p = corpus.pages.find((x) => x.id === 'hlj-wangkui-guide-gbk')!;
    expect(p.encoding.toLowerCase()).toMatch(/gbk|gb18030|gb2312/);
    expect(p.content).toContain('嵎山县');
  });

  for (const p of corpus.pages) {
    for (const kind of ['guide', 'functions'] as const) {
      if (!p.kinds.includes(kind)) continue;
      const truth = (kind === 'guide' ? p.truth.elements : p.truth.fields) ?? {};
      it(`${p.id}: found exactly the elements the page gives`, () => {
        const got = readElements(extractDetail(p.content, p.url), settings.elementDefinitions[kind], settings);
        for (const r of got) {
          if (!(r.id in truth)) continue;
          expect(r.found, `${r.id}: ${r.reason}`).toBe(truth[r.id] !== null);
        }
      });
    }
  }

  it('office address is not the 查阅点\'s "联系地址" (望奎县 wording)', () => {
    const p = corpus.pages.find((x) => x.id === 'hlj-wangkui-guide-gbk')!;
    const r = readElements(extractDetail(p.content, p.url), settings.elementDefinitions.guide, settings).find((x) => x.id === '办公地址')!;
    expect(r.excerpt).toContain('文明路52号');
    expect(r.excerpt).not.toContain('建设街31号');
  });

  it('a 联系电话 label left empty is no phone number, even with the 传真号码 on the next line (望奎县 wording)', () => {
    const p = corpus.pages.find((x) => x.id === 'hlj-wangkui-guide-gbk')!;
    const page = extractDetail(p.content, p.url);
    // the label kept, its number and the clause end gone: the fax number's line follows right after the colon
    const emptied = { ...page, text: page.text.replace(/联系电话：[\d\-，,]+[；;。]?/g, '联系电话：') };
    expect(emptied.text).toMatch(/联系电话：\s*传真号码：0455-6400822/);
    const r = readElements(emptied, settings.elementDefinitions.guide, settings).find((x) => x.id === '联系电话')!;
    expect(r.found, r.reason).toBe(false);
    expect(r.confidence).toBe('low');
  });

  it('near-miss: 传真申请 without a fax number and a website without an e-mail are absent, but doubtful (low)', () => {
    const p = corpus.pages.find((x) => x.id === 'near-miss-guide-fax-application')!;
    const got = new Map(readElements(extractDetail(p.content, p.url), settings.elementDefinitions.guide, settings).map((r) => [r.id, r]));
    expect(got.get('传真号码')).toMatchObject({ found: false, confidence: 'low' });
    expect(got.get('传真号码')!.reason).toContain('传真');
    expect(got.get('互联网联系方式/电子邮箱')!.found).toBe(false);
  });
});
