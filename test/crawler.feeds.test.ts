import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseFeed, parsePostsCsv } from '../crawler/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/extract/${name}`, import.meta.url), 'utf8');

describe('parseFeed', () => {
  it('reads RSSHub RSS 2.0 (RFC 822 pubDate, CDATA titles, pinned marker)', () => {
    const r = parseFeed(fixture('feed-rsshub.xml'), 'application/xml; charset=utf-8');
    if (!r.ok) throw new Error(r.error);
    expect(r.format).toBe('rss');
    expect(r.title).toBe('某某发布的微博');
    expect(r.posts).toEqual([
      {
        title: '关注“某某发布”，了解权威信息',
        url: 'https://weibo.com/1234567890/N0001',
        publishedAt: '2023-03-06T10:00:00+08:00',
        pinned: true,
      },
      {
        title: '县融媒体中心：元旦假期出行提示 &amp; 安全须知',
        url: 'https://weibo.com/1234567890/N0100',
        publishedAt: '2023-12-29T09:30:00+08:00',
        pinned: false,
      },
      { title: '冬季供暖服务热线公布', url: 'https://weibo.com/1234567890/N0099', publishedAt: '2023-12-14T20:00:00+08:00', pinned: false },
    ]);
    expect(r.undatedItems).toBe(1);
  });

  it('reads Atom (published, else updated; alternate link; 置顶 category)', () => {
    const r = parseFeed(fixture('feed-atom.xml'), 'text/plain');
    if (!r.ok) throw new Error(r.error);
    expect(r.format).toBe('atom');
    expect(r.posts).toEqual([
      { title: '全县安全生产工作会议召开', url: 'https://mp.weixin.qq.com/s/AAA', publishedAt: '2023-12-20T10:00:00+08:00', pinned: false },
      { title: '冬季取暖安全提示', url: 'https://mp.weixin.qq.com/s/BBB', publishedAt: '2023-12-02T01:30:00+08:00', pinned: true },
    ]);
  });

  it('reads JSON Feed, sniffed from content, with unix-seconds dates', () => {
    const r = parseFeed(fixture('feed.json'), 'text/html');
    if (!r.ok) throw new Error(r.error);
    expect(r.format).toBe('jsonfeed');
    expect(r.title).toBe('某某县融媒 抖音');
    expect(r.posts.map((p) => [p.publishedAt, p.pinned])).toEqual([
      ['2023-12-28T12:00:00+08:00', false],
      ['2023-12-01T14:00:00+08:00', false],
      ['2022-01-01T00:00:00+08:00', true],
    ]);
    expect(r.posts[1].title).toBe('冬日里的温暖：志愿者走访独居老人');
    expect(r.undatedItems).toBe(1);
  });

  it.each([
    ['<rss><channel><item><title>a</item></channel></rss>', 'application/rss+xml', /XML/],
    ['<!DOCTYPE html><html><body>登录</body></html>', 'text/html', /网页/],
    ['{"items": ', 'application/json', /JSON/],
    ['{"title": "x"}', 'application/json', /items/],
    ['', null, /为空/],
    ['<opml><body/></opml>', 'text/xml', /无法识别/],
  ])('rejects a bad feed with a Chinese error: %s', (text, type, message) => {
    const r = parseFeed(text, type);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('parsePostsCsv', () => {
  it('reads English headers, quoted fields and CRLF', () => {
    const csv =
      'unitId,account,platform,title,url,publishedAt\r\nyishi,猗氏发布,wechat,"标题, 带逗号",https://mp.weixin.qq.com/s/x,2023-12-01 09:30\r\n,某某发布,,"说""好""的",,2023-12-05\r\n';
    const r = parsePostsCsv(csv);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        unitId: 'yishi',
        account: '猗氏发布',
        platform: 'wechat',
        title: '标题, 带逗号',
        url: 'https://mp.weixin.qq.com/s/x',
        publishedAt: '2023-12-01T09:30:00+08:00',
        line: 2,
      },
      { account: '某某发布', title: '说"好"的', url: null, publishedAt: '2023-12-05T00:00:00+08:00', line: 3 },
    ]);
  });

  it('reads Chinese headers and a BOM', () => {
    const r = parsePostsCsv('\ufeff账号,平台,标题,链接,发布时间\n某某发布,weibo,冬季提示,,2023年12月8日\n');
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ account: '某某发布', platform: 'weibo', publishedAt: '2023-12-08T00:00:00+08:00' });
  });

  it('names the line of each bad row', () => {
    const csv = [
      'account,title,url,publishedAt',
      'a,ok,,2023-12-01',
      'b,坏日期,,2023-02-30',
      ',无账号,,2023-12-01',
      'c,坏链接,ftp://x,2023-12-01',
      'd,"多行\n标题",,昨天',
    ].join('\n');
    const r = parsePostsCsv(csv);
    expect(r.rows.map((x) => x.account)).toEqual(['a']);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(r.errors[0].message).toContain('2023-02-30');
    expect(r.errors[1].message).toContain('账号');
  });

  it('rejects a file without the required headers', () => {
    const r = parsePostsCsv('name,date\nx,2023-12-01\n');
    expect(r.rows).toEqual([]);
    expect(r.errors[0]).toMatchObject({ line: 1 });
    expect(r.errors.map((e) => e.message).join()).toMatch(/account\/账号/);
  });
});
