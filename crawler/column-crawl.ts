import type { ColumnObservation, DetailObservation, ListItem, PageTextObservation } from '../store/index.ts';
import type { PageLinks, UnitCrawlContext } from './unit-context.ts';
import { finishListRows } from './list-extract.ts';
import { subColumnCount } from './nav-columns.ts';
import type { DetailExtraction } from './detail-extract.ts';
import type { AnalysisPart, PageAnalysis } from './page-analysis.ts';
import type { PageText } from './page-text.ts';
import type { LoadedPage, PageRequest } from './page-source.ts';
import type { StoredRendering } from './page-analyser.ts';

export interface ColumnTarget {
  key: string;
  label: string | null;
  url: string;
  source: 'override' | 'discovered';
  /** A column of the unit's navigation beyond the fixed keys (nav:<label>): its kind by its label, and the addresses
   * of the unit's other columns (a menu on its page holding them is the unit's navigation, not its sub-columns). */
  nav?: { kind: string | null; word: string | null; siblings: readonly string[] };
}

export interface ColumnCrawlResult {
  observation: ColumnObservation;
  pages: PageLinks[]; // pages read, with their links (checked once per unit)
  details: DetailObservation[];
  pageText?: PageTextObservation; // the column page's own text when it is not kept as a detail (content safety)
}

function wantsRender(ctx: UnitCrawlContext, key: string): boolean {
  const r = ctx.unit.render;
  return r === true || (Array.isArray(r) && r.includes(key));
}

function detailFrom(
  ctx: UnitCrawlContext,
  key: string,
  url: string,
  d: DetailExtraction,
  contentHash: string | null,
  fetchedAt: string,
): DetailObservation {
  return {
    runId: ctx.run.runId,
    unitId: ctx.unit.id,
    columnKey: key,
    url,
    title: d.title,
    publishedAt: d.publishedAt,
    text: d.text.slice(0, ctx.run.maxDetailTextChars),
    fields: d.fields,
    links: d.links.slice(0, 200),
    tables: d.tables,
    contentHash,
    fetchedAt,
  };
}

/** The script files a rendered page ran, through the HTTP cache (a script shared by many pages is asked once per run). */
function loadScripts(ctx: UnitCrawlContext, req: PageRequest, urls: string[]): Promise<LoadedPage[]> {
  return Promise.all(urls.map((url) => ctx.io.source.load({ ...req, url, role: 'script' })));
}

/** A rendering of the page kept from an earlier run, when the page and every script it ran are unchanged. */
async function unchangedRendering(
  ctx: UnitCrawlContext,
  req: PageRequest,
  staticHash: string,
  parts: AnalysisPart[],
): Promise<StoredRendering | null> {
  const earlier = ctx.run.analyser.reusableRendering(req.url, staticHash, parts);
  if (!earlier) return null;
  const now = await loadScripts(
    ctx,
    req,
    earlier.scripts.map((s) => s.url),
  );
  if (!now.every((l, i) => l.page.ok && l.page.contentHash === earlier.scripts[i].contentHash)) return null;
  ctx.run.analyser.stats.rendersReused++;
  return earlier;
}

/** Keeps a rendering that needed no data requests, with the script files it ran, for the next run. */
async function rememberRendering(
  ctx: UnitCrawlContext,
  req: PageRequest,
  staticHash: string,
  renderedHash: string,
  analysis: PageAnalysis,
  scripts: string[],
): Promise<void> {
  const loaded = await loadScripts(ctx, req, scripts);
  if (loaded.some((l) => !l.page.ok || !l.page.contentHash)) return;
  ctx.run.analyser.rememberRendering(req.url, staticHash, {
    renderedHash,
    analysis,
    scripts: loaded.map((l, i) => ({ url: scripts[i], contentHash: l.page.contentHash! })),
  });
}

type ListExtraction = ReturnType<typeof finishListRows>;

/** What a list page shows: its analysis and rows, from the static page or from a rendering. */
interface ListView {
  analysis: PageAnalysis;
  extraction: ListExtraction;
  rendered: boolean;
}

function columnBase(ctx: UnitCrawlContext, target: ColumnTarget) {
  return {
    runId: ctx.run.runId,
    unitId: ctx.unit.id,
    columnKey: target.key,
    label: target.label,
    url: target.url,
    source: target.source,
    observedAt: new Date().toISOString(),
  } as const;
}

