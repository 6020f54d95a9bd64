import type {
  AttachmentObservation,
  ColumnObservation,
  DetailObservation,
  FeedObservation,
  LinkObservation,
  PageTextObservation,
} from '../store/index.ts';
import type { PageLinks, UnitCrawlContext } from './unit-context.ts';
import { crawlColumn, nothingRead, pageTextFrom, type ColumnTarget } from './column-crawl.ts';
import { finishListRows } from './list-extract.ts';
import { crawlFeeds } from './feeds-crawl.ts';
import { crawlCatalogPlaces } from './catalog-places.ts';
import { columnKindOf, NAV_PREFIX, type NavColumn } from './nav-columns.ts';
import { normaliseLabel } from './extract-html.ts';
import { startArticleReading } from './article-texts.ts';
import { attachmentFormat } from './attachment-extract.ts';
import { createUnitLinkCheck } from './unit-links.ts';

interface UnitCrawlResult {
  homeOk: boolean;
  columns: ColumnObservation[];
  details: DetailObservation[];
  links: LinkObservation[];
  feeds: FeedObservation[];
  /** Why the unit could not be inspected this time (its home page could not be analysed): the checks skip it. */
  fault?: string;
  attachments?: AttachmentObservation[];
  pageTexts?: PageTextObservation[]; // the home's, the column pages' and lately published articles' text (content safety)
}

// Columns that are hubs of sub-columns (重大项目 categories, 双公示 许可/处罚, 重点领域 fields, 决策 目录/征求意见,
// 预决算 预算公开/决算公开).
const HUB_KEYS = ['majorProjects', 'shuanggongshi', 'decisions', 'keyFields', 'budget'];

function mergeTargets(found: ColumnTarget[], extra: ColumnTarget[]): ColumnTarget[] {
  const byKey = new Map(found.map((t) => [t.key, t]));
  for (const t of extra) if (!byKey.has(t.key)) byKey.set(t.key, t);
  return [...byKey.values()];
}

/** One unit: home → discovered columns (config overrides win) → lists, details → link health → feeds. */
export async function crawlUnit(ctx: UnitCrawlContext, knownKeys: string[]): Promise<UnitCrawlResult> {
  const { unit } = ctx;
  const feedsRead = crawlFeeds(ctx); // side by side with the columns
  const home = await ctx.io.source.load({ url: unit.home, role: 'home', unitId: unit.id, columnKey: null });
  const homeAnalysis = home.page.ok ? await ctx.run.analyser.analyse(home, home.page.finalUrl, ['columns', 'nav', 'links', 'text']) : null;
  if (!homeAnalysis) {
    const fault =
      home.page.errorClass === 'unparsable' ? `首页无法解析，本次未能检查该单位：${home.page.errorMessage ?? unit.home}` : undefined;
    return { homeOk: false, columns: [], details: [], links: [], feeds: await feedsRead, ...(fault ? { fault } : {}) };
  }

  const overrides: ColumnTarget[] = Object.entries(unit.columns ?? {}).map(([key, url]) => ({ key, label: null, url, source: 'override' }));
  const discovered: ColumnTarget[] = homeAnalysis
    .columns!.filter((c) => ctx.run.scope.check(c.url).allowed)
    .map((c) => ({ key: c.key, label: c.label, url: c.url, source: 'discovered' }));
  const hubs = await readHubs(ctx, mergeTargets(overrides, discovered));
  const targets = [...hubs.targets, ...navTargets(ctx, homeAnalysis.nav ?? [], hubs.targets)];
  const hubPages = hubs.pages;

  const columns: ColumnObservation[] = [];
  const details: DetailObservation[] = [];
  const pageTexts: PageTextObservation[] = homeAnalysis.text ? [pageTextFrom(ctx, 'home', null, home.page, homeAnalysis.text)] : [];
  const pagesForLinks: PageLinks[] = [{ url: home.page.finalUrl, links: homeAnalysis.links! }, ...hubPages];
  // the keyFields hub is only a container: it is observed through its sub-columns
  // columns are read side by side (the host queue keeps the pace polite); results are kept in column order
  const results = await Promise.all(targets.filter((t) => t.key !== 'keyFields').map((target) => crawlColumn(ctx, target)));
  results.push(...(await crawlCatalogPlaces(ctx, results))); // where the 标准目录 says its items are
  for (const result of results) {
    columns.push(result.observation);
    details.push(...result.details);
    if (result.pageText) pageTexts.push(result.pageText);
    pagesForLinks.push(...result.pages);
  }
  columns.push(...missingColumns(ctx, knownKeys, new Set(columns.map((c) => c.columnKey))));

  // articles of every observed column not read as details, then the attachments (theirs after the other pages');
  // the link check goes alongside, waiting for these fetches where it would ask for the same address
  const articleReading = startArticleReading(ctx, columns, new Set(details.map((d) => d.url)));
  const fetched = articleReading.done.then(async (articles) => {
    const columnOfPage = new Map([...details, ...articles.texts].map((d) => [d.url, d.columnKey]));
    const attachmentPages = [...pagesForLinks, ...articles.pages];
    const attachments = ctx.run.attachments ? await ctx.run.attachments.read(ctx, attachmentPages, (u) => columnOfPage.get(u) ?? null) : [];
    return { articles, attachments };
  });
  const fetchedFirst = (url: string) => articleReading.urls.has(url) || attachmentFormat(url) !== null;
  const linkCheck = createUnitLinkCheck(ctx, fetchedFirst, fetched);
  // the articles' links join once they are read (only the targets no other page carried, up to their cap)
  const articleLinks = articleReading.done.then((a) =>
    linkCheck.add(a.linkPages, ctx.run.config.crawl.contentArticles.maxLinkChecksPerUnit),
  );
  const [, , { articles, attachments }] = await Promise.all([linkCheck.add(pagesForLinks), articleLinks, fetched]);
  pageTexts.push(...articles.texts);
  return { homeOk: true, columns, details, links: linkCheck.observations(), feeds: await feedsRead, attachments, pageTexts };
}

