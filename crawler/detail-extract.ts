// Reads an article page: title, publication date, body text, the 索引号/文号/… metadata block and body links.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { parseDate } from './dates.ts';
import {
  allElements,
  bodyText,
  childElements,
  cleanText,
  closestTag,
  descendants,
  elementsByTag,
  forgetElements,
  shortTextOf,
  simpleSelector,
  textOf,
} from './extract-html.ts';
import { preparePage, reparse, type PageDoc } from './page-doc.ts';
import { loadExtractVocab } from './extract-vocab.ts';
import { linksOf, type ExtractedLink } from './links-extract.ts';

export interface DetailExtraction {
  title: string;
  publishedAt: string | null;
  /** Where publishedAt was read: a labelled date the page shows (发布日期：…), or only the <meta> tag. */
  publishedFrom: 'label' | 'meta' | null;
  text: string;
  fields: Record<string, string>;
  links: ExtractedLink[];
  isArticle: boolean;
  tables: DetailTable[]; // tables of the body, read cell by cell (标准目录, 决算表 …)
}

export interface DetailTable {
  headers: string[];
  rows: string[][];
}

const MAX_TABLES = 5;
const MAX_TABLE_ROWS = 300;

const TABLE = new Set(['table']);

/** Tables inside the body whose first (non-caption) row reads as a header; metadata tables (索引号|文号) are kept too, harmlessly. */
export function extractTables($: CheerioAPI, root: Element | null): DetailTable[] {
  const out: DetailTable[] = [];
  const tables = root ? descendants(root).filter((el) => el.name === 'table') : elementsByTag($, 'table');
  for (const table of tables) {
    if (out.length >= MAX_TABLES) break;
    const rows = descendants(table).filter((tr) => tr.name === 'tr' && closestTag(tr, TABLE) === table);
    if (rows.length < 2) continue;
    const cells = rows.map((tr) =>
      childElements(tr)
        .filter((c) => c.name === 'th' || c.name === 'td')
        .map((c) => cleanText(textOf(c))),
    );
    // a caption row spanning the table (涉农资金领域基层政务公开标准目录) sits above the header on real catalogues
    const h = cells.slice(0, 3).findIndex((r) => r.filter((c) => c !== '').length >= 2);
    if (h < 0) continue;
    const [headers, ...body] = cells.slice(h);
    out.push({ headers, rows: body.filter((r) => r.some((c) => c !== '')).slice(0, MAX_TABLE_ROWS) });
  }
  return out;
}

// Body containers of the CMSs in real-portals.md §1–§2, most specific first.
const BODY_SELECTORS = [
  '.TRS_Editor',
  '.trs_editor_view',
  '.TRS_UEDITOR',
  'ucapcontent',
  '#zoomcon',
  '#zoom',
  '#UCAP-CONTENT',
  '.article_content',
  '.article-content',
  '.ewb-article-detail',
  '.ewb-article-info',
  '.newsContainer_text',
  '.news_cont_d_wrap',
  '.jgzn_content',
  '.detail-content',
  '.detail_content',
  '.content_text',
  '#content',
  '.main-txt',
];
const TITLE_SELECTORS = [
  'ucaptitle',
  '.article_title',
  '.article-title',
  '.newsContainer_title',
  '.ewb-article-tt',
  '.detail-title',
  '.detail_title',
  '.art-title',
  '.art_title',
  '#title',
  '.title h1',
  'h1',
  '.title',
];
const BODY_MATCHERS = BODY_SELECTORS.map(simpleSelector);
const TITLE_MATCHERS = TITLE_SELECTORS.map(simpleSelector);
const META_TITLE = ['ArticleTitle', 'articletitle', 'og:title'];
const META_DATE = ['PubDate', 'pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time'];
const DATE_LABELS = ['发布日期', '发布时间', '公开日期', '时间发布', '发文日期', '日期', '时间'];
const RELATED_BLOCK = /relat|jiedu|zcjd|xgwj|xgjd|glgj|common_newslist|xglj/i;
const NOISE = 'script, style, noscript, template, iframe, select, nav, header, footer';
const LAYOUT_NOISE = /(^|[\s_-])(nav|menu|footer|header|breadcrumb|crumb|share|print|sidebar|topbar|copyright|banner)([\s_-]|$)/i;
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'section',
  'article',
  'dd',
  'dt',
  'ul',
  'ol',
  'blockquote',
  'pre',
]);

export function extractDetail(html: string, url: string): DetailExtraction {
  return detailOf(preparePage(html, url));
}

