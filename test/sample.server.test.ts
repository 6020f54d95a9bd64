import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import iconv from 'iconv-lite';
import { startSamplePortal, type SamplePortal } from '../sample/index.ts';

let portal: SamplePortal;

beforeAll(async () => {
  portal = await startSamplePortal();
});
afterAll(async () => {
  await portal.close();
});

async function get(path: string, method = 'GET'): Promise<{ status: number; type: string; bytes: Buffer }> {
  const r = await fetch(portal.origin + path, { method });
  return { status: r.status, type: r.headers.get('content-type') ?? '', bytes: Buffer.from(await r.arrayBuffer()) };
}

describe('sample portal server', () => {
  it('listens on 127.0.0.1 with a random port and serves every unit home but the unreachable one', async () => {
    expect(portal.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portal.units).toHaveLength(41);
    const statuses = await Promise.all(portal.units.map(async (u) => [u.id, (await get(`/zwgk/${u.id}/`)).status] as const));
    const failing = statuses.filter(([, s]) => s !== 200).map(([id]) => id);
    expect(failing).toEqual(['xinfang']);
    expect((await get('/zwgk/xinfang/')).status).toBe(503);
  });

  it('serves GBK pages that decode to Chinese with iconv-lite and are mojibake as UTF-8', async () => {
    const sifa = await get('/zwgk/sifa/');
    expect(sifa.type).toBe('text/html; charset=GBK');
    expect(iconv.decode(sifa.bytes, 'gbk')).toContain('临猗县司法局');
    expect(sifa.bytes.toString('utf8')).not.toContain('临猗县司法局');

    const tongji = await get('/zwgk/tongji/');
    expect(tongji.type).toBe('text/html');
    const ascii = tongji.bytes.toString('latin1');
    expect(ascii).toMatch(/<meta http-equiv="Content-Type" content="text\/html; charset=gbk">/);
    expect(iconv.decode(tongji.bytes, 'gbk')).toContain('临猗县统计局');
    expect(tongji.bytes.toString('utf8')).not.toContain('统计局');

    const linye = await get('/zwgk/linye/');
    expect(linye.type).toBe('text/html; charset=GB18030');
    expect(iconv.decode(linye.bytes, 'gb18030')).toContain('临猗县林业局');
  });

  it('builds one column only in the browser: the static list is empty and the rows sit in inline JSON', async () => {
    const unit = portal.site.units.find((u) => u.id === 'shangwu')!;
    const col = unit.columns.find((c) => c.key === 'deptInfo')!;
    expect(col.jsRendered).toBe(true);
    const html = (await get('/zwgk/shangwu/gzdt/')).bytes.toString('utf8');
    expect(html).toMatch(/<ul class="list_ul" id="list-container"><\/ul>/);
    expect(html).not.toMatch(/<li><a href=/);
    const json = /var listData = (\[.*\]);/.exec(html)?.[1];
    expect(JSON.parse(json!)).toHaveLength(col.items.length);
  });

  it('answers 405 to HEAD and 200 to GET on the interaction path', async () => {
    const path = portal.site.units.find((u) => u.id === 'wenlv')!.head405Paths[0];
    expect((await get(path, 'HEAD')).status).toBe(405);
    expect((await get(path, 'GET')).status).toBe(200);
  });

  it('serves RSS, Atom and JSON feeds with their content types, and one failing feed', async () => {
    const types = new Set<string>();
    for (const u of portal.units) types.add((await get(`/feeds/${u.id}.xml`)).type.split(';')[0]);
    expect(types).toEqual(new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'text/html']));
    expect((await get('/feeds/yibao.xml')).status).toBe(500);
  });

  it('allows everything in robots.txt except an unlinked path, and logs requests', async () => {
    const robots = (await get('/robots.txt')).bytes.toString('utf8');
    expect(robots).toContain('User-agent: *');
    expect(robots).toContain('Disallow: /admin/');
    expect(portal.requestLog.some((r) => r.url === '/robots.txt')).toBe(true);
  });

  it('paginates TRS lists with createPageHTML and Epoint lists with ?page=N', async () => {
    const trs = (await get('/zwgk/yishi/gzdt/')).bytes.toString('utf8');
    const n = Number(/createPageHTML\((\d+), 0, "index", "html"\)/.exec(trs)?.[1]);
    expect(n).toBeGreaterThanOrEqual(2);
    expect((await get('/zwgk/yishi/gzdt/index_1.html')).status).toBe(200);
    const ep = (await get('/zwgk/niudu/gzdt/list.html')).bytes.toString('utf8');
    expect(ep).toContain('href="/zwgk/niudu/gzdt/list.html?page=2">下一页</a>');
    expect(ep).toMatch(/<div class="ewb-info-date">\d{4}年\d{2}月\d{2}日<\/div>/);
    expect((await get('/zwgk/niudu/gzdt/list.html?page=2')).status).toBe(200);
  });
});

