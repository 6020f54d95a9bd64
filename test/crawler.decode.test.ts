import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charsetFromMeta, decodeHtml, normalizeCharset } from '../crawler/decode.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/fetch/${name}`, import.meta.url)));
const TITLE = '关于朱镕基同志和王喆同志的政务公开通知';

describe('decodeHtml', () => {
  it('GBK named by the HTTP header', () => {
    const r = decodeHtml(fixture('gbk-no-meta.html'), 'text/html; charset=GBK');
    expect(r).toMatchObject({ encoding: 'gb18030', method: 'header', lossy: false });
    expect(r.text).toContain(TITLE);
    expect(r.text).toContain('猗氏镇政府信息公开');
  });

  it('GB2312 declared only by http-equiv meta, with GBK-only characters, decodes correctly', () => {
    const r = decodeHtml(fixture('gb2312-meta-gbk-chars.html'), 'text/html');
    expect(r).toMatchObject({ encoding: 'gb18030', method: 'meta', lossy: false });
    expect(r.text).toContain(TITLE);
  });

  it('HTML5 <meta charset="GBK">', () => {
    const r = decodeHtml(fixture('gbk-meta-charset.html'), null);
    expect(r).toMatchObject({ encoding: 'gb18030', method: 'meta', lossy: false });
    expect(r.text).toContain('通知公告');
  });

  it('GB18030 four-byte sequences', () => {
    const r = decodeHtml(fixture('gb18030.html'), 'text/html');
    expect(r.method).toBe('meta');
    expect(r.text).toContain('𠮷野家 café 㐀 政务公开');
    expect(r.lossy).toBe(false);
  });

  it('a UTF-8 BOM wins over a contradicting meta and is stripped', () => {
    const r = decodeHtml(fixture('utf8-bom.html'), null);
    expect(r).toMatchObject({ encoding: 'utf-8', method: 'bom', lossy: false });
    expect(r.text.startsWith('<html>')).toBe(true);
    expect(r.text).toContain('政务公开 BOM 测试');
  });

  it('without any declaration, GBK bytes are sniffed as GB18030 and UTF-8 bytes as UTF-8', () => {
    const gbk = decodeHtml(fixture('gbk-no-meta.html'), 'text/html');
    expect(gbk).toMatchObject({ encoding: 'gb18030', method: 'sniff', lossy: false });
    expect(gbk.text).toContain(TITLE);
    const utf8 = decodeHtml(Buffer.from(`<p>${TITLE}</p>`, 'utf8'), null);
    expect(utf8).toMatchObject({ encoding: 'utf-8', method: 'sniff', lossy: false });
    expect(utf8.text).toBe(`<p>${TITLE}</p>`);
  });

  it('invalid bytes decode lossy, keep the surrounding text and never throw', () => {
    const r = decodeHtml(fixture('utf8-invalid.html'), 'text/html; charset=utf-8');
    expect(r.lossy).toBe(true);
    expect(r.text).toContain('前文');
    expect(r.text).toContain('后文');
    expect(r.text).toContain('\uFFFD');
  });

  it('clean UTF-8 is not reported lossy; an unknown charset label falls through to sniffing', () => {
    const r = decodeHtml(Buffer.from('<p>政务</p>'), 'text/html; charset=x-made-up');
    expect(r).toMatchObject({ encoding: 'utf-8', method: 'sniff', lossy: false });
  });

  it('never throws on arbitrary bytes and labels', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.option(fc.constantFrom('text/html; charset=gbk', 'text/html; charset=utf-8', 'text/html; charset=big5', 'text/html')),
        (bytes, ct) => {
          const r = decodeHtml(Buffer.from(bytes), ct);
          expect(typeof r.text).toBe('string');
        },
      ),
    );
  });
});

describe('charset helpers', () => {
  it('normalizes GB labels to GB18030 and rejects unknown labels', () => {
    expect(normalizeCharset('GB2312')).toBe('gb18030');
    expect(normalizeCharset('"gbk"')).toBe('gb18030');
    expect(normalizeCharset('UTF8')).toBe('utf-8');
    expect(normalizeCharset('nonsense-9')).toBeNull();
  });

  it('reads http-equiv whatever the attribute order, and ignores metas without a charset', () => {
    expect(
      charsetFromMeta(
        Buffer.from('<meta name="keywords" content="政务"><meta content="text/html; charset=gb2312" http-equiv="Content-Type">'),
      ),
    ).toBe('gb2312');
    expect(charsetFromMeta(Buffer.from("<meta charset='utf-8'>"))).toBe('utf-8');
    expect(charsetFromMeta(Buffer.from('<meta name="x" content="y">'))).toBeNull();
  });
});

describe('declared charsets the bytes contradict', () => {
  const gbkPage = fixture('gb2312-meta-gbk-chars.html');

  it('a server default "charset=utf-8" header on a GBK page with a gb2312 meta: the meta decides', () => {
    const r = decodeHtml(gbkPage, 'text/html; charset=utf-8');
    expect(r).toMatchObject({ encoding: 'gb18030', method: 'meta', lossy: false });
    expect(r.text).toContain(TITLE);
  });

  it('a "utf-8" header on a GBK page without a meta: GB18030 by sniffing', () => {
    const r = decodeHtml(fixture('gbk-no-meta.html'), 'text/html; charset=utf-8');
    expect(r).toMatchObject({ encoding: 'gb18030', method: 'sniff', lossy: false });
    expect(r.text).toContain(TITLE);
  });

  it('a GBK label on a page whose bytes are UTF-8 Chinese: UTF-8', () => {
    const r = decodeHtml(Buffer.from(`<meta charset="gbk"><p>${TITLE}</p>`, 'utf8'), 'text/html; charset=gbk');
    expect(r).toMatchObject({ encoding: 'utf-8', method: 'sniff', lossy: false });
    expect(r.text).toContain(TITLE);
  });

  it('a UTF-8 page with a single stray byte stays UTF-8 (lossy), not re-read as GB18030', () => {
    const bytes = Buffer.concat([Buffer.from(`<p>${TITLE}`, 'utf8'), Buffer.from([0x80]), Buffer.from(`${TITLE}</p>`, 'utf8')]);
    const r = decodeHtml(bytes, 'text/html; charset=utf-8');
    expect(r).toMatchObject({ encoding: 'utf-8', method: 'header', lossy: true });
    expect(r.text).toContain(TITLE);
  });
});
