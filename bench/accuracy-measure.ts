// What bench:accuracy measures on each corpus page: list rows, dates, pagination, column discovery (and navigation columns),
// detail metadata and the 指南/机构职能 elements, against the page's hand-made truth.
import { discoverColumns, extractDetail, extractListRows } from '../crawler/index.ts';
import { loadCheckSettings, readElements, type CheckSettings } from '../checks/index.ts';
import type { Corpus, LoadedPage } from './accuracy-corpus.ts';
import { Tallies } from './accuracy-tally.ts';
import { measureNavColumns } from './accuracy-nav.ts';

const compact = (s: string): string => s.normalize('NFKC').replace(/[\s《》“”"'‘’（）()【】、，,。.:：;；!！?？·—\-_…]/g, '');

function sameTitle(a: string, b: string): boolean {
  const x = compact(a);
  const y = compact(b);
  return x === y || (x.length >= 8 && y.startsWith(x)) || (y.length >= 8 && x.startsWith(y));
}

function normalisedUrl(href: string, base: string): string {
  return new URL(href, base).href.replace(/(index|default)\.s?html?$/i, '').replace(/\/$/, '');
}

function measureList(page: LoadedPage, asOf: string, t: Tallies): void {
  const truth = page.truth;
  const got = extractListRows(page.content, page.url, { asOf });
  const matched = new Set<number>();
  for (const want of truth.rows ?? []) {
    const i = got.rows.findIndex((r, k) => !matched.has(k) && sameTitle(r.title, want.title));
    if (i >= 0) matched.add(i);
    t.decide('列表条目', `${page.id} "${want.title}"`, { expected: true, got: i >= 0 });
    const date = i >= 0 ? got.rows[i].date : null;
    t.decide('列表日期', `${page.id} "${want.title}"`, {
      expected: want.date !== null,
      got: date !== null,
      right: date === want.date,
      note: `应为 ${want.date}，读到 ${date}`,
    });
  }
  got.rows.forEach((r, k) => {
    if (!matched.has(k)) t.decide('列表条目', `${page.id} 多出 "${r.title}"`, { expected: false, got: true });
  });
  const p = got.pagination;
  if (truth.hasNext !== undefined) {
    const next = p.nextUrl ?? p.pageUrls[0] ?? null;
    t.decide('分页', `${page.id} 是否有下一页`, { expected: truth.hasNext, got: next !== null || (p.totalPages ?? 1) > 1 });
    if (truth.nextHref) {
      t.decide('分页', `${page.id} 下一页地址`, {
        expected: true,
        got: next !== null,
        right: next !== null && normalisedUrl(next, page.url) === normalisedUrl(truth.nextHref, page.url),
        note: `读到 ${next}`,
      });
    }
  }
  if (truth.totalPages !== undefined && truth.totalPages !== null) {
    t.decide('分页', `${page.id} 总页数`, {
      expected: true,
      got: p.totalPages !== null,
      right: p.totalPages === truth.totalPages,
      note: `应为 ${truth.totalPages}，读到 ${p.totalPages}`,
    });
  }
}

function measureColumns(page: LoadedPage, t: Tallies): void {
  const found = discoverColumns(page.content, page.url);
  const byKey = new Map(found.map((c) => [c.key, c]));
  for (const want of page.truth.columns ?? []) {
    const got = byKey.get(want.key);
    const where = `${page.id} ${want.key}（${want.label}）`;
    if (want.href === null) {
      t.decide('栏目发现', where, { expected: false, got: got !== undefined, note: got ? `页面上没有链接，却找到 ${got.url}` : undefined });
      continue;
    }
    t.decide('栏目发现', where, {
      expected: true,
      got: got !== undefined,
      right: got !== undefined && normalisedUrl(got.url, page.url) === normalisedUrl(want.href, page.url),
      note: got ? `找到"${got.label}" ${got.url}` : undefined,
    });
  }
  for (const key of page.truth.absent ?? []) {
    const got = byKey.get(key);
    t.decide('栏目发现', `${page.id} ${key}（页面上没有）`, {
      expected: false,
      got: got !== undefined,
      note: got ? `找到"${got.label}" ${got.url}` : undefined,
    });
  }
}

function measureDetail(page: LoadedPage, t: Tallies): void {
  const truth = page.truth;
  const got = extractDetail(page.content, page.url);
  if (truth.title)
    t.decide('详情标题', page.id, {
      expected: true,
      got: got.title !== '',
      right: sameTitle(got.title, truth.title),
      note: `读到"${got.title}"`,
    });
  // What a reader sees wins; a page that shows no date is dated by its metadata.
  const want = truth.publishedVisible ?? truth.publishedMeta ?? null;
  t.decide('详情日期', page.id, {
    expected: want !== null,
    got: got.publishedAt !== null,
    right: got.publishedAt === want,
    note: `应为 ${want}，读到 ${got.publishedAt}`,
  });
  if (truth.attribute !== undefined) {
    const value = ['公开方式', '公开属性', '公开形式', '公开类型'].map((l) => got.fields[l]).find(Boolean) ?? null;
    t.decide('公开属性', page.id, {
      expected: truth.attribute !== null,
      got: value !== null,
      right: value !== null && truth.attribute !== null && value.includes(truth.attribute),
      note: `应为 ${truth.attribute}，读到 ${value}`,
    });
  }
}

/** Truth evidence "a; b … c (note)" → the passages a reader points at. */
function evidencePassages(evidence: string): string[] {
  return evidence
    .split(/;\s|\s…\s|…/)
    .map((s) => s.replace(/\s*\([^)]*\)\s*$/, ''))
    .map(compact)
    .filter((s) => s.length >= 4);
}

/** A hit is right when its excerpt shares 6 characters in a row (or a whole shorter passage) with a passage the truth names. */
function pointsAtTruth(excerpt: string | null, evidence: string): boolean {
  if (!excerpt) return false;
  const got = compact(excerpt);
  return evidencePassages(evidence).some((p) => {
    const w = Math.min(6, p.length);
    for (let i = 0; i + w <= p.length; i++) if (got.includes(p.slice(i, i + w))) return true;
    return false;
  });
}

function measureElements(page: LoadedPage, kind: 'guide' | 'functions', settings: CheckSettings, t: Tallies): void {
  const truth = kind === 'guide' ? (page.truth.elements ?? {}) : (page.truth.fields ?? {});
  const elements = settings.elementDefinitions[kind];
  const src = page.isHtml ? extractDetail(page.content, page.url) : { text: page.content, links: [], tables: [] };
  const readings = readElements(src, elements, settings);
  const label = kind === 'guide' ? '指南' : '机构职能';
  for (const r of readings) {
    if (!(r.id in truth)) continue;
    const evidence = truth[r.id];
    t.decide(`${label}:${r.id}`, page.id, {
      expected: evidence !== null,
      got: r.found,
      right: evidence !== null && pointsAtTruth(r.excerpt, evidence),
      unsure: r.confidence === 'low',
      note: r.found ? `读到"${r.excerpt}"` : r.reason,
    });
  }
}

export function measureCorpus(corpus: Corpus): Tallies {
  const settings = loadCheckSettings();
  const t = new Tallies();
  for (const page of corpus.pages) {
    if (page.kinds.includes('list')) measureList(page, corpus.asOf, t);
    if (page.kinds.includes('home') || page.truth.columns) measureColumns(page, t);
    measureNavColumns(page, t);
    if (page.kinds.includes('detail')) measureDetail(page, t);
    if (page.kinds.includes('guide')) measureElements(page, 'guide', settings, t);
    if (page.kinds.includes('functions')) measureElements(page, 'functions', settings, t);
  }
  return t;
}
