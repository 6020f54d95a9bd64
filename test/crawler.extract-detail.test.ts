import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { extractDetail, extractLinks, fingerprintCms } from '../crawler/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/extract/${name}`, import.meta.url), 'utf8');

describe('extractDetail: 开普云 ucap page with browser-extension noise', () => {
  const url = 'http://www.example.gov.cn/wzxrmzf/bmxxgk/202305/0123456789abcdef0123456789abcdef.shtml';
  const d = extractDetail(fixture('kaipuyun-detail.html'), url);

  it('takes title and date from the ArticleTitle/PubDate meta, not from injected scripts', () => {
    expect(d.title).toBe('关于印发某某县城乡居民医疗救助实施办法的通知');
    expect(d.publishedAt).toBe('2023-05-11');
    expect(d.isArticle).toBe(true);
  });

  it('reads the body of ucapcontent only, with whitespace normalised', () => {
    expect(d.text.split('\n')[0]).toBe('各乡（镇）人民政府，县直有关单位：');
    expect(d.text).toContain('现将《某某县城乡居民医疗救助实施办法》印发给你们');
    expect(d.text).toContain('（此件主动公开）');
    expect(d.text).not.toMatch(/GUAN|浏览次数|网站标识码|无障碍/);
    expect(d.text).not.toMatch(/\u3000| {2}/);
  });

  it('reads dd > label > font metadata, also labels with inner spaces (索 引 号, 文　　号)', () => {
    expect(d.fields).toMatchObject({
      索引号: '014000319/2023-00123',
      责任部门: '某某县医疗保障局',
      生成日期: '2023-05-11',
      文号: '某医保发〔2023〕5号',
      公开方式: '主动公开',
    });
  });

  it('keeps body links and the 关联稿件 解读 link, not the navigation', () => {
    expect(d.links.map((l) => l.url)).toEqual([
      'http://www.example.gov.cn/wzxrmzf/bmxxgk/202305/P020230511123456.pdf',
      'http://www.example.gov.cn/wzxrmzf/zcjd/202305/fedcba9876543210fedcba9876543210.shtml',
    ]);
    expect(d.links[1].text).toContain('图文解读');
  });
});

describe('extractDetail: other CMSs', () => {
  it('reads strong(label)+"：value" blocks and ignores commented-out fields (TRS WCM, 邯郸 style)', () => {
    const d = extractDetail(fixture('handan-detail.html'), 'http://www.example.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html');
    expect(d.title).toBe('某某市自然资源和规划局2020年上半年工作总结');
    expect(d.publishedAt).toBe('2020-08-02');
    expect(d.fields).toMatchObject({
      索引号: '000014348/2020-35147',
      发布机构: '某某市自然资源和规划局',
      主题分类: '综合政务',
      发布日期: '2020年08月02日',
    });
    expect(d.fields['成文日期']).toBeUndefined();
    expect(d.fields['文号']).toBeUndefined();
    expect(d.text.startsWith('今年以来')).toBe(true);
  });

  it('reads a 索引号|文号 table, the title without the site suffix and the 发文日期 (Epoint)', () => {
    const d = extractDetail(fixture('epoint-detail.html'), 'https://www.example.gov.cn/info/1003.html');
    expect(d.title).toBe('关于2023年度部门预算公开的说明');
    expect(d.publishedAt).toBe('2023-02-10');
    expect(d.fields).toMatchObject({ 索引号: '11140000MB0000000X/2023-00021', 发布机构: '县财政局', 发文日期: '2023-02-10', 文号: '无' });
    expect(d.text).toContain('部门预算收支情况');
    expect(d.text).not.toContain('某某县人民政府');
  });

  it('falls back to the largest text block and the <title> when no container is known', () => {
    const html = `<html><head><title>某某镇政府信息公开指南 - 某某县人民政府</title></head><body>
      <div class="menu"><a href="/">首页</a><a href="/gk/">政务公开</a></div>
      <div class="wrap"><div class="txt"><p>为了更好地提供政府信息公开服务，编制本指南。</p><p>一、主动公开：公开范围、公开形式、公开时限。</p>
      <p>二、依申请公开：受理机构、申请方式、处理时限。</p><p>发布时间：2023-03-01 10:00</p></div></div>
      <div class="footer">版权所有 某某县人民政府</div></body></html>`;
    const d = extractDetail(html, 'http://www.example.gov.cn/zhen/gkzn/');
    expect(d.title).toBe('某某镇政府信息公开指南');
    expect(d.publishedAt).toBe('2023-03-01');
    expect(d.text).toContain('依申请公开');
    expect(d.text).not.toContain('版权所有');
  });

  it('marks a list page as not an article', () => {
    const d = extractDetail(fixture('old-wcm-table.html'), 'http://www.example.gov.cn/xxgk/zhxx/');
    expect(d.isArticle).toBe(false);
  });

  it('reads a span "发布日期：…" and a blank body (empty TRS_Editor stays empty)', () => {
    const html = `<div class="info"><span>发布日期：2023-12-27 16:17</span><span>来源：县政府办</span></div><div class="TRS_Editor"> &nbsp; </div>`;
    const d = extractDetail(html, 'http://www.example.gov.cn/a.html');
    expect(d.publishedAt).toBe('2023-12-27');
    expect(d.fields['来源']).toBe('县政府办');
    expect(d.text).toBe('');
  });
});

describe('extractLinks', () => {
  const links = extractLinks(fixture('malformed-comments-links.html'), 'https://www.example.gov.cn/xxgk/page.html');
  const urls = links.map((l) => l.url);

  it('resolves against <base href> and keeps a/href, iframe/src and attachments', () => {
    expect(urls).toContain('https://www.example.gov.cn/xxgk/gkzn/');
    expect(urls).toContain('https://www.example.gov.cn/zcwj/P020231205.pdf');
    expect(urls).toContain('https://map.example.gov.cn/embed.html');
    expect(urls).toContain('https://www.example.gov.cn/xxgk/nb/index.html');
  });

  it('ignores links in comments, <script> and <style>, and javascript:/mailto:/tel:/# links', () => {
    expect(urls.some((u) => /commented-out|script-link|style-link/.test(u))).toBe(false);
    expect(urls.some((u) => /^(javascript|mailto|tel):/.test(u))).toBe(false);
    expect(urls).not.toContain('https://www.example.gov.cn/xxgk/');
  });

  it('treats text after a nested comment closer as markup, as browsers do', () => {
    expect(urls).toContain('https://www.example.gov.cn/after-nested-comment.html');
  });

  it('drops fragments and lists each target once', () => {
    expect(urls.filter((u) => u === 'https://www.example.gov.cn/xxgk/gkzn/')).toHaveLength(1);
    expect(urls.every((u) => !u.includes('#'))).toBe(true);
  });
});

describe('fingerprintCms', () => {
  it.each([
    ['trs-wcm-list.html', 'trs-wcm'],
    ['trs-hyun-list.html', 'trs-hyun'],
    ['hanweb-datastore.html', 'hanweb'],
    ['kaipuyun-detail.html', 'kaipuyun'],
    ['epoint-list.html', 'epoint'],
    ['placeholder-list.html', 'unknown'],
  ])('%s → %s', (file, kind) => {
    expect(fingerprintCms(fixture(file))).toBe(kind);
  });
});
