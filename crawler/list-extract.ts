// Reads the rows (title, url, date, 置顶) of a column list page, whatever CMS built it.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { ListItem } from '../store/index.ts';
import { inferYearlessDates, mentionsDate, parseMonthDay } from './dates.ts';
import {
  bodyText,
  childElements,
  cleanText,
  closestTag,
  descendants,
  hrefAnchors,
  isElement,
  loadFragment,
  loadHtml,
  resolveHref,
  shortTextOf,
  textOf,
} from './extract-html.ts';
import { loadExtractVocab } from './extract-vocab.ts';
import { paginationOf, type PaginationInfo } from './pagination.ts';
import { preparePage, type PageDoc } from './page-doc.ts';
import { inBreadcrumb, relatedBlockTest } from './related-blocks.ts';

export interface ListExtraction {
  rows: ListItem[];
  /** 暂无信息-style text shown instead of rows (only reported when no row was found). */
  placeholder: string | null;
  /** No rows, an empty list container and a script that fills it: the page needs a browser. */
  scriptBuiltRows: boolean;
  /** No rows, but entries that open their page by script (onclick="openDetail('…')"), with no link to read. */
  scriptOpenedRows: number;
  pagination: PaginationInfo;
}

interface RawRow {
  group: string;
  title: string;
  url: string;
  dateText: string | null;
  markedPinned: boolean;
  extra?: Record<string, string>;
}

const FULL_DATE_IN_TEXT = /(?<!\d)(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?/;
const ROW_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'dl', 'p', 'div', 'section', 'article', 'h2', 'h3', 'h4', 'h5', 'td', 'span']);
const PAGER_TEXT = /^(首页|尾页|末页|上一页|下一页|上页|下页|前页|后页|\d{1,4}|<|>|<<|>>|‹|›|«|»|更多|more|更多>>|查看更多)$/i;
const DATE_HEADER_PRIORITY = [/^(发布日期|发布时间|日期|时间|公开日期|更新时间|更新日期)$/, /(日期|时间)$/];
const ARTICLE_URL = [
  /[/_]t\d{8}_\d+/,
  /\/art\/\d{4}\/\d{1,2}\/\d{1,2}\//,
  /\/\d{6}\/[^/]+\.s?html?$/,
  /content_\d+/,
  /[?&](id|docid|articleid|infoid|newsid|contentid)=/i,
  /\/(detail|content|article|info|news|show)[/_-]/i,
  /\/\d{5,}\.s?html?$/,
  /[0-9a-f]{32}\.s?html?$/i,
  /\.(pdf|docx?|xlsx?|wps)$/i,
];
const MAX_ROW_ANCHORS = 3;
/** Visible characters of a row (title, date, a summary of a few lines); more is an article body or a block. */
const MAX_ROW_CHARS = 400;

/** A list row before its date is resolved: what is cached per page (the year of [MM-DD] dates depends on asOf). */
interface RawListRow {
  title: string;
  url: string;
  dateText: string | null;
  markedPinned: boolean;
  extra?: Record<string, string>;
}

export interface RawListExtraction {
  rows: RawListRow[];
  placeholder: string | null;
  scriptBuiltRows: boolean;
  scriptOpenedRows: number;
  pagination: PaginationInfo;
}

export function extractListRows(html: string, pageUrl: string, ctx: { asOf: string }): ListExtraction {
  return finishListRows(listRowsOf(preparePage(html, pageUrl)), ctx.asOf);
}

/** The list rows of a prepared page, dates not yet resolved. */
export function listRowsOf(doc: PageDoc): RawListExtraction {
  const { $, base } = doc;
  const raw = [...hanwebRecordRows(doc.xmlScripts, base), ...collectRows($, base)];
  let chosen = chooseDatedGroup(raw);
  if (chosen.length === 0) chosen = chooseArticleLinkGroup(raw);
  const rows = chosen.map((r): RawListRow => {
    const row: RawListRow = { title: r.title, url: r.url, dateText: r.dateText, markedPinned: r.markedPinned };
    if (r.extra) row.extra = r.extra;
    return row;
  });
  const placeholder = rows.length === 0 ? findPlaceholder(cleanText(bodyText($))) : null;
  const scriptBuiltRows = rows.length === 0 && !placeholder && looksScriptBuilt($, doc.scripts);
  const scriptOpenedRows = rows.length === 0 && !placeholder ? countScriptOpenedRows($) : 0;
  const pagination = doc.pagination ?? paginationOf(loadHtml(doc.html), doc.url);
  return { rows, placeholder, scriptBuiltRows, scriptOpenedRows, pagination };
}

