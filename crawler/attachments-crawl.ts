// Attachments of a unit's pages: fetched through the page source (HTTP cache, snapshots, one `pages` row each),
// read on the attachment worker, the result cached by content hash so an unchanged file is not read again next
// month. A file that cannot be fetched or read is an observation with its reason, never a crash.
import type { AttachmentObservation, Store } from '../store/index.ts';
import { getPageAnalysis, putPageAnalysis } from '../store/index.ts';
import type { CrawlSettings } from '../config/index.ts';
import type { AttachmentReader, PageLinks, UnitCrawlContext } from './unit-context.ts';
import {
  ATTACHMENT_EXTRACT_VERSION,
  attachmentFormat,
  DEFAULT_EXTRACT_LIMITS,
  type AttachmentFormat,
  type AttachmentText,
} from './attachment-extract.ts';
import type { AttachmentExtractor } from './attachment-pool.ts';
import { errorClassLabel } from './errors.ts';

/** Cache key in page_analyses: the attachment's URL under its own prefix (a page of the same URL is another entry). */
const cacheUrl = (url: string): string => `attachment:${url}`;

type Cached = { v: number; result: AttachmentText } | { v: number; error: string };

interface Candidate {
  url: string;
  name: string;
  pageUrl: string;
  format: AttachmentFormat;
}

/** Distinct in-scope attachment links of the pages, in page order, at most `max`. */
export function attachmentCandidates(pages: PageLinks[], inScope: (url: string) => boolean, max: number): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const p of pages) {
    for (const link of p.links) {
      const url = link.url.split('#')[0];
      if (seen.has(url)) continue;
      const format = attachmentFormat(url);
      if (!format) continue;
      seen.add(url);
      if (!inScope(url)) continue;
      const file = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
      out.push({ url, name: (link.text || file).replace(/\s+/g, ' ').trim().slice(0, 200), pageUrl: p.url, format });
      if (out.length >= max) return out;
    }
  }
  return out;
}

export function createAttachmentReader(
  store: Store,
  extractor: AttachmentExtractor,
  settings: CrawlSettings['attachments'],
  extractorVersion: string,
): AttachmentReader {
  const stats = { fetched: 0, extracted: 0, reused: 0, failed: 0, bytes: 0, extractMs: 0 };
  const limits = { ...DEFAULT_EXTRACT_LIMITS, maxPages: settings.maxPages, maxRows: settings.maxRows };
  const reader: Reader = { store, extractor, extractorVersion, limits, stats };
  return {
    stats,
    async read(ctx, pages, columnOf) {
      if (!settings.enabled || settings.maxPerUnit === 0) return [];
      const candidates = attachmentCandidates(pages, (u) => ctx.run.scope.check(u).allowed, settings.maxPerUnit);
      return Promise.all(candidates.map((c) => readOne(reader, ctx, c, columnOf(c.pageUrl))));
    },
  };
}

interface Reader {
  store: Store;
  extractor: AttachmentExtractor;
  extractorVersion: string;
  limits: typeof DEFAULT_EXTRACT_LIMITS;
  stats: AttachmentReader['stats'];
}

type ObservationBase = Omit<AttachmentObservation, 'ok' | 'error' | 'contentHash' | 'fetchedAt'>;

async function readOne(reader: Reader, ctx: UnitCrawlContext, c: Candidate, columnKey: string | null): Promise<AttachmentObservation> {
  const { store, stats } = reader;
  const base: ObservationBase = {
    runId: ctx.run.runId,
    unitId: ctx.unit.id,
    pageUrl: c.pageUrl,
    columnKey,
    url: c.url,
    name: c.name,
    format: c.format,
    text: '',
    tables: [],
    pages: null,
    truncated: false,
  };
  const loaded = await ctx.io.source.load({
    url: c.url,
    role: 'attachment',
    unitId: ctx.unit.id,
    columnKey,
    revalidateAfterDays: ctx.run.config.crawl.revalidateDetailDays,
  });
  const page = loaded.page;
  if (!page.ok || !page.contentHash) {
    stats.failed++;
    const why = errorClassLabel(page.errorClass ?? 'other');
    return {
      ...base,
      ok: false,
      error: `附件无法下载：${why}${page.status ? `（HTTP ${page.status}）` : ''}`,
      contentHash: null,
      fetchedAt: page.fetchedAt,
    };
  }
  const hash = page.contentHash;
  const cached = getPageAnalysis(store, cacheUrl(c.url), hash, reader.extractorVersion) as Cached | null;
  if (cached && cached.v === ATTACHMENT_EXTRACT_VERSION) {
    stats.reused++;
    return observationOf(base, cached, hash, page.fetchedAt);
  }
  const bytes = store.snapshots.get(hash);
  if (!bytes) return { ...base, ok: false, error: '附件快照缺失，无法读取', contentHash: hash, fetchedAt: page.fetchedAt };
  return observationOf(base, await extractAndKeep(reader, c, hash, bytes), hash, page.fetchedAt);
}

/** Reads the file on the attachment worker and keeps a definite result in the cache under its content hash. */
async function extractAndKeep(reader: Reader, c: Candidate, hash: string, bytes: Buffer): Promise<Cached> {
  const { stats } = reader;
  stats.fetched++;
  stats.bytes += bytes.length;
  const started = Date.now();
  let result: Cached;
  try {
    result = { v: ATTACHMENT_EXTRACT_VERSION, result: await reader.extractor.extract(bytes, c.format, reader.limits) };
    stats.extracted++;
  } catch (err) {
    stats.failed++;
    result = { v: ATTACHMENT_EXTRACT_VERSION, error: err instanceof Error ? err.message : String(err) };
  }
  stats.extractMs += Date.now() - started;
  // a timeout may pass on a quieter machine: only a definite result is kept
  if (!('error' in result) || !result.error.includes('超时'))
    putPageAnalysis(reader.store, cacheUrl(c.url), hash, reader.extractorVersion, result);
  return result;
}

function observationOf(base: ObservationBase, r: Cached, hash: string, fetchedAt: string): AttachmentObservation {
  if ('error' in r) return { ...base, ok: false, error: r.error, contentHash: hash, fetchedAt };
  return {
    ...base,
    ok: true,
    error: null,
    text: r.result.text,
    tables: r.result.tables,
    pages: r.result.pages,
    truncated: r.result.truncated,
    contentHash: hash,
    fetchedAt,
  };
}
