// New-media post dates: RSS 2.0 / Atom / JSON Feed (RSSHub output included) and CSV imports.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FeedPost } from '../store/index.ts';
import { parseInstant, toShanghaiIso } from './dates.ts';

export type FeedFormat = 'rss' | 'atom' | 'jsonfeed';

export type FeedParseResult =
  | { ok: true; format: FeedFormat; title: string | null; posts: FeedPost[]; undatedItems: number }
  | { ok: false; error: string };

type XmlNode = Record<string, unknown>;

const PIN_WORDS = /^(【置顶】|\[置顶\]|置顶[:：\s])/;

/** Parses a feed body; the format is sniffed from the content, the content type only breaks ties. */
export function parseFeed(text: string, contentType: string | null): FeedParseResult {
  const body = text.replace(/^\ufeff/, '').trim();
  if (!body) return { ok: false, error: '订阅源内容为空' };
  if (body.startsWith('{') || (/json/i.test(contentType ?? '') && !body.startsWith('<'))) return parseJsonFeed(body);
  if (!body.startsWith('<')) return { ok: false, error: '订阅源既不是 XML 也不是 JSON，无法识别格式' };
  if (/^<(!doctype\s+html|html)\b/i.test(body)) return { ok: false, error: '订阅源返回的是网页（HTML），不是 RSS/Atom/JSON Feed' };
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    return { ok: false, error: `订阅源不是有效的 XML（第 ${valid.err.line} 行第 ${valid.err.col} 列）：${valid.err.msg}` };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: false,
    htmlEntities: true,
    isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(body) as XmlNode;
  } catch (e) {
    return { ok: false, error: `订阅源 XML 解析失败：${(e as Error).message}` };
  }
  if (doc.rss || doc['rdf:RDF']) return parseRss(doc);
  if (doc.feed) return parseAtom(doc.feed as XmlNode);
  return { ok: false, error: '无法识别的订阅源格式（不是 RSS、Atom 或 JSON Feed）' };
}

function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim();
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') return textOf((v as XmlNode)['#text']);
  return '';
}

function isTruthyFlag(v: unknown): boolean {
  const t = textOf(v).toLowerCase();
  return t === 'true' || t === '1' || t === 'yes';
}

function toPost(title: string, url: string | null, dateText: string, pinnedFlag: boolean, categories: string[]): FeedPost | null {
  const ms = parseInstant(dateText);
  if (ms === null) return null;
  const pinned = pinnedFlag || PIN_WORDS.test(title) || categories.some((c) => c === '置顶' || c.toLowerCase() === 'pinned');
  return { title: title.replace(PIN_WORDS, '').trim(), url: url || null, publishedAt: toShanghaiIso(ms), pinned };
}

function pinnedField(node: XmlNode): boolean {
  return ['pinned', 'isTop', 'is_top', 'top', 'sticky'].some((k) => isTruthyFlag(node[k]));
}

function parseRss(doc: XmlNode): FeedParseResult {
  const channel = ((doc.rss as XmlNode | undefined)?.channel ?? (doc['rdf:RDF'] as XmlNode | undefined)?.channel ?? {}) as XmlNode;
  const rawItems = ((channel.item as XmlNode[] | undefined) ??
    ((doc['rdf:RDF'] as XmlNode | undefined)?.item as XmlNode[] | undefined) ??
    []) as XmlNode[];
  const posts: FeedPost[] = [];
  let undated = 0;
  for (const item of rawItems) {
    const links = (item.link as unknown[] | undefined) ?? [];
    const url = textOf(links[0]) || textOf(item.guid);
    const categories = ((item.category as unknown[] | undefined) ?? []).map(textOf);
    const date = textOf(item.pubDate) || textOf(item['dc:date']) || textOf(item.published) || textOf(item.updated);
    const post = toPost(textOf(item.title), /^https?:/.test(url) ? url : null, date, pinnedField(item), categories);
    if (post) posts.push(post);
    else undated++;
  }
  return { ok: true, format: 'rss', title: textOf(channel.title) || null, posts, undatedItems: undated };
}

function parseAtom(feed: XmlNode): FeedParseResult {
  const entries = (feed.entry as XmlNode[] | undefined) ?? [];
  const posts: FeedPost[] = [];
  let undated = 0;
  for (const entry of entries) {
    const links = ((entry.link as XmlNode[] | undefined) ?? []).filter((l) => typeof l === 'object');
    const alt = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
    const url = alt ? String(alt['@_href'] ?? '') : '';
    const categories = ((entry.category as XmlNode[] | undefined) ?? []).map((c) =>
      typeof c === 'object' ? String(c['@_term'] ?? c['@_label'] ?? '') : textOf(c),
    );
    const post = toPost(textOf(entry.title), url || null, textOf(entry.published) || textOf(entry.updated), pinnedField(entry), categories);
    if (post) posts.push(post);
    else undated++;
  }
  return { ok: true, format: 'atom', title: textOf(feed.title) || null, posts, undatedItems: undated };
}