export function finishListRows(raw: RawListExtraction, asOf: string): ListExtraction {
  return {
    rows: finishRows(raw.rows, asOf),
    placeholder: raw.placeholder,
    scriptBuiltRows: raw.scriptBuiltRows,
    scriptOpenedRows: raw.scriptOpenedRows ?? 0,
    pagination: raw.pagination,
  };
}

/** Hanweb JCMS: rows are CDATA records inside <script type="text/xml"><datastore><recordset>. */
function hanwebRecordRows(xmlScripts: string[], base: string): RawRow[] {
  const out: RawRow[] = [];
  for (const xml of xmlScripts) {
    for (const m of xml.matchAll(/<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi)) {
      // parsed as a fragment, not a document: a page carries dozens of records
      const frag = loadFragment(`<div>${m[1]}</div>`);
      const wrapper = frag.root()[0].children[0] as Element;
      const main = mainAnchor(hrefAnchorsIn(wrapper), base);
      if (!main) continue;
      const kids = childElements(wrapper);
      const top = kids.length === 1 ? kids[0] : wrapper;
      const row = readRow(frag, top, main, base, 'hanweb-datastore');
      if (row) out.push(row);
    }
  }
  return out;
}

function collectRows($: CheerioAPI, base: string): RawRow[] {
  const seen = new Set<Element>();
  const anchorIds = new Map<unknown, number>();
  const out: RawRow[] = [];
  const related = relatedBlockTest();
  for (const a of hrefAnchors($)) {
    const text = cleanText(textOf(a));
    if (PAGER_TEXT.test(text.replace(/\s/g, '')) && !a.attribs.title) continue;
    if (!resolveHref(a.attribs.href, base) || related(a) || inBreadcrumb(a)) continue;
    const rowEl = findRowElement(a);
    if (!rowEl || seen.has(rowEl)) continue;
    seen.add(rowEl);
    const main = mainAnchor(hrefAnchorsIn(rowEl), base);
    if (!main) continue;
    // Rows of one list share a structural signature and a nearby ancestor (TRS 海云 splits a list into blocks of 5).
    let anchor: unknown = rowEl;
    for (let i = 0; i < 3 && anchor && (anchor as Element).parent; i++) anchor = (anchor as Element).parent;
    if (!anchorIds.has(anchor)) anchorIds.set(anchor, anchorIds.size);
    const row = readRow($, rowEl, main, base, `${signatureOf(rowEl)}#${anchorIds.get(anchor)}`);
    if (row) out.push(row);
  }
  return out;
}

/** Element descendants of a node in document order. */
function hrefAnchorsIn(el: Element): Element[] {
  return descendants(el).filter((d) => d.tagName.toLowerCase() === 'a' && d.attribs.href !== undefined);
}

/** More than `max` a[href] below el (stops counting there). */
function hasMoreAnchorsThan(el: Element, max: number): boolean {
  let n = 0;
  const walk = (e: Element): boolean => {
    for (const c of e.children) {
      if (c.type !== 'tag') continue;
      const ce = c as Element;
      if (ce.tagName.toLowerCase() === 'a' && ce.attribs.href !== undefined && ++n > max) return true;
      if (walk(ce)) return true;
    }
    return false;
  };
  return walk(el);
}

const LI_OR_TR = new Set(['li', 'tr']);
const A_TAG = new Set(['a']);

/** The element that holds one row: the nearest li/tr, else the nearest small ancestor that carries a date. */
function findRowElement(a: Element): Element | null {
  const liOrTr = closestTag(a, LI_OR_TR);
  if (liOrTr && !hasMoreAnchorsThan(liOrTr, MAX_ROW_ANCHORS)) return liOrTr;
  let el: Element | null = a.parent && a.parent.type === 'tag' ? (a.parent as Element) : null;
  let firstSmall: Element | null = null;
  for (let depth = 0; el && depth < 4; depth++) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'body' || tag === 'html') break;
    if (hasMoreAnchorsThan(el, MAX_ROW_ANCHORS)) break;
    if (ROW_TAGS.has(tag)) {
      // an element of paragraphs is an article body or a page block, not a row: its date is no row's date
      const text = shortTextOf(el, MAX_ROW_CHARS);
      if (text === null) break;
      firstSmall ??= el;
      if (mentionsDate(cleanText(text))) return el;
    }
    el = el.parent && el.parent.type === 'tag' ? (el.parent as Element) : null;
  }
  return firstSmall;
}

