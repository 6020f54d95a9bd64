// Content safety on pages the checks were not written against: every page of ../shared/real-pages (12 detail, list,
// home and 指南 pages of 8 sites, the 平潭 指南 and three 机构职能 texts) is published by one unit as the items of
// its 政策文件 column and read through the whole crawl → store → checks path. Real pages are full of office
// telephone numbers, fax numbers, postcodes, 索引号, 文号 and officials' names; none of that is leaked personal data,
// and nothing on them is a confirmed 错别字. A twin of one page with a resident's mobile number and ID number written
// into it, and a word of the typo list, is deducted, so the assertions can fail.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContentWords } from '../config/index.ts';
import type { Finding } from '../model/index.ts';
import { sharedPath } from './helpers/shared-material.ts';
import { type InspectedUnit, unitHome, useUnitPortal } from './helpers/unit-portal.ts';

const corpusDir = sharedPath('real-pages');
const CONTENT_CHECKS = ['content.typo', 'content.sensitive', 'content.expression', 'privacy.exposure'];
const AS_OF = '2024-12-31'; // the truth's asOf

/** Each corpus item as a page of the unit: HTML as found, the plain texts in the simplest article page. */
function corpusPages(dir: string): { name: string; html: string }[] {
  const html = readdirSync(join(dir, 'pages')).map((f) => ({ name: f, html: readFileSync(join(dir, 'pages', f), 'utf8') }));
  const texts = readdirSync(join(dir, 'texts')).map((f) => {
    const body = readFileSync(join(dir, 'texts', f), 'utf8');
    if (f.endsWith('.html')) return { name: f, html: body };
    const paragraphs = body
      .split(/\n+/)
      .filter((l) => l.trim())
      .map((l) => `<p>${l.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`);
    return {
      name: f,
      html: `<!doctype html><html><head><meta charset="utf-8"><title>${f}</title></head><body><h1>机构职能</h1>${paragraphs.join('')}</body></html>`,
    };
  });
  return [...html, ...texts];
}

const portal = useUnitPortal();

/** One unit whose 政策文件 column lists `pages` as this year's rows (so each is read as a detail page, whatever its own year). */
function inspectPages(pages: { name: string; html: string }[]): Promise<InspectedUnit> {
  const path = (i: number) => `/u/zcwj/p${i}.html`;
  const list = pages
    .map((p, i) => `<li><a href="${path(i)}">${p.name}</a><span>2024-12-${String(1 + (i % 28)).padStart(2, '0')}</span></li>`)
    .join('');
  const routes: Record<string, string> = {
    '/u/': unitHome([['政策文件', '/u/zcwj/']]),
    '/u/zcwj/': `<!doctype html><html><head><meta charset="utf-8"><title>政策文件</title></head><body><ul class="list">${list}</ul></body></html>`,
  };
  pages.forEach((p, i) => {
    routes[path(i)] = p.html;
  });
  return portal.inspect(routes, { year: 2024, asOf: AS_OF, crawl: 'maxDetailPagesPerColumn: 40' });
}

const contentFindings = (findings: Finding[]) => findings.filter((f) => CONTENT_CHECKS.includes(f.checkId) && f.kind === 'deduction');

describe.skipIf(corpusDir === null)('content safety on the real pages', () => {
  let pages: { name: string; html: string }[];
  let run: InspectedUnit;
  beforeAll(async () => {
    pages = corpusPages(corpusDir!);
    run = await inspectPages(pages);
  }, 120_000);

  it('reads every corpus page as a detail page of the column', () => {
    expect(pages.length).toBe(16);
    expect(run.obs.details.length).toBe(pages.length);
    // the article bodies are read whole; the list, home and 指南-hub pages (and 邯郸's trimmed detail) carry little body
    const bodies = run.obs.details.filter((d) => d.text.length > 200);
    expect(bodies.length).toBeGreaterThanOrEqual(11);
    expect(bodies.reduce((n, d) => n + d.text.length, 0)).toBeGreaterThan(40_000);
  });

  it('finds no leaked personal data and no 错别字 on them (phones, postcodes, 索引号 and officials are public)', () => {
    const shown = (f: Finding) => `${f.checkId} ${f.confidence} ${f.title}: ${f.evidence.map((e) => e.excerpt).join(' | ')}`;
    const found = contentFindings(run.findings);
    expect(found.filter((f) => f.checkId === 'privacy.exposure').map(shown)).toEqual([]);
    expect(found.filter((f) => f.checkId === 'content.typo').map(shown)).toEqual([]);
    // 表述错误 and 敏感词 go to a person whatever they hit: none is a high deduction
    expect(found.filter((f) => f.confidence === 'high').map(shown)).toEqual([]);
  });

  it('the same page with a resident’s mobile and ID number and a listed typo is deducted', async () => {
    // a typo with no other correct reading (no onlyBefore, no guards): the check is sure of it
    const typo = loadContentWords().typos.find((t) => !t.onlyBefore && !t.guards)!.wrong;
    const page = pages.find((p) => p.name === 'fj-pingtan-jg-nyncj.txt')!;
    const planted = page.html.replace(
      '</body>',
      `<p>经核实，申请人张某某（联系电话13812345678，身份证号110101199003070011）的补助已发放，工作${typo}到位。</p></body>`,
    );
    const twin = await inspectPages([{ name: page.name, html: planted }]);
    const found = contentFindings(twin.findings);
    const privacy = found.filter((f) => f.checkId === 'privacy.exposure');
    expect(privacy.length).toBe(1);
    expect(privacy[0].confidence).toBe('high');
    const excerpts = privacy[0].evidence.map((e) => e.excerpt).join(' ');
    expect(excerpts).not.toContain('13812345678');
    expect(excerpts).not.toContain('110101199003070011');
    expect(found.filter((f) => f.checkId === 'content.typo').map((f) => f.confidence)).toEqual(['high']);
  }, 60_000);
});
