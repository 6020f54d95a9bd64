// 指南 and 机构职能 on real pages, through the whole crawl → store → checks path: each guide of the corpora
// (../shared/real-pages and test/fixtures/real-modelled: 平潭's 咨询时间/通信地址, 宝清's contact table, 望奎's GBK page
// with its 微信号 …) is a unit's 政府信息公开指南, each 机构职能 page or text its 机构职能. The check deducts exactly
// the elements the careful reader's truth says the page lacks, and nothing else; a twin with a passage removed is
// deducted for it, so the assertions can fail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Corpus, type LoadedPage, loadCorpus, MODELLED_DIR } from '../bench/accuracy-corpus.ts';
import type { Finding } from '../model/index.ts';
import { realCorpus } from './helpers/shared-material.ts';
import { unitHome, useUnitPortal } from './helpers/unit-portal.ts';

const corpora = [await realCorpus(), loadCorpus('modelled', MODELLED_DIR)].filter((c): c is Corpus => c !== null);
const portal = useUnitPortal();
const GUIDE = '/u/zfxxgkzn/';
const FUNCTIONS = '/u/jgzn/';

/** The page as the unit publishes it: HTML bytes as found; a plain text (平潭's 机构职能) in the simplest article page. */
function published(p: LoadedPage, corpus: Corpus, title: string): string | Buffer {
  if (p.isHtml) return readFileSync(join(corpus.dir, p.file));
  const paragraphs = p.content
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((l) => `<p>${l.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${paragraphs.join('')}</body></html>`;
}

/** The unit's deductions of `checkId`, as element ids. */
async function deducted(checkId: string, path: string, page: string | Buffer, asOf: string): Promise<{ ids: string[]; all: Finding[] }> {
  const label = path === GUIDE ? '政府信息公开指南' : '机构职能';
  const { obs, findings } = await portal.inspect(
    { '/u/': unitHome([[label, path]]), [path]: page },
    { year: Number(asOf.slice(0, 4)), asOf },
  );
  // the page was found as that column and read whole: silence is not a column nobody opened
  const key = path === GUIDE ? 'guide' : 'functions';
  expect(obs.details.filter((d) => d.columnKey === key && d.text.length > 100).length, `${key} read`).toBe(1);
  const all = findings.filter((f) => f.checkId === checkId && f.kind === 'deduction');
  return { ids: all.map((f) => f.subject).sort(), all };
}

const absent = (truth: Record<string, string | null> | undefined) =>
  Object.entries(truth ?? {})
    .filter(([, v]) => v === null)
    .map(([k]) => k)
    .sort();

for (const corpus of corpora) {
  const guides = corpus.pages.filter((p) => p.kinds.includes('guide'));
  const functions = corpus.pages.filter((p) => p.kinds.includes('functions'));

  describe(`${corpus.name}: guide.incomplete deducts only what the guide lacks`, () => {
    for (const p of guides)
      it(p.id, async () => {
        const { ids, all } = await deducted('guide.incomplete', GUIDE, published(p, corpus, '政府信息公开指南'), corpus.asOf);
        expect(ids, all.map((f) => `${f.subject}: ${f.confidenceReason}`).join('\n')).toEqual(absent(p.truth.elements));
      }, 60_000);
  });

  describe(`${corpus.name}: functions.incomplete deducts only what the 机构职能 page lacks`, () => {
    for (const p of functions)
      it(p.id, async () => {
        const { ids, all } = await deducted('functions.incomplete', FUNCTIONS, published(p, corpus, '机构职能'), corpus.asOf);
        expect(ids, all.map((f) => `${f.subject}: ${f.confidenceReason}`).join('\n')).toEqual(absent(p.truth.fields));
      }, 60_000);
  });
}

describe.skipIf(!corpora.some((c) => c.pages.some((p) => p.id === 'fj-pingtan-guide')))('twins', () => {
  const real = corpora[0];
  it('平潭 guide without its 咨询时间 paragraph: 办公时间 is deducted', async () => {
    const p = real.pages.find((x) => x.id === 'fj-pingtan-guide')!;
    const html = p.content.replace(/<p>[^<]*咨询时间[^<]*<\/p>/g, '');
    expect(html).not.toBe(p.content);
    const { ids } = await deducted('guide.incomplete', GUIDE, html, real.asOf);
    expect(ids).toContain('办公时间');
  }, 60_000);

  it('平潭 农业农村局 with only its duties: address, hours, contacts and head are deducted', async () => {
    const p = real.pages.find((x) => x.id === 'fj-pingtan-jg-nyncj')!;
    const duties = { ...p, content: p.content.slice(0, p.content.indexOf('办公地址')) };
    expect(duties.content.length).toBeGreaterThan(500);
    const { ids } = await deducted('functions.incomplete', FUNCTIONS, published(duties, real, '机构职能'), real.asOf);
    expect(ids).toEqual(expect.arrayContaining(['办公地址', '办公时间', '联系方式']));
  }, 60_000);
});