/** Reads a column's list pages (following pagination until rows leave the window), rendering script-built lists. */
export async function crawlColumn(ctx: UnitCrawlContext, target: ColumnTarget): Promise<ColumnCrawlResult> {
  const base = columnBase(ctx, target);
  // a place a 标准目录 links to may be a single page (机构职能, 办事指南) as often as a list
  // so is a column of the unit's navigation (机构简介, 联系我们 are pages, 人事信息 a list; its menus tell sub-columns)
  const isArticleColumn =
    ctx.run.config.crawl.articleColumns.includes(target.key) || target.key.startsWith('catalog:') || target.nav !== undefined;
  // 'text': the page's own text, for the content-safety checks (static and list pages too)
  const firstParts: AnalysisPart[] = isArticleColumn ? ['list', 'links', 'detail', 'text'] : ['list', 'links', 'text'];
  if (target.nav) firstParts.push('menus');
  const first = await ctx.io.source.load({ url: target.url, role: 'list', unitId: ctx.unit.id, columnKey: target.key });
  const analysis = first.page.ok ? await ctx.run.analyser.analyse(first, first.page.finalUrl, firstParts) : null;
  if (!analysis) return { observation: { ...unreachableColumn(base, first), ...navOf(target, 0) }, pages: [], details: [] };
  const staticView: ListView = { analysis, extraction: finishListRows(analysis.list!, ctx.run.asOf), rendered: false };
  let view = staticView;
  if ((staticView.extraction.rows.length === 0 && staticView.extraction.scriptBuiltRows) || wantsRender(ctx, target.key)) {
    const outcome = await renderedView(ctx, target, first, firstParts, staticView);
    if ('failed' in outcome) {
      return {
        observation: {
          ...base,
          status: 'unrendered',
          pagesRead: 1,
          totalPagesSeen: staticView.extraction.pagination.totalPages,
          items: [],
          placeholder: null,
          rendered: false,
          contentHash: first.page.contentHash,
          note: `列表由脚本生成，${outcome.failed}`,
          ...navOf(target, 0),
        },
        pages: [{ url: first.page.finalUrl, links: staticView.analysis.links! }],
        details: [],
      };
    }
    view = outcome;
  }
  const pages: PageLinks[] = [{ url: first.page.finalUrl, links: view.analysis.links! }];
  const listed = await readListPages(ctx, target, first, view, pages);
  const rows = [...listed.items.values()];
  const { details, status, article } = await readColumnDetails(ctx, target, first, view, rows, pages);
  const items = article ? [article] : rows;
  // entries that only a script opens are there but unreadable: the column is not blank
  const opened = items.length === 0 && status === 'blank' ? view.extraction.scriptOpenedRows : 0;
  return {
    observation: {
      ...base,
      status: opened > 0 ? 'unrendered' : status,
      pagesRead: listed.pagesRead,
      totalPagesSeen: listed.pagination.totalPages ?? view.extraction.pagination.totalPages,
      items,
      placeholder: items.length === 0 ? view.extraction.placeholder : null,
      rendered: view.rendered,
      contentHash: first.page.contentHash,
      note: opened > 0 ? `列表有 ${opened} 个条目通过脚本（onclick）打开，没有可读取的链接和日期` : listed.note,
      ...navOf(target, target.nav ? subColumnsOf(first.page.finalUrl, view.analysis, rows, target.nav.siblings) : 0),
    },
    pages,
    details,
    ...pageTextOf(ctx, target.key, first.page, view.analysis.text, details),
  };
}

function navOf(target: ColumnTarget, subColumns: number): Pick<ColumnObservation, 'nav'> {
  return target.nav ? { nav: { kind: target.nav.kind, word: target.nav.word, subColumns } } : {};
}

function subColumnsOf(url: string, analysis: PageAnalysis, rows: ListItem[], siblings: readonly string[]): number {
  return subColumnCount({ url, links: analysis.links ?? [], menus: analysis.menus ?? [] }, rows, siblings);
}

type ReadFields = 'pagesRead' | 'totalPagesSeen' | 'items' | 'placeholder' | 'rendered' | 'contentHash';

/** The fields of a column observation for which no page was read (a fresh items array each time). */
export function nothingRead(): Pick<ColumnObservation, ReadFields> {
  return { pagesRead: 0, totalPagesSeen: null, items: [], placeholder: null, rendered: false, contentHash: null };
}

function unreachableColumn(base: ReturnType<typeof columnBase>, first: LoadedPage): ColumnObservation {
  return {
    ...base,
    status: 'unreachable',
    ...nothingRead(),
    note:
      first.page.errorClass === 'unparsable' && first.page.errorMessage
        ? first.page.errorMessage
        : `栏目页无法访问：${first.page.errorClass ?? ''} ${first.page.status ?? ''}`.trim(),
  };
}

/**
 * The list as a browser shows it: an unchanged earlier rendering, or a new one. When neither is to be had and the
 * static page has no rows, the reason it could not be read; with rows, the static view stands.
 */