/** Hub columns' sub-columns join the targets (config overrides and earlier targets win); the hub pages are kept for the link check. */
async function readHubs(ctx: UnitCrawlContext, found: ColumnTarget[]): Promise<{ targets: ColumnTarget[]; pages: PageLinks[] }> {
  let targets = found;
  const hubPages: PageLinks[] = [];
  const hubs = await Promise.all(
    targets
      .filter((t) => HUB_KEYS.includes(t.key.split(':')[0]))
      .map(async (hub) => {
        const loaded = await ctx.io.source.load({ url: hub.url, role: 'list', unitId: ctx.unit.id, columnKey: hub.key });
        const a = loaded.page.ok ? await ctx.run.analyser.analyse(loaded, loaded.page.finalUrl, ['list', 'links', `sub:${hub.key}`]) : null;
        return a ? { hub, loaded, a } : null;
      }),
  );
  for (const h of hubs) {
    if (!h) continue;
    const { hub, loaded, a } = h;
    hubPages.push({ url: loaded.page.finalUrl, links: a.links! });
    // a dated row of the hub's own list is an item (a 目录 or 征求意见 article), not a sub-column
    const itemUrls = new Set(
      finishListRows(a.list!, ctx.run.asOf)
        .rows.filter((r) => r.date !== null)
        .map((r) => r.url),
    );
    const subs = a
      .sub![hub.key].filter((c) => ctx.run.scope.check(c.url).allowed && c.url !== hub.url && !itemUrls.has(c.url))
      .map((c): ColumnTarget => ({ key: c.key, label: c.label, url: c.url, source: 'discovered' }));
    targets = mergeTargets(targets, subs);
  }
  return { targets, pages: hubPages };
}

/** The other columns of the unit's navigation (nav:<label>), in scope and not read as another column, up to the cap. */
function navTargets(ctx: UnitCrawlContext, nav: NavColumn[], known: ColumnTarget[]): ColumnTarget[] {
  const knownUrls = new Set(known.map((t) => t.url.replace(/\/((index|default)\.s?html?)?$/i, '')));
  const siblings = [...known.map((t) => t.url), ...nav.map((n) => n.url)];
  return nav
    .filter((n) => ctx.run.scope.check(n.url).allowed && !knownUrls.has(n.url.replace(/\/((index|default)\.s?html?)?$/i, '')))
    .slice(0, ctx.run.config.crawl.maxNavColumns)
    .map((n) => {
      const kind = columnKindOf(n.label);
      return {
        key: `${NAV_PREFIX}${normaliseLabel(n.label)}`,
        label: n.label,
        url: n.url,
        source: 'discovered',
        nav: { kind: kind?.kind ?? null, word: kind?.word ?? null, siblings },
      };
    });
}

/** A column the county expects that the home page's navigation does not lead to. */
function missingColumns(ctx: UnitCrawlContext, knownKeys: string[], seen: Set<string>): ColumnObservation[] {
  const columns: ColumnObservation[] = [];
  const now = new Date().toISOString();
  for (const key of knownKeys) {
    if (seen.has(key)) continue;
    columns.push({
      runId: ctx.run.runId,
      unitId: ctx.unit.id,
      columnKey: key,
      label: null,
      url: null,
      source: 'missing',
      status: 'missing',
      ...nothingRead(),
      note: '首页导航中未找到该栏目',
      observedAt: now,
    });
  }
  return columns;
}
