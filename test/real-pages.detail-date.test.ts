// The date a reader sees beats <meta name="PubDate">: on the real 开普云 pages of ../shared/real-pages the meta
// date is the CMS's later re-publish time.
import { describe, expect, it } from 'vitest';
import { extractDetail } from '../crawler/index.ts';
import { realCorpus } from './helpers/shared-material.ts';

const corpus = await realCorpus();
const details = (corpus?.pages ?? []).filter((p) => p.kinds.includes('detail') && p.truth.publishedVisible);

describe.skipIf(corpus === null)('detail publish date on real pages', () => {
  it('the corpus has detail pages whose meta date differs from the visible one', () => {
    const differing = details.filter((p) => p.truth.publishedMeta && p.truth.publishedMeta !== p.truth.publishedVisible);
    expect(differing.length).toBeGreaterThanOrEqual(3);
  });
  for (const page of details) {
    it(`${page.id}: reads the visible date ${page.truth.publishedVisible}`, () => {
      expect(extractDetail(page.content, page.url).publishedAt).toBe(page.truth.publishedVisible);
    });
  }
  it('a page that shows no date is dated by its meta PubDate', () => {
    const html =
      '<html><head><meta name="PubDate" content="2023-05-16 10:00"><title>统计公报</title></head><body><div id="zoom"><p>正文内容。</p></div></body></html>';
    expect(extractDetail(html, 'http://x.invalid/a.html').publishedAt).toBe('2023-05-16');
  });
});
