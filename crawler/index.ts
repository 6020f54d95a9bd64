// Public API of crawler/: other folders import only from here.
// Network layer: fetching, decoding, error classes, scope, robots, link checks, browser rendering.
export { classifyError, classifyStatus, errorClassLabel, CrawlError } from './errors.ts';
export type { ClassifiedError } from './errors.ts';
export { createScopeGuard, createScopeGuardFromHosts, isPrivateAddress } from './scope.ts';
export type { ScopeGuard, ScopeDecision } from './scope.ts';
export { createFetcher, DEFAULT_USER_AGENT } from './fetch.ts';
export type { Fetcher, FetcherOptions, FetchOptions, FetchResult, FetchStats, HostStats, LinkCheckResult } from './fetch.ts';
export { decodeHtml, normalizeCharset } from './decode.ts';
export type { DecodedHtml, DecodeMethod } from './decode.ts';
export { parseRobots } from './robots.ts';
export type { RobotsRules } from './robots.ts';
export { runInspection, observedColumnKeys, configHash, type InspectionOptions, type InspectionResult, type ProgressSink } from './run.ts';
export { captureScreenshots } from './evidence.ts';
export { HEAP_SNAPSHOT_CHANNEL } from './heap-snapshot-request.ts';
export { createRenderer, CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH } from './browser.ts';
export type { Renderer, RendererOptions, RenderOptions } from './browser.ts';
// Extraction layer (pure: strings in, data out).
export { parseDate, parseMonthDay, inferYearlessDates, dateFromUrl, parseInstant, toShanghaiIso, shanghaiDateOf } from './dates.ts';
export type { ParsedDate, DateContext, DatedRowInput } from './dates.ts';
export { extractListRows } from './list-extract.ts';
export type { ListExtraction } from './list-extract.ts';
export { detectPagination } from './pagination.ts';
export type { PaginationInfo, PaginationKind } from './pagination.ts';
export { discoverColumns, discoverSubColumns, loadColumnSynonyms, KEY_FIELDS_HUB } from './discover.ts';
export type { DiscoveredColumn, ColumnSynonyms, ColumnSynonymEntry } from './discover.ts';
export { discoverNavColumns, columnKindOf, pageSubColumns } from './nav-columns.ts';
export { extractDetail } from './detail-extract.ts';
export type { DetailExtraction } from './detail-extract.ts';
export { extractLinks, isAttachmentUrl } from './links-extract.ts';
export { resolveHref } from './extract-html.ts';
export type { ExtractedLink } from './links-extract.ts';
export { parseFeed, parsePostsCsv } from './feeds.ts';
export type { FeedParseResult, FeedFormat, PostCsvRow } from './feeds.ts';
export { fingerprintCms } from './cms.ts';
export type { CmsKind } from './cms.ts';
export { readSiteFacts } from './site-home.ts';
export { probeHome, fetchWithin, type ProbeOptions, type ProbeOutcome } from './site-probe.ts';
