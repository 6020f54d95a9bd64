// bench:accuracy's navigation columns (nav:<label>): the other columns of a unit's menu found on a page against its
// truth (`navColumns` in a corpus truth, or bench/real-pages-nav-truth.json for ../shared/real-pages, which is
// read-only here), and the kind each label gets.
import { readFileSync } from 'node:fs';
import { columnKindOf, discoverNavColumns } from '../crawler/index.ts';
import type { LoadedPage } from './accuracy-corpus.ts';
import type { Tallies } from './accuracy-tally.ts';

interface NavTruth {
  label: string;
  href: string;
  kind: string | null;
}

const SUPPLEMENT = new URL('./real-pages-nav-truth.json', import.meta.url);
let supplement: Record<string, NavTruth[]> | null = null;

function navTruthOf(page: LoadedPage): NavTruth[] | null {
  const own = (page.truth as { navColumns?: NavTruth[] }).navColumns;
  if (own) return own;
  supplement ??= (JSON.parse(readFileSync(SUPPLEMENT, 'utf8')) as { pages: Record<string, NavTruth[]> }).pages;
  return supplement[page.id] ?? null;
}

const norm = (href: string, base: string) => new URL(href, base).href.replace(/(index|default)\.s?html?$/i, '').replace(/\/$/, '');
const label = (s: string) => s.replace(/\s+/g, '');

/** 导航栏目: each column of the truth found at its address, each column found that the truth does not list; 栏目类型: its kind. */
export function measureNavColumns(page: LoadedPage, t: Tallies): void {
  const truth = navTruthOf(page);
  if (!truth) return;
  const found = discoverNavColumns(page.content, page.url);
  for (const want of truth) {
    const got = found.find((c) => label(c.label) === want.label);
    t.decide('导航栏目', `${page.id} ${want.label}`, {
      expected: true,
      got: got !== undefined,
      right: got !== undefined && norm(got.url, page.url) === norm(want.href, page.url),
      note: got ? `找到 ${got.url}` : undefined,
    });
    const kind = columnKindOf(want.label)?.kind ?? null;
    t.decide('栏目类型', `${page.id} ${want.label}`, {
      expected: want.kind !== null,
      got: kind !== null,
      right: kind === want.kind,
      note: `应为 ${want.kind ?? '未归类'}，归为 ${kind ?? '未归类'}`,
    });
  }
  for (const extra of found.filter((c) => !truth.some((w) => w.label === label(c.label))))
    t.decide('导航栏目', `${page.id} ${extra.label}（不是本单位导航栏目）`, { expected: false, got: true, note: extra.url });
}
