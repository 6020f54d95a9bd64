// What the content-safety checks read: every page text a unit published (detail pages, article columns) and the
// text of every attachment read from them, as one list of documents with what evidence needs.
import type { UnitObservations } from '../../store/index.ts';
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
  for (const d of obs.details) {
    if (seen.has(d.url)) continue;
    seen.add(d.url);
    const page = pageFor(obs, d.url);
    out.push({
      kind: 'page',
      url: d.url,
      name: d.title || d.url,
      pageUrl: d.url,
      columnKey: d.columnKey,
      format: null,
      text: `${d.title}\n${d.text}`,
      tables: d.tables ?? [],
      snapshot: d.contentHash,
      fetchedAt: d.fetchedAt ?? page?.fetchedAt ?? null,
      publishedAt: d.publishedAt,
    });
  }
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
      publishedAt: obs.details.find((d) => d.url === a.pageUrl)?.publishedAt ?? null,
    });
  }
  return out;
}