async function renderedView(
  ctx: UnitCrawlContext,
  target: ColumnTarget,
  first: LoadedPage,
  parts: AnalysisPart[],
  staticView: ListView,
): Promise<ListView | { failed: string }> {
  const req = { url: target.url, role: 'list', unitId: ctx.unit.id, columnKey: target.key } as const;
  const staticHash = first.page.rendered ? null : first.page.contentHash;
  const earlier = staticHash ? await unchangedRendering(ctx, req, staticHash, parts) : null;
  const renderer = earlier ? null : await ctx.run.renderer();
  let out = renderer?.available ? await renderer.render(target.url, { screenshot: false }).catch((e: Error) => e) : null;
  let renderedAnalysis: PageAnalysis | null = null;
  if (!earlier && out && !(out instanceof Error)) {
    const row = ctx.io.source.recordRendered(req, out.html, out.screenshot);
    renderedAnalysis = await ctx.run.analyser.analyseHtml(out.html, first.page.finalUrl, parts);
    if (renderedAnalysis && out.dataRequests === 0 && staticHash && row.contentHash)
      await rememberRendering(ctx, req, staticHash, row.contentHash, renderedAnalysis, out.scripts);
    if (!renderedAnalysis) out = new Error(`渲染后的页面无法解析（${target.url}）`);
  }
  if (earlier) {
    ctx.io.source.recordReusedRendering(req, earlier.renderedHash);
    return { analysis: earlier.analysis, extraction: finishListRows(earlier.analysis.list!, ctx.run.asOf), rendered: true };
  }
  if (renderedAnalysis) {
    return { analysis: renderedAnalysis, extraction: finishListRows(renderedAnalysis.list!, ctx.run.asOf), rendered: true };
  }
  if (staticView.extraction.rows.length > 0) return staticView;
  ctx.tally.unrendered.push(target.url);
  return { failed: out instanceof Error ? `浏览器渲染失败：${out.message}` : `未安装浏览器，无法读取：${renderer?.reason ?? ''}` };
}

/** Follows the list's pagination until rows leave the window or the page limit is reached; adds each page read to pages. */
async function readListPages(ctx: UnitCrawlContext, target: ColumnTarget, first: LoadedPage, view: ListView, pages: PageLinks[]) {
  const crawl = ctx.run.config.crawl;
  const { extraction } = view;
  const items = new Map<string, ListItem>();
  for (const row of extraction.rows) if (!items.has(row.url)) items.set(row.url, row);
  const visited = new Set([target.url, first.page.finalUrl]);
  let pagination = extraction.pagination;
  let note: string | null = null;
  const queue = [...pagination.pageUrls];
  if (pagination.nextUrl) queue.push(pagination.nextUrl);
  let pagesRead = 1;
  const windowStart = ctx.run.window.start;
  let rowsLeftWindow = extraction.rows.some((r) => !r.pinned && r.date !== null && r.date < windowStart);
  // a navigation column is judged by its first page (its newest rows; an oldest-first list left unread is told apart)
  const maxPages = target.nav ? 1 : crawl.maxListPages;
  while (queue.length > 0 && pagesRead < maxPages && !rowsLeftWindow) {
    const next = queue.shift()!;
    if (visited.has(next)) continue;
    visited.add(next);
    // new items enter a list on its first page: when that is unchanged, the later pages are on the slow cycle
    const revalidateAfterDays = first.page.notModified && !view.rendered ? crawl.revalidateLaterListPagesDays : undefined;
    const loaded = await ctx.io.source.load({ url: next, role: 'list', unitId: ctx.unit.id, columnKey: target.key, revalidateAfterDays });
    const a = loaded.page.ok ? await ctx.run.analyser.analyse(loaded, loaded.page.finalUrl, ['list', 'links']) : null;
    if (!a) {
      note = `翻页 ${next} 读取失败（${loaded.page.errorClass ?? loaded.page.status}）`;
      break;
    }
    pagesRead++;
    pages.push({ url: loaded.page.finalUrl, links: a.links! });
    const ex = finishListRows(a.list!, ctx.run.asOf);
    for (const row of ex.rows) if (!items.has(row.url)) items.set(row.url, row);
    rowsLeftWindow = ex.rows.some((r) => !r.pinned && r.date !== null && r.date < windowStart);
    pagination = ex.pagination;
    for (const u of [...ex.pagination.pageUrls, ...(ex.pagination.nextUrl ? [ex.pagination.nextUrl] : [])])
      if (!visited.has(u)) queue.push(u);
  }
  return { items, pagesRead, pagination, note };
}

