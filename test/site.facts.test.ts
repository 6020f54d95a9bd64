import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSiteFacts } from '../crawler/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/site/${name}`, import.meta.url), 'utf8');

describe('site home facts (footer marks in the layouts real portals use)', () => {
  it('reads 标识码 without colon, ICP in a link, 公网安备 text, 主办单位, phone, search form, jiucuo script and dated rows', () => {
    const f = readSiteFacts(fixture('footer-handan.html'), 'https://www.example.gov.cn/', '2023-11-25');
    expect(f.siteCode?.value).toBe('1304000009');
    expect(f.icp?.value).toBe('冀ICP备05029117号-1');
    expect(f.police?.value).toBe('13042002000523');
    expect(f.sponsor?.value).toBe('某市人民政府办公室');
    expect(f.contact?.value).toBe('0310-1234567');
    expect(f.search).not.toBeNull();
    expect(f.errorReport?.excerpt).toContain('jiucuo.js');
    expect(f.conac).not.toBeNull();
    expect(f.footerFound).toBe(true);
    expect(f.datedItems.map((i) => i.date).sort()).toEqual(['2023-11-18', '2023-11-20']);
    expect(f.undatedLinks).toBeGreaterThan(0);
  });

  it('reads an image-only 公安备案 badge by the number in its link (IPv6 gateway host), 主办：/承办：, email, script search box', () => {
    const f = readSiteFacts(fixture('footer-image-badge.html'), 'https://www.wanzai.example.gov.cn/', '2023-11-25');
    expect(f.police).toMatchObject({ value: '36092202000105', where: 'image' });
    expect(f.icp?.value).toBe('赣ICP备11002306号-1');
    expect(f.siteCode?.value).toBe('3609220011');
    expect(f.sponsor?.value).toBe('某县人民政府');
    expect(f.organizer?.value).toBe('某县人民政府办公室');
    expect(f.contact?.value).toBe('xzf@example.gov.cn');
    expect(f.search).not.toBeNull();
    expect(f.errorReport).not.toBeNull();
  });

  it('reports every mark absent on a footer without them, and flags a script-written footer', () => {
    const f = readSiteFacts(fixture('footer-missing.html'), 'http://ju.example.gov.cn/', '2023-11-25');
    expect([f.siteCode, f.icp, f.police, f.sponsor, f.contact, f.search, f.errorReport]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(f.footerFound).toBe(true);
    expect(f.scriptFooter).toBe(false);
    expect(f.datedItems[0]?.date).toBe('2023-10-08');
    const s = readSiteFacts(fixture('footer-script.html'), 'http://www.neixiang.example.gov.cn/', '2023-11-25');
    expect(s.scriptFooter).toBe(true);
    expect(s.siteCode).toBeNull();
  });
});
