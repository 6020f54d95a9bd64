// What is observed of a whole site (the county portal or a unit's own site) for the 19号 site-level checks.
import type { ErrorClass } from '../model/index.ts';

/** One availability probe (or a run's home fetch, source 'run', which also dates home items but is not a probe). */
export interface ProbeRecord {
  siteId: string;
  at: string; // ISO datetime
  source: 'probe' | 'run';
  ok: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  /** The probe failed and every reference address failed too: our own network was down; not a site failure. */
  networkDown: boolean;
  referenceChecked: boolean; // false when no reference address is configured (a failure then cannot be told apart)
  elapsedMs: number;
  bytes: number;
  message: string | null;
}

/** A dated item seen on the home page (level 1) or, for a navigation-only home, on a second-level page (level 2). */
export interface HomeItemRecord {
  siteId: string;
  url: string;
  title: string;
  date: string | null; // YYYY-MM-DD as the page shows it
  firstSeenAt: string; // ISO datetime of the first read that showed it
  lastSeenAt: string;
  level: 1 | 2;
  pageUrl: string; // the page it was listed on
}

export interface MarkFound {
  value: string | null; // the number/name read, when there is one
  where: 'text' | 'link' | 'image' | 'meta';
  excerpt: string;
}

/** What the home page shows, read by crawler/site-home.ts. */
export interface SiteFacts {
  title: string | null;
  siteCode: MarkFound | null; // 网站标识码
  icp: MarkFound | null; // ICP备案编号
  police: MarkFound | null; // 公安机关备案标识
  sponsor: MarkFound | null; // 主办单位
  organizer: MarkFound | null; // 承办单位
  contact: MarkFound | null; // 联系电话 / 邮箱
  conac: MarkFound | null; // 党政机关网站标识 (requirement ⚠, reported as information)
  footerFound: boolean; // a 版权/主办/备案-style footer was present in the static HTML
  scriptFooter: boolean; // the footer looks injected by script (marks may be missing from the static HTML only)
  search: MarkFound | null;
  errorReport: MarkFound | null; // 我为政府网站找错
  datedItems: { title: string; url: string; date: string }[];
  undatedLinks: number;
  navigationLinks: string[]; // same-site links, for a navigation-only home's second-level pages
}

export interface SiteObservation {
  siteId: string;
  runId: number | null;
  observedAt: string;
  homeUrl: string;
  finalUrl: string;
  ok: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  contentHash: string | null;
  /** https variant answered (true), failed (false), not tried (null: the home is https already or not reached). */
  httpsOk: boolean | null;
  facts: SiteFacts | null;
  secondLevelPages: { url: string; ok: boolean; items: number }[];
}
