// What the content-safety checks read: every page text a unit published (detail pages, article columns, the articles
// every column published lately), the text of every attachment read from them, the unit's home, each column's own page (static columns such as 机构职能, 领导信息,
// 指南, and list pages) and the titles of list rows not opened, as one list of documents with what evidence needs.
// Each text is read once: a home or column page keeps only the lines no earlier document showed (navigation and
// footers repeated on every page, a list row's title that is also its article's title).
import type { ColumnObservation, PageTextObservation, UnitObservations } from '../../store/index.ts';
import { pageFor } from '../observed.ts';
import { isValidIdNumber } from './pii.ts';

export interface ContentTable {
  headers: string[];
  rows: string[][];
}

export interface ContentDocument {
  kind: 'page' | 'attachment';
  url: string;
  name: string; // page title or attachment link text
  pageUrl: string; // the page itself, or the page linking the attachment
  columnKey: string | null;
  format: string | null; // attachment format
  text: string;
  tables: ContentTable[];
  snapshot: string | null;
  fetchedAt: string | null;
  publishedAt: string | null; // the page's date (an attachment: its page's)
  place: string; // where it stands, as a clerk names it (页面“…”, 附件“…”, 栏目“…”页面, 首页)
}

/**
 * A number wrapped inside a narrow table cell comes out of a PDF as two lines ("14082119551\n2182354"):
 * fragments are joined when `accept` takes the joined digits (a valid ID number).
 */
export function joinWrappedDigits(text: string, accept: (digits: string) => boolean): string {
  return text.replace(/(?<![\dXx])(\d{2,17})\n(\d{1,16}[\dXx]?)(?![\dXx])/g, (m, a: string, b: string) => (accept(a + b) ? a + b : m));
}

/** Pages first (one per URL), then attachments. */
export function contentDocuments(obs: UnitObservations): ContentDocument[] {
  const out: ContentDocument[] = [];
  const seen = new Set<string>();
  // detail pages, then the articles columns published lately (not read as details): each read whole
  const articles = (obs.pageTexts ?? []).filter((p) => p.role === 'article');
  for (const a of [...obs.details, ...articles]) {
    if (seen.has(a.url)) continue;
    seen.add(a.url);
    out.push(articleDocument(a, a.fetchedAt ?? pageFor(obs, a.url)?.fetchedAt ?? null));
  }
  const dateOf = (pageUrl: string): string | null =>
    obs.details.find((d) => d.url === pageUrl)?.publishedAt ?? articles.find((p) => p.url === pageUrl)?.publishedAt ?? null;
  for (const a of obs.attachments ?? []) {
    if (!a.ok || seen.has(a.url)) continue;
    seen.add(a.url);
    out.push({
      kind: 'attachment',
      url: a.url,
      name: a.name,
      pageUrl: a.pageUrl,
      columnKey: a.columnKey,
      format: a.format,
      text: a.format === 'pdf' ? joinWrappedDigits(a.text, (d) => isValidIdNumber(d)) : a.text,
      tables: a.tables,
      snapshot: a.contentHash,
      fetchedAt: a.fetchedAt,
      publishedAt: dateOf(a.pageUrl),
      place: `附件“${a.name}”（${a.format}，链接自 ${a.pageUrl}）`,
    });
  }
  out.push(...unitPageDocuments(obs, seen, out));
  return out;
}

interface ArticleLike {
  url: string;
  title: string;
  text: string;
  columnKey: string | null;
  tables?: ContentTable[];
  contentHash: string | null;
  publishedAt?: string | null;
}

/** A detail page or an article a column published lately: its title and body. */
function articleDocument(a: ArticleLike, fetchedAt: string | null): ContentDocument {
  return {
    kind: 'page',
    url: a.url,
    name: a.title || a.url,
    pageUrl: a.url,
    columnKey: a.columnKey,
    format: null,
    text: `${a.title}\n${a.text}`,
    tables: a.tables ?? [],
    snapshot: a.contentHash,
    fetchedAt,
    publishedAt: a.publishedAt ?? null,
    place: `页面“${a.title || a.url}”`,
  };
}