/** The article reading of a prepared page; the shared document is not changed. */
export function detailOf(doc: PageDoc): DetailExtraction {
  const { $, url } = doc;
  const metaTitle = metaContent($, META_TITLE);
  const metaDate = metaContent($, META_DATE);
  const siteName = metaContent($, ['SiteName', 'sitename']);
  const titleEl = elementsByTag($, 'title')[0];
  const pageTitle = titleEl ? cleanText(textOf(titleEl)) : '';

  const fields = extractFields($);
  const body = findBody($);
  const title = metaTitle || titleFromPage($, siteName) || stripSiteSuffix(pageTitle, siteName);
  // the date a reader sees wins: real pages' <meta PubDate> is often the CMS's re-publish time (real-pages jx-*)
  const labelled = dateFromLabels($, fields);
  const publishedAt = labelled ?? (metaDate ? (parseDate(metaDate)?.date ?? null) : null);
  const publishedFrom = labelled ? 'label' : publishedAt ? 'meta' : null;

  let text: string;
  let links: ExtractedLink[];
  const tables = extractTables($, body ?? null);
  // without a known body container the text-density fallback strips layout blocks: on its own copy of the page
  const $r = body ? $ : reparse(doc);
  if (body) {
    text = blockText($, body);
    links = linksOf($, url, body);
  } else {
    const fallback = largestTextBlock($r);
    text = fallback ? blockText($r, fallback) : cleanText(bodyText($r));
    links = fallback ? linksOf($r, url, fallback) : [];
  }
  const seen = new Set(links.map((l) => l.url));
  for (const el of allElements($r)) {
    if (!RELATED_BLOCK.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)) continue;
    for (const l of linksOf($r, url, el)) if (!seen.has(l.url)) seen.add(l.url), links.push(l);
  }

  const isArticle = Boolean(body) || Boolean(metaTitle) || (text.replace(/\s/g, '').length >= 200 && !looksLikeList($r));
  return { title, publishedAt, publishedFrom, text, fields, links, isArticle, tables };
}

function metaContent($: CheerioAPI, names: string[]): string {
  const metas = elementsByTag($, 'meta');
  for (const n of names) {
    const v = metas.find((m) => m.attribs.name === n || m.attribs.property === n)?.attribs.content;
    if (v && cleanText(v)) return cleanText(v);
  }
  return '';
}

function titleFromPage($: CheerioAPI, siteName: string): string {
  const all = allElements($);
  for (const matches of TITLE_MATCHERS) {
    for (const el of all) {
      if (!matches(el)) continue;
      const t = cleanText(textOf(el));
      if (t && t.length <= 200 && t !== siteName && !/人民政府$|政府网$|门户网站$/.test(t)) return t;
    }
  }
  return '';
}

/** "<article> _ <site>" → "<article>"; a hyphen splits only when what follows looks like a site name. */
function stripSiteSuffix(title: string, siteName: string): string {
  if (siteName && title.endsWith(siteName) && title.length > siteName.length) {
    const rest = title.slice(0, -siteName.length).replace(/[\s_|｜\-—]+$/, '');
    if (rest) return rest;
  }
  const parts = title.split(/\s*(?:_|\||｜|——|—|-)\s*/).filter(Boolean);
  if (parts.length > 1 && /(政府|网|网站|门户|公开|平台)$/.test(parts[parts.length - 1])) return parts.slice(0, -1).join('-');
  return title;
}

/** The first element of the first body selector that matches (one pass over the page instead of one per selector). */
function findBody($: CheerioAPI): Element | null {
  let best: Element | null = null;
  let bestRank = BODY_MATCHERS.length;
  for (const el of allElements($)) {
    for (let i = 0; i < bestRank; i++) {
      if (BODY_MATCHERS[i](el)) {
        best = el;
        bestRank = i;
        break;
      }
    }
    if (bestRank === 0) break;
  }
  return best;
}

/** The element with the most paragraph text of its own (a text-density fallback when no container is known). */
function largestTextBlock($: CheerioAPI): Element | null {
  $(NOISE).remove();
  forgetElements($);
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of $('div, td, article, section, main').toArray() as Element[]) {
    const chain = [el, ...($(el).parents().toArray() as Element[])];
    if (chain.some((p) => LAYOUT_NOISE.test(`${p.attribs?.class ?? ''} ${p.attribs?.id ?? ''}`))) continue;
    let score = 0;
    $(el)
      .contents()
      .each((_, child) => {
        if (child.type === 'text') score += cleanText((child as unknown as { data: string }).data).length;
        else if (child.type === 'tag' && /^(p|span|font|strong|b|h\d)$/i.test((child as Element).tagName)) {
          score += cleanText($(child).text()).length - cleanText($(child).find('a').text()).length;
        }
      });
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

/** Visible text with block elements on their own lines and whitespace collapsed. */
export function blockText($: CheerioAPI, el: Element): string {
  const lines: string[] = [];
  let current = '';
  const walk = (node: Element): void => {
    for (const child of node.children ?? []) {
      if (child.type === 'text') current += (child as unknown as { data: string }).data;
      else if (child.type === 'tag') {
        const tag = (child as Element).tagName.toLowerCase();
        if (/^(script|style|noscript|template)$/.test(tag)) continue;
        const block = BLOCK_TAGS.has(tag);
        if (block) flush();
        walk(child as Element);
        if (block) flush();
      }
    }
  };
  const flush = (): void => {
    const t = cleanText(current);
    if (t) lines.push(t);
    current = '';
  };
  walk(el);
  flush();
  return lines.join('\n');
}

function normaliseFieldLabel(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, '').replace(/[:：]$/, '');
}