function parseJsonFeed(body: string): FeedParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    return { ok: false, error: `订阅源不是有效的 JSON：${(e as Error).message}` };
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { items?: unknown }).items)) {
    return { ok: false, error: 'JSON 订阅源缺少 items 列表（不是 JSON Feed）' };
  }
  const feed = doc as { title?: unknown; items: Record<string, unknown>[] };
  const posts: FeedPost[] = [];
  let undated = 0;
  for (const item of feed.items) {
    if (!item || typeof item !== 'object') {
      undated++;
      continue;
    }
    const title = typeof item.title === 'string' ? item.title : typeof item.content_text === 'string' ? item.content_text.slice(0, 80) : '';
    const url = typeof item.url === 'string' ? item.url : typeof item.external_url === 'string' ? item.external_url : null;
    const rawDate = item.date_published ?? item.date_modified;
    const dateText = typeof rawDate === 'number' ? String(rawDate) : typeof rawDate === 'string' ? rawDate : '';
    const tags = Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [];
    const flags = item._pinned ?? item.pinned ?? item.is_top ?? item.isTop;
    const post = toPost(title, url, dateText, flags === true || flags === 1 || flags === 'true', tags);
    if (post) posts.push(post);
    else undated++;
  }
  return { ok: true, format: 'jsonfeed', title: typeof feed.title === 'string' ? feed.title : null, posts, undatedItems: undated };
}

export interface PostCsvRow {
  unitId?: string;
  account: string;
  platform?: string;
  title: string;
  url: string | null;
  publishedAt: string;
  line?: number; // the file line the record starts on
}

const CSV_HEADERS: Record<string, keyof PostCsvRow> = {
  unitid: 'unitId',
  单位: 'unitId',
  单位id: 'unitId',
  单位编号: 'unitId',
  account: 'account',
  账号: 'account',
  账号名称: 'account',
  platform: 'platform',
  平台: 'platform',
  title: 'title',
  标题: 'title',
  url: 'url',
  链接: 'url',
  网址: 'url',
  publishedat: 'publishedAt',
  发布时间: 'publishedAt',
  发布日期: 'publishedAt',
};

/** Splits CSV text into records (RFC 4180 quotes, CRLF), remembering the line each record starts on. */
function csvRecords(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let quoteLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') (quoted = true), (quoteLine = line);
    else if (c === ',') cells.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ line: startLine, cells });
      cells = [];
      cell = '';
      line++;
      startLine = line;
    } else cell += c;
  }
  if (quoted) throw new CsvQuoteError(quoteLine);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    out.push({ line: startLine, cells });
  }
  return out.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

class CsvQuoteError extends Error {
  constructor(readonly line: number) {
    super(`第 ${line} 行的引号没有闭合（其后直到文件末尾都被当作一个单元格）`);
  }
}

/** Post dates imported from CSV (header account,platform,title,url,publishedAt or 账号,平台,标题,链接,发布时间). */
export function parsePostsCsv(text: string): { rows: PostCsvRow[]; errors: { line: number; message: string }[] } {
  let records: { line: number; cells: string[] }[];
  try {
    records = csvRecords(text.replace(/^\ufeff/, ''));
  } catch (err) {
    if (err instanceof CsvQuoteError) return { rows: [], errors: [{ line: err.line, message: err.message }] };
    throw err;
  }
  const errors: { line: number; message: string }[] = [];
  const rows: PostCsvRow[] = [];
  if (records.length === 0) return { rows, errors: [{ line: 1, message: '文件为空，缺少表头' }] };
  const header = records[0].cells.map((h) => CSV_HEADERS[h.trim().toLowerCase()] ?? CSV_HEADERS[h.trim()] ?? null);
  for (const required of ['account', 'publishedAt'] as const) {
    if (!header.includes(required)) {
      errors.push({ line: records[0].line, message: `表头缺少“${required === 'account' ? 'account/账号' : 'publishedAt/发布时间'}”列` });
    }
  }
  if (errors.length > 0) return { rows, errors };
  for (const rec of records.slice(1)) {
    const get = (k: keyof PostCsvRow): string => {
      const idx = header.indexOf(k);
      return idx >= 0 ? (rec.cells[idx] ?? '').trim() : '';
    };
    if (rec.cells.length > header.length && rec.cells.slice(header.length).some((c) => c.trim())) {
      errors.push({ line: rec.line, message: `列数（${rec.cells.length}）多于表头（${header.length}），可能缺少引号` });
      continue;
    }
    const account = get('account');
    if (!account) {
      errors.push({ line: rec.line, message: '账号为空' });
      continue;
    }
    const rawDate = get('publishedAt');
    const ms = rawDate ? parseInstant(rawDate) : null;
    if (ms === null) {
      errors.push({
        line: rec.line,
        message: rawDate ? `发布时间“${rawDate}”无法识别（应为 2023-12-29 或 2023-12-29 10:30）` : '发布时间为空',
      });
      continue;
    }
    const url = get('url');
    if (url && !/^https?:\/\/\S+$/i.test(url)) {
      errors.push({ line: rec.line, message: `链接“${url}”不是 http(s) 网址` });
      continue;
    }
    const row: PostCsvRow = { account, title: get('title'), url: url || null, publishedAt: toShanghaiIso(ms), line: rec.line };
    const unitId = get('unitId');
    const platform = get('platform');
    if (unitId) row.unitId = unitId;
    if (platform) row.platform = platform;
    rows.push(row);
  }
  return { rows, errors };
}