/** An article column's own text, or the newest detail pages in the window; adds each page read to pages. */
async function readColumnDetails(
  ctx: UnitCrawlContext,
  target: ColumnTarget,
  first: LoadedPage,
  view: ListView,
  rows: ListItem[],
  pages: PageLinks[],
): Promise<{ details: DetailObservation[]; status: ColumnObservation['status']; article?: ListItem }> {
  const crawl = ctx.run.config.crawl;
  const isArticleColumn = crawl.articleColumns.includes(target.key);
  const details: DetailObservation[] = [];
  let status: ColumnObservation['status'] = rows.length > 0 ? 'ok' : 'blank';
  let article: ListItem | undefined;
  if (isArticleColumn) {
    const self = view.analysis.detail!;
    const datedRows = rows.filter((r) => r.date !== null);
    if (self.isArticle || datedRows.length === 0) {
      details.push(detailFrom(ctx, target.key, first.page.finalUrl, self, first.page.contentHash, first.page.fetchedAt));
      status = self.text.replace(/\s+/g, '').length >= 20 ? 'ok' : 'blank';
    }
  }
  // (a 标准目录 place is judged by catalog.item-missing as a page, not by an article's date)
  if (rows.length === 0 && !isArticleColumn && !target.key.startsWith('catalog:')) {
    // a column without rows may be a single page with its text (机构简介, or 预决算公开 linking straight to this year's
    // 预算公开 article): not blank. Navigation columns were analysed for it; fixed-key columns are, now that it matters.
    const self = view.analysis.detail ?? (await ctx.run.analyser.analyse(first, first.page.finalUrl, ['detail']))?.detail;
    if (self?.isArticle && self.text.replace(/\s+/g, '').length >= 20) {
      details.push(detailFrom(ctx, target.key, first.page.finalUrl, self, first.page.contentHash, first.page.fetchedAt));
      status = 'ok';
      article = articleAsItem(self, first.page.finalUrl);
    }
  }
  if (!crawl.detailColumns.includes(target.key) || details.length > 0) return { details, status, ...(article ? { article } : {}) };
  const inWindow = rows
    .filter((r) => r.date === null || r.date >= ctx.run.window.start)
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
    .slice(0, isArticleColumn ? 3 : crawl.maxDetailPagesPerColumn);
  // requested together (the host queue keeps the pace polite), kept in list order
  const read = await Promise.all(
    inWindow
      .filter((row) => ctx.run.scope.check(row.url).allowed)
      .map(async (row) => {
        const loaded = await ctx.io.source.load({
          url: row.url,
          role: 'detail',
          unitId: ctx.unit.id,
          columnKey: target.key,
          revalidateAfterDays: crawl.revalidateDetailDays,
        });
        const a = loaded.page.ok ? await ctx.run.analyser.analyse(loaded, loaded.page.finalUrl, ['detail', 'links']) : null;
        return a ? { row, loaded, a } : null;
      }),
  );
  for (const r of read) {
    if (!r) continue;
    pages.push({ url: r.loaded.page.finalUrl, links: r.a.links! });
    details.push(detailFrom(ctx, target.key, r.row.url, r.a.detail!, r.loaded.page.contentHash, r.loaded.page.fetchedAt));
  }
  return { details, status };
}

/**
 * A navigation column that links straight to an article (a title and a publish date, no rows) has that article as
 * its one item, so that its age can be judged; the date's source says whether the page showed it (发布日期：…) or
 * only its <meta> tag carried it. An article without a date gives no item: nothing to judge its age by.
 */
function articleAsItem(d: DetailExtraction, url: string): ListItem | undefined {
  if (!d.title || !d.publishedAt) return undefined;
  return { title: d.title, url, date: d.publishedAt, dateSource: d.publishedFrom === 'label' ? 'detail' : 'meta', pinned: false };
}

/** The column page's text, unless it is already kept as a detail. */
function pageTextOf(
  ctx: UnitCrawlContext,
  key: string,
  page: { finalUrl: string; contentHash: string | null; fetchedAt: string },
  t: PageText | undefined,
  details: DetailObservation[],
): { pageText?: PageTextObservation } {
  if (!t || details.some((x) => x.url === page.finalUrl)) return {};
  return { pageText: pageTextFrom(ctx, 'list', key, page, t) };
}

export function pageTextFrom(
  ctx: UnitCrawlContext,
  role: PageTextObservation['role'],
  key: string | null,
  page: { finalUrl: string; contentHash: string | null; fetchedAt: string },
  t: PageText,
): PageTextObservation {
  return {
    runId: ctx.run.runId,
    unitId: ctx.unit.id,
    role,
    columnKey: key,
    url: page.finalUrl,
    title: t.title,
    text: t.text,
    tables: t.tables,
    contentHash: page.contentHash,
    fetchedAt: page.fetchedAt,
  };
}
