// The site-level 19号 checks (the county portal, or a unit's own site): ids, inputs and findings.
import type { IndicatorTable } from '../config/index.ts';
import type { HomeItemRecord, ProbeRecord, SiteObservation } from '../store/index.ts';
import type { Confidence, Evidence } from '../model/index.ts';

// Kept apart from CHECK_IDS: these judge a site, not a unit's columns, and feed the 19号 table, not the county rubric.
export const SITE_CHECK_IDS = [
  'site.availability',
  'site.home-stale',
  'site.backdated',
  'site.identity',
  'site.domain',
  'site.search',
  'site.error-report-entry',
  'site.https',
] as const;
export type SiteCheckId = (typeof SITE_CHECK_IDS)[number];

export interface SiteRef {
  id: string;
  name: string;
  home: string;
  kind: '门户' | '部门';
  unitId: string | null; // the unit whose own site it is; null for the county portal
}

export interface SiteCheckInput {
  site: SiteRef;
  asOf: string; // YYYY-MM-DD
  table: IndicatorTable;
  observation: SiteObservation | null; // newest home read with facts
  probes: ProbeRecord[]; // probes of the availability window
  homeItems: HomeItemRecord[];
  homeReads: string[]; // ISO times of every successful home read (probes and runs), oldest first
}

/** veto: 单项否决 item; deduction: 扣分 item; warning: 预警 (never scored); info: shown, not scored. */
export type SiteEffect = 'veto' | 'deduction' | 'warning' | 'info';

export interface SiteFinding {
  id: string;
  key: string; // siteId|checkId|subject
  siteId: string;
  siteName: string;
  checkId: SiteCheckId;
  item: string | null; // the 19号 table item id it feeds (V2, D-identity …)
  effect: SiteEffect;
  subject: string;
  title: string;
  detail: string;
  occurrences: number;
  confidence: Confidence;
  /** Thresholds the verdict used that the table marks ⚠/◐, with their labels (未核实 / 待核原文). */
  unverified: string[];
  evidence: Evidence[];
}