// compiled once per label list: these run for every element of every detail page
const fieldPatterns = new WeakMap<string[], { all: RegExp; each: RegExp[] }>();
function patternsFor(labels: string[]): { all: RegExp; each: RegExp[] } {
  let p = fieldPatterns.get(labels);
  if (!p) {
    p = {
      all: new RegExp(`(${labels.map(spacedLabel).join('|')})\\s*[:：]\\s*`, 'g'),
      each: labels.map((l) => new RegExp(`${spacedLabel(l)}\\s*[:：]`)),
    };
    fieldPatterns.set(labels, p);
  }
  return p;
}

const LONGEST_LABEL = 40; // visible characters; no metadata label is longer
const FIELD_LABEL_TAGS = new Set(['td', 'th', 'dt', 'label', 'font', 'strong', 'b', 'span', 'em']);
const FIELD_BLOCK_TAGS = new Set(['p', 'li', 'div', 'span', 'td', 'dd']);
const NESTED_BLOCK_TAGS = new Set(['p', 'div', 'li', 'table', 'ul']);

/** Label → value pairs of metadata blocks: tables, dl/dd/label, strong + "：value", spans "发布日期：…". */
function extractFields($: CheerioAPI): Record<string, string> {
  const labels = loadExtractVocab().fieldLabels;
  const known = new Set(labels);
  const fields: Record<string, string> = {};
  const put = (label: string, value: string): void => {
    const v = cleanText(value).replace(/^[:：]\s*/, '');
    if (known.has(label) && v && v.length <= 200 && !(label in fields)) fields[label] = v;
  };
  const elements = allElements($);

  // A label element followed by a value element (th/td, dt/dd, label/div, font/div, strong/span).
  for (const el of elements) {
    if (!FIELD_LABEL_TAGS.has(el.tagName.toLowerCase())) continue;
    const short = shortTextOf(el, LONGEST_LABEL);
    if (short === null) continue;
    const label = normaliseFieldLabel(cleanText(short));
    if (!known.has(label)) continue;
    const next = $(el).next();
    if (next.length && !known.has(normaliseFieldLabel(cleanText(next.text())))) {
      const ownRest = cleanText($(el).parent().text()).replace(cleanText(short), '').trim();
      const value = cleanText(next.text()) || ownRest;
      if (value) put(label, value);
    } else {
      // strong(label) + "：value" as a text node of the parent.
      const parentText = cleanText($(el).parent().text());
      const own = cleanText(short);
      const rest = parentText.slice(parentText.indexOf(own) + own.length);
      const value = cutAtNextLabel(rest.replace(/^\s*[:：]\s*/, ''), labels);
      if (value) put(label, value);
    }
  }

  // "索引号：xxx 发布机构：yyy" written in one text block.
  const pattern = patternsFor(labels).all;
  for (const el of elements) {
    if (!FIELD_BLOCK_TAGS.has(el.tagName.toLowerCase())) continue;
    if (el.children.some((c) => c.type === 'tag' && NESTED_BLOCK_TAGS.has((c as Element).tagName.toLowerCase()))) continue;
    const raw = shortTextOf(el, 400);
    if (raw === null || (!raw.includes('：') && !raw.includes(':'))) continue; // no "label：value" in it
    const text = cleanText(raw);
    if (text.length > 400) continue;
    pattern.lastIndex = 0;
    const hits = [...text.matchAll(pattern)];
    hits.forEach((m, i) => {
      const start = (m.index ?? 0) + m[0].length;
      const end = i + 1 < hits.length ? (hits[i + 1].index ?? text.length) : text.length;
      put(normaliseFieldLabel(m[1]), text.slice(start, end));
    });
  }
  return fields;
}

/** A label regex that tolerates spaces between its characters (索 引 号). */
function spacedLabel(label: string): string {
  return [...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\u00a0\\u3000]*');
}

function cutAtNextLabel(text: string, labels: string[]): string {
  let end = text.length;
  for (const re of patternsFor(labels).each) {
    const m = re.exec(text);
    if (m && m.index > 0 && m.index < end) end = m.index;
  }
  return text.slice(0, end).trim();
}

const dateLabelPatterns = DATE_LABELS.map(
  (label) => new RegExp(`${spacedLabel(label)}\\s*[:：]\\s*([^\\s]{6,12}(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?)`),
);

function dateFromLabels($: CheerioAPI, fields: Record<string, string>): string | null {
  for (const label of ['发布日期', '发布时间', '公开日期', '发文日期']) {
    const d = fields[label] ? parseDate(fields[label]) : null;
    if (d) return d.date;
  }
  const text = cleanText(bodyText($));
  for (const re of dateLabelPatterns) {
    const m = re.exec(text);
    const d = m ? parseDate(m[1]) : null;
    if (d) return d.date;
  }
  return null;
}

function looksLikeList($: CheerioAPI): boolean {
  const dated = $('li, tr')
    .toArray()
    .filter(
      (el) => $(el).find('a[href]').length > 0 && /(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}|(?<!\d)\d{2}-\d{2}(?!\d)/.test($(el).text()),
    );
  return dated.length >= 5;
}