function mainAnchor(anchors: Element[], base: string): Element | null {
  let best: Element | null = null;
  let bestLen = -1;
  for (const a of anchors) {
    if (!resolveHref(a.attribs.href, base)) continue;
    const len = Math.max(cleanText(textOf(a)).length, cleanText(a.attribs.title ?? '').length);
    if (len > bestLen) {
      best = a;
      bestLen = len;
    }
  }
  return best;
}

/** Structural signature: rows of one list share the chain of ancestor tags and classes. */
function signatureOf(el: Element): string {
  const parts: string[] = [el.tagName.toLowerCase()];
  let p = el.parent;
  while (p && p.type === 'tag') {
    const pe = p as Element;
    const cls = (pe.attribs.class ?? '').split(/\s+/).filter(Boolean).sort().join('.');
    parts.push(cls ? `${pe.tagName.toLowerCase()}.${cls}` : pe.tagName.toLowerCase());
    p = pe.parent;
  }
  return parts.reverse().join('>');
}

function readRow($: CheerioAPI, rowEl: Element, a: Element, base: string, group: string): RawRow | null {
  const url = resolveHref(a.attribs.href, base);
  if (!url) return null;
  const vocab = loadExtractVocab();
  const dateLeaf = findDateLeaf(rowEl, a);
  const tableCells = rowEl.tagName.toLowerCase() === 'tr' ? tableRowCells($, rowEl, a) : null;
  const dateText = tableCells?.dateText ?? dateLeaf?.text ?? dateInOwnText(rowEl, a) ?? null;

  const attrTitle = cleanText(a.attribs.title ?? '');
  let text: string;
  if (dateLeaf?.insideAnchor) {
    const $textual = $(a).clone();
    $textual
      .find('*')
      .filter((_, e) => cleanText(textOf(e)) === dateLeaf.text)
      .remove();
    text = cleanText($textual.text());
  } else {
    text = cleanText(textOf(a));
  }
  const truncated = /(…|\.\.\.|。。。)$/.test(text);
  let title = attrTitle && (truncated || !text || attrTitle.startsWith(text.replace(/(…|\.\.\.|。。。)$/, ''))) ? attrTitle : text;
  let markedPinned = false;
  for (const marker of vocab.pinnedTexts) {
    if (title.startsWith(marker) || title.startsWith(`[${marker}]`) || title.startsWith(`【${marker}】`)) {
      title = title.replace(new RegExp(`^[\\[【]?${escapeRegExp(marker)}[\\]】]?\\s*`), '');
      markedPinned = true;
    }
  }
  text = title;
  if (!text) return null;
  markedPinned ||= isMarkedPinned(rowEl, a, vocab);
  const row: RawRow = { group, title: text, url, dateText, markedPinned };
  if (tableCells && Object.keys(tableCells.extra).length > 0) row.extra = tableCells.extra;
  return row;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A leaf element of the row whose whole text is a date (span.time, em, b, td, font …). */
function findDateLeaf(rowEl: Element, a: Element): { text: string; insideAnchor: boolean } | null {
  let inside: string | null = null;
  for (const el of descendants(rowEl)) {
    if (el === a || el.children.some(isElement)) continue;
    const text = cleanText(textOf(el));
    if (!text || text.length > 40) continue;
    if (!isDateOnly(text)) continue;
    const inAnchor = closestTag(el, A_TAG) === a;
    if (!inAnchor) return { text, insideAnchor: false };
    inside ??= text;
  }
  return inside ? { text: inside, insideAnchor: true } : null;
}

/** The row's text without the anchors that read like the main one (the title is not where a date or 置顶 is). */
function textBesideTitle(rowEl: Element, a: Element): string {
  const title = cleanText(textOf(a));
  const walk = (n: Element): string => {
    let out = '';
    for (const c of n.children) {
      if (c.type === 'text') out += (c as unknown as { data: string }).data;
      else if (isElement(c)) {
        const ce = c as Element;
        if (ce.tagName.toLowerCase() === 'a' && cleanText(textOf(ce)) === title) continue;
        out += walk(ce);
      } else if (c.type === 'cdata') out += textOf(c);
    }
    return out;
  };
  return walk(rowEl);
}

function isDateOnly(text: string): boolean {
  const t = text
    .normalize('NFKC')
    .replace(/^[[(【（]|[\])】）]$/g, '')
    .replace(/^(发布时间|发布日期|时间|日期|更新时间)\s*[:：]?\s*/, '')
    .trim();
  const full = FULL_DATE_IN_TEXT.exec(t);
  if (full && full[0].trim().length >= t.length - 2) return true;
  return parseMonthDay(t) !== null;
}

/** A date written as a text node of the row itself (e.g. "<li><a>…</a>[12-29]</li>"). */
function dateInOwnText(rowEl: Element, a: Element): string | null {
  const rest = cleanText(textBesideTitle(rowEl, a)).normalize('NFKC');
  const full = FULL_DATE_IN_TEXT.exec(rest);
  if (full) return full[0];
  const md = /(?<![\d-])[[(【（]?\d{1,2}-\d{1,2}[\])】）]?(?![\d-])/.exec(rest);
  return md && parseMonthDay(md[0]) ? md[0] : null;
}

/** Cells of a table row keyed by the table's header labels (文号, 留言时间, 回复时间, 状态 …). */
function tableRowCells($: CheerioAPI, tr: Element, a: Element): { dateText: string | null; extra: Record<string, string> } | null {
  const table = $(tr).closest('table');
  const header = headerOf($, table[0] as Element | undefined);
  if (!header || header.row === tr) return null;
  const labels = header.labels;
  const cells = $(tr).children('td, th').toArray();
  if (cells.length !== labels.length) return null;
  const titleIdx = cells.findIndex((c) => c === a || $(c).find(a).length > 0);
  const extra: Record<string, string> = {};
  let dateText: string | null = null;
  for (const pattern of DATE_HEADER_PRIORITY) {
    const idx = labels.findIndex((l, i) => i !== titleIdx && pattern.test(l) && isDateOnly(cleanText($(cells[i]).text())));
    if (idx >= 0) {
      dateText = cleanText($(cells[idx]).text());
      break;
    }
  }
  labels.forEach((label, i) => {
    if (i === titleIdx || !label) return;
    const value = cleanText($(cells[i]).text());
    if (value) extra[label] = value;
  });
  return { dateText, extra };
}

// header rows per table, found once for all its rows (tables are objects of one parse, so a WeakMap forgets them)
const headers = new WeakMap<Element, { row: Element; labels: string[] } | null>();

function headerOf($: CheerioAPI, table: Element | undefined): { row: Element; labels: string[] } | null {
  if (!table) return null;
  let h = headers.get(table);
  if (h === undefined) {
    const row = $(table)
      .find('tr')
      .toArray()
      .find(
        (r) => $(r).find('th').length > 1 || ($(r).find('a[href]').length === 0 && $(r).children('td').length > 1 && isHeaderLike($, r)),
      );
    h = row
      ? {
          row,
          labels: $(row)
            .children('th, td')
            .map((_, c) =>
              cleanText($(c).text())
                .replace(/\s/g, '')
                .replace(/[:：]$/, ''),
            )
            .get(),
        }
      : null;
    headers.set(table, h);
  }
  return h;
}

function isHeaderLike($: CheerioAPI, tr: Element): boolean {
  const texts = $(tr)
    .children('td')
    .map((_, c) => cleanText($(c).text()))
    .get();
  return (
    texts.every((t) => t.length > 0 && t.length <= 8 && !/\d{2}/.test(t)) && texts.some((t) => /标题|名称|日期|时间|文号|状态|主题/.test(t))
  );
}

function isMarkedPinned(rowEl: Element, a: Element, vocab: ReturnType<typeof loadExtractVocab>): boolean {
  const classWords = new Set(vocab.pinnedClassWords.map((w) => w.toLowerCase()));
  const elements = [rowEl, ...descendants(rowEl)];
  for (const el of elements) {
    const tokens = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase().split(/[\s_-]+/);
    if (tokens.some((t) => classWords.has(t))) return true;
    if (el.tagName.toLowerCase() === 'img') {
      const s = `${el.attribs.src ?? ''} ${el.attribs.alt ?? ''} ${el.attribs.title ?? ''}`.toLowerCase();
      const file = s.split('/').pop() ?? s;
      if (vocab.pinnedImageWords.some((w) => file.includes(w.toLowerCase()) || s.includes(`alt=${w}`)) || /置顶/.test(s)) return true;
    }
  }
  const rest = cleanText(textBesideTitle(rowEl, a));
  return vocab.pinnedTexts.some((t) => rest.includes(t));
}

function chooseDatedGroup(raw: RawRow[]): RawRow[] {
  const groups = new Map<string, RawRow[]>();
  for (const r of raw) {
    const g = groups.get(r.group) ?? [];
    g.push(r);
    groups.set(r.group, g);
  }
  let best: RawRow[] = [];
  let bestDated = 0;
  for (const rows of groups.values()) {
    const dated = rows.filter((r) => r.dateText).length;
    if (dated > bestDated) {
      best = rows;
      bestDated = dated;
    }
  }
  return best;
}

/** Undated rows count only when the page has no dated rows and they look like article links. */
function chooseArticleLinkGroup(raw: RawRow[]): RawRow[] {
  const groups = new Map<string, RawRow[]>();
  for (const r of raw) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  let best: RawRow[] = [];
  for (const rows of groups.values()) {
    if (rows.length < 2) continue;
    const articleLike = rows.filter((r) => ARTICLE_URL.some((p) => p.test(r.url)) && r.title.length >= 6).length;
    if (articleLike / rows.length >= 0.6 && rows.length > best.length) best = rows;
  }
  return best;
}

function finishRows(chosen: RawListRow[], asOf: string): ListItem[] {
  const dates = inferYearlessDates(
    chosen.map((r) => ({ dateText: r.dateText, url: r.url, pinned: r.markedPinned })),
    { asOf },
  );
  const items: ListItem[] = chosen.map((r, i) => {
    const d = dates[i];
    const item: ListItem = {
      title: r.title,
      url: r.url,
      date: d?.date ?? null,
      dateSource: d ? (d.yearInferred ? 'list-year-inferred' : 'list') : null,
      pinned: r.markedPinned,
    };
    if (r.extra) item.extra = r.extra;
    return item;
  });
  markOutOfOrderPinned(items);
  return items;
}

// A row at the top that is older than a row below it is pinned (TRS sorts by -docorderpri first; Epoint note).
function markOutOfOrderPinned(items: ListItem[]): void {
  for (let i = 0; i < Math.min(items.length - 1, 10); i++) {
    const own = items[i].date;
    if (items[i].pinned) continue;
    if (!own) break;
    const newerBelow = items.slice(i + 1).some((r) => r.date !== null && r.date > own);
    if (!newerBelow) break;
    items[i].pinned = true;
  }
}

function findPlaceholder(text: string): string | null {
  const compact = text.replace(/\s/g, '');
  return loadExtractVocab().placeholders.find((w) => compact.includes(w)) ?? null;
}

const BUILDER_PATTERNS = [
  /document\.write(ln)?\s*\([^)]*<(li|a|tr|div)\b/i,
  /\.innerHTML\s*\+?=/,
  /\.(append|appendChild|html|prepend)\s*\(/,
  /createElement\s*\(\s*['"](li|tr|a|div)['"]/i,
  /\$\.(ajax|get|post|getJSON)\s*\(|\bfetch\s*\(|XMLHttpRequest|axios\./,
  /\[\s*\{\s*["']?(title|doctitle|name)["']?\s*:/i,
];

// onclick="openDetail('123')", "javascript:show(45, 'x')": a call with an id-like first argument
const OPENER_CALL = /^\s*(?:javascript:)?\s*[\w$.]+\s*\(\s*['"]?[\w-]+/i;
const MIN_SCRIPT_OPENED = 2;

/**
 * Entries of a list that open their page by script and carry no link (江苏省文化和旅游厅 双公示: tr.tg_tb1
 * onclick="openDetail('…')", read by the RSSHub route gov/jiangsu/wlt): their address and date cannot be read.
 */
function countScriptOpenedRows($: CheerioAPI): number {
  const n = $('tr[onclick], li[onclick], div[onclick], dd[onclick], p[onclick]')
    .toArray()
    .filter((el) => {
      const $el = $(el);
      if (!OPENER_CALL.test((el as Element).attribs.onclick ?? '')) return false;
      if (
        $el
          .find('a[href]')
          .toArray()
          .some((a) => resolveHref((a as Element).attribs.href, 'http://x.invalid/') !== null)
      )
        return false;
      return cleanText($el.text()).length >= 4;
    }).length;
  return n >= MIN_SCRIPT_OPENED ? n : 0;
}

function looksScriptBuilt($: CheerioAPI, scripts: string): boolean {
  const builds = BUILDER_PATTERNS.some((p) => p.test(scripts));
  if (!builds) return false;
  const template = $('[ms-repeat], [v-for], [ms-for], [data-bind]').length > 0;
  const emptyContainer = $('ul, ol, tbody, div, table')
    .toArray()
    .some((el) => {
      const $el = $(el);
      const name = `${(el as Element).attribs.id ?? ''} ${(el as Element).attribs.class ?? ''}`;
      return /list|news|con|data|info|xxgk|article|doc|item/i.test(name) && cleanText($el.text()) === '' && $el.find('a').length === 0;
    });
  return template || emptyContainer;
}