describe('sample portal determinism and scale', () => {
  it('serves byte-identical pages for the same seed and different ones for another seed', async () => {
    const a = await startSamplePortal({ seed: 7 });
    const b = await startSamplePortal({ seed: 7 });
    const c = await startSamplePortal({ seed: 8 });
    try {
      const hanwebCid = a.site.units.find((u) => u.id === 'jiaoyu')!.columns.find((c) => c.key === 'policies')!.cid;
      const paths = [
        '/zwgk/yishi/gzdt/',
        '/zwgk/sifa/',
        `/zwgk/jiaoyu/col/col${hanwebCid}/index.html`,
        '/feeds/gongke.xml',
        '/zwgk/caizheng/zcwj/',
      ];
      for (const p of paths) {
        const [ra, rb] = await Promise.all([fetch(a.origin + p), fetch(b.origin + p)]);
        expect(ra.status).toBe(200);
        expect(Buffer.from(await ra.arrayBuffer()).equals(Buffer.from(await rb.arrayBuffer()))).toBe(true);
      }
      expect(JSON.stringify(a.groundTruth)).toBe(JSON.stringify(b.groundTruth));
      const [x, y] = await Promise.all([fetch(`${a.origin}/zwgk/yishi/gzdt/`), fetch(`${c.origin}/zwgk/yishi/gzdt/`)]);
      expect(await x.text()).not.toBe(await y.text());
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('scales up with extraUnits and pagesPerColumn for the crawl benchmark', async () => {
    const big = await startSamplePortal({ extraUnits: 5, pagesPerColumn: 3, latencyMs: 5 });
    try {
      expect(big.units).toHaveLength(46);
      expect(big.units[41].id).toBe('bench-001');
      for (const u of big.units.slice(41)) expect((await fetch(`${big.origin}/zwgk/${u.id}/`)).status).toBe(200);
      const dept = big.site.units[41].columns.find((c) => c.key === 'deptInfo')!;
      expect(dept.items.length).toBeGreaterThan(24);
    } finally {
      await big.close();
    }
  });
});

describe('sample portal config helpers', () => {
  it('produces a valid county config pointing at the running portal, extra units included', async () => {
    const { benchConfigFor } = await import('../sample/index.ts');
    const big = await startSamplePortal({ extraUnits: 3 });
    try {
      const cfg = benchConfigFor(big, { concurrencyPerHost: 16, delayMs: 0 });
      expect(cfg.units).toHaveLength(44);
      expect(cfg.politeness.concurrencyPerHost).toBe(16);
      expect(cfg.units.every((u) => u.home.startsWith(`${big.origin}/zwgk/`))).toBe(true);
      expect(cfg.units.find((u) => u.id === 'gongke')!.keyFields).toEqual(['促进民营经济发展壮大']);
      expect(cfg.units[43].newMedia![0].feed).toBe(`${big.origin}/feeds/bench-003.xml`);
    } finally {
      await big.close();
    }
  });
});
