// The content model of the sample portal: built once from the seed, rendered lazily per request.
import type { GapPlan } from './content/plan.ts';
import type { ItemAttachment, ItemTable } from './content/privacy.ts';

import type { Encoding, InterpForm, Style } from './kinds.ts';

export type { Encoding, InterpForm, Style } from './kinds.ts';
export type Attr = 'field' | 'line' | 'none';

export interface Question {
  asker: string;
  asked: string; // YYYY-MM-DD
  askedTime: string; // HH:MM:SS
  replied: string | null;
  repliedTime: string | null;
  text: string;
  reply: string;
}

export interface Item {
  serial: number; // unit-unique
  title: string;
  date: string; // YYYY-MM-DD shown as 发布日期
  time: string; // HH:MM
  pinned?: boolean;
  docNo?: string; // 文号
  writtenDate?: string; // 成文日期
  attr: Attr;
  body: string[];
  href?: string; // absolute path when the row links somewhere else than its detail page (pdf)
  broken?: boolean; // the row's target answers 404
  question?: Question;
  form?: InterpForm;
  home?: { slug: string; cid: number }; // column the detail page lives under
  attachments?: ItemAttachment[]; // files linked below the body (content-safety plants)
  table?: ItemTable; // a 公示 table in the body (content-safety plants)
}

export interface CatalogRow {
  item: string; // 公开事项
  content: string;
  basis: string;
  limit: string;
  subject: string;
  channel: string;
  href?: string; // the 公开事项 cell links to the column where the item is published (胡集镇 标准目录 style)
}

export type ColumnKind = 'list' | 'article' | 'catalog';

export interface Column {
  key: string; // column key of docs/check-semantics.md
  label: string;
  slug: string; // path segment(s) under the unit
  cid: number; // Hanweb column id
  kind: ColumnKind;
  items: Item[];
  placeholder?: string; // shown instead of rows (暂无信息)
  article?: { title: string; date: string; html: string };
  catalog?: CatalogRow[];
  jsRendered?: boolean;
  subs?: Column[];
  places?: Column[]; // lists only the 标准目录 links to (not in the navigation, no sub-column links)
}

export interface FeedPostModel {
  title: string;
  date: string;
  time: string;
  pinned?: boolean;
}

export type FeedKind = 'rss' | 'atom' | 'json' | 'broken';

export interface Link {
  text: string;
  href: string;
}

export interface UnitModel {
  id: string;
  name: string; // as in the config (猗氏镇政府, 发改局)
  org: string; // full organisation name (猗氏镇人民政府, 临猗县发展和改革局)
  short: string; // how news titles name it (猗氏镇, 县发改局)
  cls: 'A' | 'B';
  style: Style;
  encoding: Encoding;
  charsetIn: 'header' | 'meta';
  unreachable: boolean;
  columns: Column[];
  feed: { kind: FeedKind; account: string; posts: FeedPostModel[] };
  homeLinks: Link[]; // extra in-body links on the home page (some broken)
  commentedLinks: Link[]; // links inside HTML comments (never count)
  brokenPaths: string[]; // in-scope paths that answer 404 and are linked from crawled pages
  head405Paths: string[]; // answer 405 to HEAD, 200 to GET
  keyFields: string[]; // key fields this unit answers for
  plan: GapPlan; // what was planted (ground truth reads it)
  privacy?: { leaks: number; note: string }; // documents with unmasked personal numbers (privacy.exposure truth)
  wording?: Record<string, number>; // content.typo / content.expression / content.sensitive findings planted
}

export interface SiteModel {
  seed: number;
  asOf: string;
  year: number;
  windowStart: string;
  units: UnitModel[];
}
