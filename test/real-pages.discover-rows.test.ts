// Column discovery takes column links, not article rows: a row of a list titled "…政府信息公开工作年度报告" beside its
// date, or such a title linking to an article's address, is a report, not the 年报 column. Taking it hid the
// column.missing of a unit without the column (a missed gap) and read one article as the column's list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverColumns } from '../crawler/index.ts';
import { sharedPath } from './helpers/shared-material.ts';

const pagesDir = sharedPath('real-pages/pages');
const found = (html: string, url: string) => new Map(discoverColumns(html, url).map((c) => [c.key, c.url]));

describe.skipIf(pagesDir === null)('恩格贝 信息公开年报 (TRS WCM list of reports and news)', () => {
  const page = pagesDir ? readFileSync(join(pagesDir, 'nm-ordos-engebei-xxgknb-list.html'), 'utf8') : '';
  const url = 'http://egb.invalid/xxgk/xxgknb/index.html';

  it('finds the 年报 column by its nav link', () => {
    expect(found(page, url).get('annualReport')).toBe('http://egb.invalid/xxgk/xxgknb/');
  });

  it('without the nav link, no report row of the list is taken for the column', () => {
    const none = page.replaceAll('信息公开年报', '信息公开资料');
    expect(none).toContain('鄂尔多斯市2019年政府信息公开工作年度报告');
    expect(found(none, url).get('annualReport')).toBeUndefined();
  });
});

// Modelled on a township 信息公开 home: a left nav, and a 最新信息 block of dated rows (恩格贝's row layout: the title
// link beside a span with its date) whose newest row is the year's report.
describe('article rows beside column links', () => {
  const base = 'http://x.gov.cn/xxgk/zhen/';
  const home = (nav: string, rows: string) =>
    `<html><body><div class="left"><ul><li><a href="./gkzn/">政府信息公开指南</a></li>${nav}<li><a href="./gzdt/">工作动态</a></li></ul></div>` +
    `<div class="zxxx"><h3>最新信息</h3><ul>${rows}</ul></div></body></html>`;
  const row = (href: string, title: string, date: string) => `<li><a href="${href}" title="${title}">${title}</a><span>${date}</span></li>`;
  const rows = [
    row('./xxgknb/202401/t20240115_88.html', '某某镇2023年政府信息公开工作年度报告', '2024-01-15'),
    row('./gzdt/202401/t20240110_87.html', '某某镇召开年度工作会议', '2024-01-10'),
    // an undated article address with a title longer than a column name
    row('./tzgg/202312/t20231201_80.html', '关于印发某某镇政府信息公开工作年度报告编制要求的通知', ''),
  ].join('');

  it('a dated row and an article address are no column: the 年报 is not found', () => {
    expect(found(home('', rows), base).get('annualReport')).toBeUndefined();
  });

  it('the nav link is the column, though the rows name it too', () => {
    expect(found(home('<li><a href="./xxgknb/">政府信息公开年报</a></li>', rows), base).get('annualReport')).toBe(`${base}xxgknb/`);
  });

  it('a column name linking to a single article (指南 as one page) is still the column', () => {
    const html = home('', '').replace('./gkzn/', './gkzn/202001/t20200101_1.html');
    expect(found(html, base).get('guide')).toBe(`${base}gkzn/202001/t20200101_1.html`);
  });

  it('a 更多>> link names its column by its heading though dated rows stand below it', () => {
    const html = `<html><body><div class="blk"><div class="hd"><h3>信息公开年报</h3><a href="./xxgknb/">更多&gt;&gt;</a></div><ul>${rows}</ul></div></body></html>`;
    expect(found(html, base).get('annualReport')).toBe(`${base}xxgknb/`);
  });
});
