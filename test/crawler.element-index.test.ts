// The extractors read elements from a per-document index and match their selector lists with simpleSelector;
// both must select exactly what cheerio's selector engine selects, on every CMS style of the fixtures.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { allElements, elementsByTag, hrefAnchors, loadHtml, simpleSelector } from '../crawler/extract-html.ts';
import { preparePage } from '../crawler/page-doc.ts';

const dir = new URL('./fixtures/extract/', import.meta.url);
const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
const tricky = `<html><head><BASE HREF="/x/"><META NAME="PubDate" content="2023-01-02"><title>t</title></head><body>
  <div class="a  TRS_Editor b"><p>x</p></div><div id="zoom"><h1>in zoom</h1></div><UCAPCONTENT>y</UCAPCONTENT>
  <div class="title"><span><h1>h</h1></span></div><h1>plain</h1>
  <noscript><a href="/n">n</a></noscript><template><a href="/t">t</a></template><script type="TEXT/XML"><a>x</a></script>
  <select><option><a href="/o">o</a></option></select><a name="no-href">n</a><a href="">empty</a></body></html>`;

const SELECTORS = ['.TRS_Editor', '#zoom', 'ucapcontent', '.title h1', 'h1', 'div.title', '.title', 'td', '#content', 'span h1'];

describe('element index', () => {
  for (const [name, html] of [...pages.map((p) => [p, readFileSync(new URL(p, dir), 'utf8')]), ['inline tricky page', tricky]]) {
    it(`selects what cheerio selects: ${name}`, () => {
      const $ = loadHtml(html);
      expect(allElements($)).toEqual($('*').toArray());
      expect(hrefAnchors($)).toEqual($('a[href]').toArray());
      for (const tag of ['script', 'table', 'meta', 'title', 'base', 'tr']) expect(elementsByTag($, tag)).toEqual($(tag).toArray());
      for (const sel of SELECTORS) expect(allElements($).filter(simpleSelector(sel)), sel).toEqual($(sel).toArray());
    });

    it(`is rebuilt after the page is stripped of scripts and the like: ${name}`, () => {
      const doc = preparePage(html, 'https://example.gov.cn/a/index.html');
      expect(allElements(doc.$)).toEqual(doc.$('*').toArray());
      expect(hrefAnchors(doc.$)).toEqual(doc.$('a[href]').toArray());
      expect(elementsByTag(doc.$, 'script')).toEqual([]);
    });
  }

  it('rejects selectors it cannot match exactly', () => {
    expect(() => simpleSelector('a[href]')).toThrow(/unsupported/);
    expect(() => simpleSelector('ul > li')).toThrow(/unsupported/);
  });
});
