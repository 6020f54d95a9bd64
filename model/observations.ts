// The data model of everything the crawler observes. Checks read only these shapes.

/** Every failure is put in one class before any retry; stored per page and shown in reports. */
export type ErrorClass =
  | 'dns'
  | 'tls'
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'http_status'
  | 'too_large'
  | 'bad_encoding'
  | 'redirect_loop'
  | 'too_many_redirects'
  | 'robots_disallowed'
  | 'out_of_scope'
  | 'unsupported_scheme'
  | 'unparsable' // fetched, but its analysis failed or ran past the time limit (issue 15)
  | 'other';

export type PageRole = 'home' | 'list' | 'detail' | 'feed' | 'robots' | 'link' | 'script' | 'attachment'; // script: a file a rendered page loaded; attachment: a file read for its text

export interface PageObservation {
  runId: number;
  unitId: string | null;
  role: PageRole;
  columnKey: string | null;
  url: string;
  finalUrl: string;
  ok: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  errorPermanent: boolean | null;
  errorMessage: string | null;
  contentType: string | null;
  encoding: string | null; // charset the body was decoded with
  contentHash: string | null; // snapshot id (sha256 of raw bytes)
  bytes: number;
  notModified: boolean; // true when a 304 reused the stored snapshot
  rendered: boolean; // body came from a browser render
  screenshot: string | null; // screenshot id when one was taken
  attempts: number;
  fetchedAt: string; // ISO datetime
}

/** How a row's date was obtained; a year-less [MM-DD] gets its year from context. */
export type DateSource = 'list' | 'list-year-inferred' | 'detail' | 'meta' | null;

export interface ListItem {
  title: string;
  url: string; // absolute
  date: string | null; // YYYY-MM-DD, Asia/Shanghai; null when no parseable date (never counts as an update)
  dateSource: DateSource;
  pinned: boolean; // 置顶 rows sit above newer ones and must not decide freshness
  extra?: Record<string, string>; // cells beyond title/date (e.g. 文号, 状态, 回复时间) by header label
}

export type ColumnStatus =
  | 'ok' // list read, rows found
  | 'blank' // list read, no rows or a 暂无信息 placeholder
  | 'missing' // no link to it found and no override
  | 'unreachable' // link found but the list page failed
  | 'unrendered'; // rows are built by script and no browser was available, or only a script opens them (onclick)

export interface ColumnObservation {
  runId: number;
  unitId: string;
  columnKey: string; // e.g. guide, budget, keyField:养老服务, majorProjects:施工
  label: string | null; // link text it was found by
  url: string | null;
  source: 'override' | 'discovered' | 'missing';
  status: ColumnStatus;
  pagesRead: number;
  totalPagesSeen: number | null; // what pagination announced
  items: ListItem[];
  placeholder: string | null; // "暂无信息" text when present
  rendered: boolean;
  contentHash: string | null; // snapshot of the first list page
  note: string | null;
  observedAt: string;
  /** Set on a column found in the unit's navigation beyond the fixed keys (nav:<label>). */
  nav?: NavColumnInfo;
}

/** What a navigation column is taken to be, and why (shown in its findings). */
export interface NavColumnInfo {
  kind: string | null; // 动态, 通知公告, 人事规划, 静态 (config/columns.yaml columnKinds); null: no word matched
  word: string | null; // the word of the label that decided the kind
  subColumns: number; // links on its page to columns below it: a page of sub-columns is not a blank column
}

export interface DetailObservation {
  runId: number;
  unitId: string;
  columnKey: string;
  url: string;
  title: string;
  publishedAt: string | null; // YYYY-MM-DD
  text: string; // visible text of the article body (whole page text when no body container is found)
  fields: Record<string, string>; // metadata block label -> value (索引号, 文号, 发布日期, 公开方式, 留言时间, 回复时间 …)
  links: { text: string; url: string }[]; // links inside the body (解读 ↔ 原文 links)
  tables?: { headers: string[]; rows: string[][] }[]; // body tables read cell by cell (标准目录 …)
  contentHash: string | null;
  fetchedAt: string;
}

export type LinkOutcome = 'ok' | 'broken' | 'skipped';

export interface LinkObservation {
  runId: number;
  unitId: string;
  pageUrl: string; // page the link appears on
  target: string;
  text: string;
  inScope: boolean;
  outcome: LinkOutcome; // skipped = out of scope or not checked
  status: number | null;
  errorClass: ErrorClass | null;
  method: 'HEAD' | 'GET' | null;
  checkedAt: string | null;
}

export interface FeedPost {
  title: string;
  url: string | null;
  publishedAt: string; // ISO datetime with offset
  pinned: boolean;
}

export interface FeedObservation {
  runId: number;
  unitId: string;
  platform: string;
  account: string;
  feedUrl: string | null;
  source: 'feed' | 'csv';
  ok: boolean;
  errorClass: ErrorClass | null;
  error: string | null;
  posts: FeedPost[];
  fetchedAt: string;
}

/** An attachment linked from a page (.xls/.xlsx/.et, .doc/.wps, .docx, .pdf) and the text read from it. */
export interface AttachmentObservation {
  runId: number;
  unitId: string;
  pageUrl: string; // page that links it
  columnKey: string | null;
  url: string;
  name: string; // link text, else the file name
  format: string;
  ok: boolean;
  error: string | null; // why it could not be read (fetch failure, too large, unreadable, timeout), Chinese
  text: string;
  tables: { sheet: string | null; headers: string[]; rows: string[][] }[];
  pages: number | null;
  truncated: boolean;
  contentHash: string | null;
  fetchedAt: string;
}

/**
 * The visible text of a page that is neither a detail page nor an attachment: the unit's home and each column's
 * first page (a static column such as 机构职能 or 领导信息, or a list), and the title and body of the articles a
 * column published lately ('article', crawler/article-texts.ts). Read by the content-safety checks only.
 */
export interface PageTextObservation {
  runId: number;
  unitId: string;
  role: 'home' | 'list' | 'article';
  columnKey: string | null;
  url: string;
  title: string;
  text: string;
  tables: { headers: string[]; rows: string[][] }[];
  contentHash: string | null;
  fetchedAt: string;
  publishedAt?: string | null; // an article's date (its page, else its list row)
}

/** Everything observed of one unit in one run: the input of every check. */
export interface UnitObservations {
  unitId: string;
  home: PageObservation | null;
  columns: ColumnObservation[];
  details: DetailObservation[];
  links: LinkObservation[];
  feeds: FeedObservation[];
  pages: PageObservation[];
  attachments?: AttachmentObservation[]; // absent in observations recorded before attachments were read
  pageTexts?: PageTextObservation[]; // absent in observations recorded before page texts were kept
}
