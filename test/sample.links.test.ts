// Crawls the whole sample portal and checks that the only failing in-scope links are the planted ones.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { startSamplePortal, type SamplePortal } from '../sample/index.ts';

let portal: SamplePortal;
beforeAll(async () => {
  portal = await startSamplePortal();
});
afterAll(async () => {
  await portal.close();
});

interface Fetched {
  status: number;
  html: string | null;
}

async function fetchPage(url: string, encoding: string): Promise<Fetched> {
  const r = await fetch(url);
  const bytes = Buffer.from(await r.arrayBuffer());
  const type = r.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html')) return { status: r.status, html: null };
  return { status: r.status, html: iconv.decode(bytes, encoding === 'utf-8' ? 'utf8' : encoding) };
}

function linksOf(html: string, base: string): string[] {
  const $ = cheerio.load(html);
  const out: string[] = [];
  $('a[href]').each((_, a) => {
    out.push(new URL($(a).attr('href')!, base).href);
  });
  // Hanweb rows live in CDATA records of a <script type="text/xml"> datastore.
  for (const m of html.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) {
    const $r = cheerio.load(m[1]);
    $r('a[href]').each((_, a) => {
      out.push(new URL($r(a).attr('href')!, base).href);
    });
  }
  // TRS pagination is written by script: createPageHTML(n, cur, "index", "html") → index_1.html …
  const m = /createPageHTML\((\d+), \d+, "index", "html"\)/.exec(html);
  if (m) for (let i = 1; i < Number(m[1]); i++) out.push(new URL(`index_${i}.html`, base).href);
  return out;
}

describe('sample portal links', () => {
  it('has broken in-scope links exactly where the ground truth says, and never fetches other hosts', async () => {
    const origin = portal.origin;
    const found = new Map<string, Set<string>>();
    const outOfScope = new Set<string>();
    for (const unit of portal.units.filter((u) => u.id !== 'xinfang')) {
      const seen = new Set<string>();
      const broken = new Set<string>();
      let queue = [`${origin}/zwgk/${unit.id}/`];
      seen.add(queue[0]);
      while (queue.length) {
        const batch = queue;
        queue = [];
        const pages = await Promise.all(batch.map(async (url) => [url, await fetchPage(url, unit.encoding)] as const));
        for (const [url, page] of pages) {
          if (page.status === 404) broken.add(new URL(url).pathname);
          else expect(page.status, url).toBe(200);
          if (!page.html) continue;
          for (const link of linksOf(page.html, url)) {
            if (!link.startsWith(origin)) {
              outOfScope.add(new URL(link).host);
              continue;
            }
            const path = new URL(link).pathname + new URL(link).search;
            if (seen.has(link)) continue;
            seen.add(link);
            // Stay inside the unit; shared pages (/, assets, Hanweb proxy) are checked once, not crawled.
            if (path.startsWith(`/zwgk/${unit.id}/`)) queue.push(link);
            else {
              const r = await fetch(link);
              expect(r.status, link).toBe(200);
            }
          }
        }
      }
      found.set(unit.id, broken);
    }
    for (const unit of portal.site.units.filter((u) => !u.unreachable)) {
      expect([...found.get(unit.id)!].sort(), unit.id).toEqual([...new Set(unit.brokenPaths)].sort());
      const truth = portal.groundTruth.find((e) => e.unitId === unit.id && e.checkId === 'link.broken');
      expect(truth?.count ?? 0).toBe(new Set(unit.brokenPaths).size);
      for (const l of unit.commentedLinks) expect(found.get(unit.id)!.has(l.href)).toBe(false);
    }
    expect(outOfScope).toContain('www.gov.cn');
    expect(outOfScope).toContain('beian.miit.gov.cn');
    expect(portal.requestLog.every((r) => r.url.startsWith('/'))).toBe(true);
  }, 120_000);
});
