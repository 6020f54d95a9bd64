import type { ColumnObservation, DetailObservation, ListItem, PageTextObservation } from '../store/index.ts';
import type { UnitCrawlContext } from './unit-context.ts';
import { finishListRows } from './list-extract.ts';
import type { DetailExtraction } from './detail-extract.ts';
import type { ExtractedLink } from './links-extract.ts';
import type { AnalysisPart, PageAnalysis } from './page-analysis.ts';
import type { PageText } from './page-text.ts';
import type { LoadedPage, PageRequest } from './page-source.ts';
import type { StoredRendering } from './page-analyser.ts';

export interface ColumnTarget {
  key: string;
  label: string | null;
  url: string;
  source: 'override' | 'discovered';
}

export interface ColumnCrawlResult {
  observation: ColumnObservation;
  pages: PageLinks[]; // pages read, with their links (checked once per unit)
  details: DetailObservation[];
  pageText?: PageTextObservation; // the column page's own text when it is not kept as a detail (content safety)
}

export interface PageLinks {
  url: string;
  links: ExtractedLink[];
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

/** Reads a column's list pages (following pagination until rows leave the window), rendering script-built lists. */
export async function crawlColumn(ctx: UnitCrawlContext, target: ColumnTarget): Promise<ColumnCrawlResult> {
  const crawl = ctx.run.config.crawl;
  const base = {
    runId: ctx.run.runId,
    unitId: ctx.unit.id,
    columnKey: target.key,
    label: target.label,
    url: target.url,
    source: target.source,
    observedAt: new Date().toISOString(),
  } as const;
  const isArticleColumn = crawl.articleColumns.includes(target.key);
  // 'text': the page's own text, for the content-safety checks (static and list pages too)
  const firstParts: AnalysisPart[] = isArticleColumn ? ['list', 'links', 'detail', 'text'] : ['list', 'links', 'text'];
  const first = await ctx.io.source.load({ url: target.url, role: 'list', unitId: ctx.unit.id, columnKey: target.key });
  let analysis = first.page.ok ? await ctx.run.analyser.analyse(first, first.page.finalUrl, firstParts) : null;
  if (!analysis) {
    return {
      observation: {
        ...base,
        status: 'unreachable',
        pagesRead: 0,
        totalPagesSeen: null,
        items: [],
        placeholder: null,
        rendered: false,
        contentHash: null,
        note:
          first.page.errorClass === 'unparsable' && first.page.errorMessage
            ? first.page.errorMessage
            : `栏目页无法访问：${first.page.errorClass ?? ''} ${first.page.status ?? ''}`.trim(),
      },
      pages: [],
      details: [],
    };
  }
  let extraction = finishListRows(analysis.list!, ctx.run.asOf);
  let rendered = false;
  let note: string | null = null;
  if ((extraction.rows.length === 0 && extraction.scriptBuiltRows) || wantsRender(ctx, target.key)) {
    const req = { url: target.url, role: 'list', unitId: ctx.unit.id, columnKey: target.key } as const;
    const staticHash = first.page.rendered ? null : first.page.contentHash;
    const earlier = staticHash ? await unchangedRendering(ctx, req, staticHash, firstParts) : null;
    const renderer = earlier ? null : await ctx.run.renderer();
    let out = renderer?.available ? await renderer.render(target.url, { screenshot: false }).catch((e: Error) => e) : null;
    let renderedAnalysis: PageAnalysis | null = null;
    if (!earlier && out && !(out instanceof Error)) {
      const row = ctx.io.source.recordRendered(req, out.html, out.screenshot);
      renderedAnalysis = await ctx.run.analyser.analyseHtml(out.html, first.page.finalUrl, firstParts);
      if (renderedAnalysis && out.dataRequests === 0 && staticHash && row.contentHash)
        await rememberRendering(ctx, req, staticHash, row.contentHash, renderedAnalysis, out.scripts);
      if (!renderedAnalysis) out = new Error(`渲染后的页面无法解析（${target.url}）`);
    }
    if (earlier) {
      ctx.io.source.recordReusedRendering(req, earlier.renderedHash);
      analysis = earlier.analysis;
      extraction = finishListRows(analysis.list!, ctx.run.asOf);
      rendered = true;
    } else if (renderedAnalysis) {
      analysis = renderedAnalysis;
      extraction = finishListRows(analysis.list!, ctx.run.asOf);
      rendered = true;
    } else if (extraction.rows.length === 0) {
      ctx.tally.unrendered.push(target.url);
      const why = out instanceof Error ? `浏览器渲染失败：${out.message}` : `未安装浏览器，无法读取：${renderer?.reason ?? ''}`;
      return {
        observation: {
          ...base,
          status: 'unrendered',
          pagesRead: 1,
          totalPagesSeen: extraction.pagination.totalPages,
          items: [],
          placeholder: null,
          rendered: false,
          contentHash: first.page.contentHash,
          note: `列表由脚本生成，${why}`,
        },
        pages: [{ url: first.page.finalUrl, links: analysis.links! }],
        details: [],
      };
    }
  }

  const pages: PageLinks[] = [{ url: first.page.finalUrl, links: analysis.links! }];
  const items = new Map<string, ListItem>();
  for (const row of extraction.rows) if (!items.has(row.url)) items.set(row.url, row);
  const visited = new Set([target.url, first.page.finalUrl]);
  let pagination = extraction.pagination;
  const queue = [...pagination.pageUrls];
  if (pagination.nextUrl) queue.push(pagination.nextUrl);
  let pagesRead = 1;
  const windowStart = ctx.run.window.start;
  let rowsLeftWindow = extraction.rows.some((r) => !r.pinned && r.date !== null && r.date < windowStart);
  while (queue.length > 0 && pagesRead < crawl.maxListPages && !rowsLeftWindow) {
    const next = queue.shift()!;
    if (visited.has(next)) continue;
    visited.add(next);
    // new items enter a list on its first page: when that is unchanged, the later pages are on the slow cycle
    const revalidateAfterDays = first.page.notModified && !rendered ? crawl.revalidateLaterListPagesDays : undefined;
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

  const rows = [...items.values()];
  const details: DetailObservation[] = [];
  let status: ColumnObservation['status'] = rows.length > 0 ? 'ok' : 'blank';
  if (isArticleColumn) {
    const self = analysis.detail!;
    const datedRows = rows.filter((r) => r.date !== null);
    if (self.isArticle || datedRows.length === 0) {
      details.push(detailFrom(ctx, target.key, first.page.finalUrl, self, first.page.contentHash, first.page.fetchedAt));
      status = self.text.replace(/\s+/g, '').length >= 20 ? 'ok' : 'blank';
    }
  }
  if (crawl.detailColumns.includes(target.key) && details.length === 0) {
    const inWindow = rows
      .filter((r) => r.date === null || r.date >= windowStart)
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
  }
  return {
    observation: {
      ...base,
      status,
      pagesRead,
      totalPagesSeen: pagination.totalPages ?? extraction.pagination.totalPages,
      items: rows,
      placeholder: rows.length === 0 ? extraction.placeholder : null,
      rendered,
      contentHash: first.page.contentHash,
      note,
    },
    pages,
    details,
    ...pageTextOf(ctx, target.key, first.page, analysis.text, details),
  };
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
