// The articles a unit published lately, in every column it was observed in (工作动态, 通知公告, nav:<label> …, not
// only crawl.detailColumns): their title and body (not the navigation around them) are kept as page texts for the
// content-safety checks, their body links go to the attachment reading and all their links to the link check.
// Fetched through the page source, so an article read within crawl.revalidateDetailDays is not asked again and an
// unchanged one is not parsed again.
import type { ColumnObservation, ListItem, PageTextObservation } from '../store/index.ts';
import type { CrawlSettings } from '../config/index.ts';
import type { PageLinks, UnitCrawlContext } from './unit-context.ts';
import { attachmentFormat } from './attachment-extract.ts';
import type { AnalysisPart } from './page-analysis.ts';

interface ArticleCandidate {
  columnKey: string | null;
  row: ListItem;
}

interface ArticleTexts {
  texts: PageTextObservation[];
  pages: PageLinks[]; // each article's body links, for the attachment reading
  linkPages: PageLinks[]; // each article read with all its links, for the link check
}

/** The first day of the reading: `days` before the window's end, not before its start. */
export function articleWindowStart(window: { start: string; end: string }, days: number): string {
  const since = new Date(Date.parse(`${window.end}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return since > window.start ? since : window.start;
}

/**
 * Rows to open: dated within [since, until], not read already, not a file (the attachment reading has those), in
 * scope; newest first per column, at most maxPerColumn each; then taken column by column in turn up to maxPerUnit,
 * so that one busy column does not crowd out the others. A row listed in two columns is opened once.
 */
export function articleCandidates(
  columns: ColumnObservation[],
  opts: { since: string; until: string; read: Set<string>; inScope: (url: string) => boolean },
  caps: Pick<CrawlSettings['contentArticles'], 'maxPerColumn' | 'maxPerUnit'>,
): ArticleCandidate[] {
  const taken = new Set(opts.read);
  const perColumn: ArticleCandidate[][] = [];
  for (const c of columns) {
    const rows = c.items
      .filter((r) => r.date !== null && r.date >= opts.since && r.date <= opts.until)
      .filter((r) => !taken.has(r.url) && attachmentFormat(r.url) === null && opts.inScope(r.url))
      .sort((a, b) => b.date!.localeCompare(a.date!))
      .slice(0, caps.maxPerColumn);
    for (const r of rows) taken.add(r.url);
    if (rows.length) perColumn.push(rows.map((row) => ({ columnKey: c.columnKey, row })));
  }
  const out: ArticleCandidate[] = [];
  for (let i = 0; out.length < caps.maxPerUnit && perColumn.some((rows) => i < rows.length); i++) {
    for (const rows of perColumn) if (i < rows.length && out.length < caps.maxPerUnit) out.push(rows[i]);
  }
  return out;
}

/**
 * Pages of the unit's open content findings not read otherwise in this run (past the window, over a cap): read again
 * so that a corrected one is seen corrected. A page this run fetched already (home, column page) is not asked twice.
 */
function revisits(ctx: UnitCrawlContext, read: Set<string>, recent: ArticleCandidate[]): ArticleCandidate[] {
  const taken = new Set([...read, ...recent.map((c) => c.row.url)]);
  return (ctx.run.revisit?.get(ctx.unit.id) ?? [])
    .filter((p) => !taken.has(p.url) && ctx.io.source.fetchedOutcome(p.url) === undefined && ctx.run.scope.check(p.url).allowed)
    .map((p) => ({
      columnKey: p.columnKey,
      row: { title: '', url: p.url, date: null, dateSource: null, pinned: false },
    }));
}

function revisitedFiles(ctx: UnitCrawlContext): PageLinks[] {
  return (ctx.run.revisit?.get(ctx.unit.id) ?? [])
    .filter((p) => p.attachments.length > 0)
    .map((p) => ({ url: p.url, links: p.attachments.map((a) => ({ url: a.url, text: a.name })) }));
}

/**
 * Starts opening the candidates side by side (the host queue keeps the pace polite); `urls` are the pages asked for,
 * known at once (the link check waits for them instead of asking again), `done` the results in candidate order.
 */
export function startArticleReading(
  ctx: UnitCrawlContext,
  columns: ColumnObservation[],
  read: Set<string>,
): { urls: Set<string>; done: Promise<ArticleTexts> } {
  const candidates = ctx.run.config.crawl.contentArticles.enabled ? articleCandidatesOf(ctx, columns, read) : [];
  return { urls: new Set(candidates.map((c) => c.row.url)), done: readArticles(ctx, candidates) };
}

function articleCandidatesOf(ctx: UnitCrawlContext, columns: ColumnObservation[], read: Set<string>): ArticleCandidate[] {
  const settings = ctx.run.config.crawl.contentArticles;
  const recent = articleCandidates(
    columns,
    {
      since: articleWindowStart(ctx.run.window, settings.days),
      until: ctx.run.window.end,
      read,
      inScope: (u) => ctx.run.scope.check(u).allowed,
    },
    settings,
  );
  return [...recent, ...revisits(ctx, read, recent)];
}

async function readArticles(ctx: UnitCrawlContext, candidates: ArticleCandidate[]): Promise<ArticleTexts> {
  const crawl = ctx.run.config.crawl;
  // a page read is part of the site's availability: its links (navigation, body, files) go to the link check
  const parts: AnalysisPart[] = crawl.checkLinks ? ['detail', 'links'] : ['detail'];
  const opened = await Promise.all(
    candidates.map(async ({ columnKey, row }) => {
      const loaded = await ctx.io.source.load({
        url: row.url,
        role: 'detail',
        unitId: ctx.unit.id,
        columnKey,
        revalidateAfterDays: crawl.revalidateDetailDays,
      });
      const a = loaded.page.ok ? await ctx.run.analyser.analyse(loaded, loaded.page.finalUrl, parts) : null;
      return a?.detail ? { columnKey, row, page: loaded.page, d: a.detail, links: a.links ?? [] } : null;
    }),
  );
  // files of open findings are asked for directly: one removed from the server is seen removed
  const out: ArticleTexts = { texts: [], pages: revisitedFiles(ctx), linkPages: [] };
  for (const o of opened) {
    if (!o) continue;
    out.pages.push({ url: o.row.url, links: o.d.links });
    out.linkPages.push({ url: o.page.finalUrl, links: o.links });
    out.texts.push({
      runId: ctx.run.runId,
      unitId: ctx.unit.id,
      role: 'article',
      columnKey: o.columnKey,
      url: o.row.url,
      title: o.d.title || o.row.title,
      text: o.d.text.slice(0, ctx.run.maxDetailTextChars),
      tables: o.d.tables,
      contentHash: o.page.contentHash,
      fetchedAt: o.page.fetchedAt,
      publishedAt: o.d.publishedAt ?? o.row.date,
    });
  }
  return out;
}
