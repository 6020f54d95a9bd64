// Blocks that point at other articles (关联稿件, 相关解读, 上一篇/下一篇) and the breadcrumb are not a page's list rows:
// on the real detail pages of ../shared/real-pages (read at test time, skipped when absent) each was read as a list of
// one, so a navigation column linking to the article was dated by the related item, not by the article.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { extractListRows } from '../crawler/index.ts';
import { loadHtml } from '../crawler/extract-html.ts';
import { relatedBlockTest } from '../crawler/related-blocks.ts';
import { sharedPath } from './helpers/shared-material.ts';

const pagesDir = sharedPath('real-pages/pages');
const real = (name: string) => readFileSync(join(pagesDir!, name), 'utf8');
const rows = (html: string, url = 'http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/a.shtml') =>
  extractListRows(html, url, { asOf: '2024-12-31' }).rows.map((r) => [r.title, r.date]);

describe.skipIf(pagesDir === null)('related blocks on real detail pages are no list rows', () => {
  it('万载 2022 统计公报: the 关联稿件 row (2023-07-12) is not a row; under another heading it would be', () => {
    const page = real('jx-wanzai-2022-tjgb.html');
    expect(rows(page)).toEqual([]);
    const renamed = page.replace('<span>关联稿件：</span>', '<span>最新文件：</span>');
    expect(rows(renamed)).toEqual([['图文解读：《万载县2022年国民经济和社会发展统计公报》', '2023-07-12']]);
  });

  it('宜春 reposted 江西 公报: the 相关解读 link in the body is no row, and the body’s date is no row’s date', () => {
    expect(rows(real('jx-yichun-jiangxi-2022-tjgb.html'))).toEqual([]);
  });

  it('万载 2015 统计公报: the 上一篇 / 下一篇 links are no rows', () => {
    const page = real('jx-wanzai-2015-tjgb.html');
    expect(rows(page)).toEqual([]);
    // twin: the same links without their labels are two article links of one list
    const unlabelled = page.replaceAll('上一篇：', '').replaceAll('下一篇：', '');
    expect(rows(unlabelled).length).toBe(2);
  });

  it('中国政府网 公报: the breadcrumb link above the article is no row (it took the body’s 2007-06-29)', () => {
    const got = rows(real('gov-cn-gne.html'), 'https://www.gov.cn/gongbao/content/2007/content_1.htm');
    expect(got.filter(([title]) => title === '2007年第23号')).toEqual([]);
  });
});

// Modelled on the 开普云 detail template of jx-wanzai-2022-tjgb (div > h3 heading, ul.common_newslist rows).
describe('related blocks beside a list', () => {
  const li = (title: string, date: string, n: number) =>
    `<li><a href="/tzgg/2024${n}/t2024${n}_${n}.html">${title}</a><span class="time">${date}</span></li>`;
  const related = `<div class="rel"><h3><span>相关文章：</span></h3><ul class="common_newslist">${[1, 2, 3]
    .map((n) => li(`相关的一篇文章${n}`, `2024-12-2${n}`, 10 + n))
    .join('')}</ul></div>`;

  it('a 相关文章 block of three rows does not outvote the column’s list of two', () => {
    const main = `<div class="list"><ul>${li('关于开展安全检查的通知', '2024-03-01', 1)}${li('关于春节值班安排的通知', '2024-02-01', 2)}</ul></div>`;
    expect(rows(`<html><body>${related}${main}</body></html>`)).toEqual([
      ['关于开展安全检查的通知', '2024-03-01'],
      ['关于春节值班安排的通知', '2024-02-01'],
    ]);
  });

  it('the nearest heading decides: a list under 最新公告 after a 相关文章 block in the same container is read', () => {
    const html = `<html><body><div class="side"><h3>相关文章</h3><p>（无）</p><h3>最新公告</h3><ul>${li('关于开展安全检查的通知', '2024-03-01', 1)}${li('关于春节值班安排的通知', '2024-02-01', 2)}</ul></div></body></html>`;
    expect(rows(html).map(([t]) => t)).toEqual(['关于开展安全检查的通知', '关于春节值班安排的通知']);
  });
});

// The same block of the 开普云 template (div > h3 heading above the rows), with one row's link wrapped deeper.
describe('related-block test: what an element asks does not depend on what was asked before', () => {
  const html = `<html><body><div class="rel"><h3>相关文章</h3><div class="box"><div class="rows">
    <div class="row"><a id="shallow" href="/a.html">一篇相关文章</a></div>
    <div class="row"><div><div><div><a id="deep" href="/b.html">另一篇相关文章</a></div></div></div></div>
  </div></div></div></body></html>`;
  const links = () => {
    const $ = loadHtml(html);
    return { shallow: $('#shallow')[0], deep: $('#deep')[0] } as { shallow: Element; deep: Element };
  };

  it('a link three levels below the heading’s block is related even after a deeper link (too far) was asked', () => {
    const alone = links();
    expect(relatedBlockTest()(alone.shallow)).toBe(true);
    const { shallow, deep } = links();
    const related = relatedBlockTest();
    expect(related(deep)).toBe(false); // six levels below the heading: beyond the walk
    expect(related(shallow)).toBe(true);
  });
});
