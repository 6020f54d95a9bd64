// Column discovery on the real pages of ../shared/real-pages, against their hand-made truth: the 邯郸 root page's
// header menu is the site's own navigation, a hub page's header menu is the county's (not the hub's columns), and
// a column page that links to itself in its nav is that column.
import { describe, expect, it } from 'vitest';
import { discoverColumns } from '../crawler/index.ts';
import { loadCorpus, REAL_PAGES_DIR } from '../bench/accuracy-corpus.ts';
import { sharedPath } from './helpers/shared-material.ts';

const present = sharedPath('real-pages/truth.json') !== null;
const pages = present ? loadCorpus('real', REAL_PAGES_DIR).pages.filter((p) => p.truth.columns) : [];
const norm = (href: string, base: string) => new URL(href, base).href.replace(/(index|default)\.s?html?$/i, '').replace(/\/$/, '');

describe.skipIf(!present)('column discovery on real pages', () => {
  for (const page of pages) {
    const found = new Map(discoverColumns(page.content, page.url).map((c) => [c.key, c.url]));
    for (const want of page.truth.columns ?? []) {
      it(`${page.id}: ${want.key}（${want.label}）${want.href === null ? ' has no link and is not found' : ''}`, () => {
        const got = found.get(want.key);
        if (want.href === null) expect(got).toBeUndefined();
        else expect(got && norm(got, page.url)).toBe(norm(want.href, page.url));
      });
    }
    for (const key of page.truth.absent ?? []) {
      it(`${page.id}: ${key} is not on the page and is not found`, () => expect(found.get(key)).toBeUndefined());
    }
  }

  it('a page below the root ignores the header menu even where its relative links resolve under the page', () => {
    const html = `<div class="dhlm"><a href="zmhd/yjzj/">意见征集</a></div><div class="left"><a href="./">政府信息公开指南</a></div>`;
    const cols = new Map(discoverColumns(html, 'http://x.gov.cn/zfxxgkzn/').map((c) => [c.key, c.url]));
    expect(cols.get('decisions')).toBeUndefined();
    expect(cols.get('guide')).toBe('http://x.gov.cn/zfxxgkzn/');
    const root = new Map(discoverColumns(html, 'http://x.gov.cn/').map((c) => [c.key, c.url]));
    expect(root.get('decisions')).toBe('http://x.gov.cn/zmhd/yjzj/');
  });

  it('prefers another link to the page linking to itself', () => {
    const html = `<a href="./">信息公开年报</a><a href="/xxgk/nb/">信息公开年报</a>`;
    const cols = new Map(discoverColumns(html, 'http://x.gov.cn/xxgk/zn/').map((c) => [c.key, c.url]));
    expect(cols.get('annualReport')).toBe('http://x.gov.cn/xxgk/nb/');
  });
});