const lineKey = (line: string): string => line.replace(/\s+/g, '');

/** The unit's home and column pages, then the titles of list rows, each with only the lines not read before. */
function unitPageDocuments(obs: UnitObservations, read: Set<string>, earlier: ContentDocument[]): ContentDocument[] {
  const seenLines = new Set(earlier.flatMap((d) => d.text.split('\n').map(lineKey)));
  const seenHashes = new Set(earlier.map((d) => d.snapshot).filter((h) => h !== null));
  const fresh = (lines: string[]): string =>
    lines
      .filter((line) => {
        const k = lineKey(line);
        if (!k || seenLines.has(k)) return false;
        seenLines.add(k);
        return true;
      })
      .join('\n');
  const out: ContentDocument[] = [];
  const pageUrls = new Set<string>();
  for (const p of obs.pageTexts ?? []) {
    if (read.has(p.url) || pageUrls.has(p.url) || (p.contentHash && seenHashes.has(p.contentHash))) continue;
    pageUrls.add(p.url);
    if (p.contentHash) seenHashes.add(p.contentHash);
    // without the titles of list rows: those are read once, with their article or in the rows' document below
    const titles = rowTitles(obs, p.role === 'home' ? null : p.columnKey);
    const body = p.text.split('\n').map((line) => titles.reduce((l, t) => (l.includes(t) ? l.split(t).join(' ') : l), line));
    const doc = pageTextDocument(obs, p, fresh([p.title, ...body]));
    if (doc.text || doc.tables.length > 0) out.push(doc);
  }
  for (const c of obs.columns) {
    const rows = c.items.filter((i) => !read.has(i.url));
    for (const i of rows) read.add(i.url);
    const text = fresh(rows.map((i) => [i.title, ...Object.values(i.extra ?? {})].join(' ')));
    if (text) out.push(listRowsDocument(c, text));
  }
  return out;
}

/** Titles (four characters or more, longest first) of one column's rows, or of every row and article (the home). */
function rowTitles(obs: UnitObservations, columnKey: string | null): string[] {
  const titles =
    columnKey === null
      ? [
          ...obs.details.map((d) => d.title),
          ...(obs.pageTexts ?? []).filter((p) => p.role === 'article').map((p) => p.title),
          ...obs.columns.flatMap((c) => c.items.map((i) => i.title)),
        ]
      : obs.columns.filter((c) => c.columnKey === columnKey).flatMap((c) => c.items.map((i) => i.title));
  return [...new Set(titles)].filter((t) => t.replace(/\s+/g, '').length >= 4).sort((a, b) => b.length - a.length);
}

const columnLabel = (obs: UnitObservations, key: string | null): string | null =>
  key === null ? null : (obs.columns.find((c) => c.columnKey === key)?.label ?? key);

function pageTextDocument(obs: UnitObservations, p: PageTextObservation, text: string): ContentDocument {
  const label = columnLabel(obs, p.columnKey);
  const name = p.role === 'home' ? '首页' : `栏目“${label}”页面`;
  return {
    kind: 'page',
    url: p.url,
    name,
    pageUrl: p.url,
    columnKey: p.columnKey,
    format: null,
    text,
    tables: p.tables,
    snapshot: p.contentHash,
    fetchedAt: p.fetchedAt,
    publishedAt: null,
    place: p.role === 'home' ? `单位首页（${p.url}）` : `${name}（${p.url}）`,
  };
}

function listRowsDocument(c: ColumnObservation, text: string): ContentDocument {
  const name = `栏目“${c.label ?? c.columnKey}”列表`;
  return {
    kind: 'page',
    url: c.url ?? '',
    name,
    pageUrl: c.url ?? '',
    columnKey: c.columnKey,
    format: null,
    text,
    tables: [],
    snapshot: c.contentHash,
    fetchedAt: c.observedAt,
    publishedAt: null,
    place: `${name}中的信息标题（${c.url ?? ''}）`,
  };
}
