// Findings are the public output of checks (findings.json, reports, review). Keep names stable.

export const CHECK_IDS = [
  // monthly full-coverage inspection
  'site.unreachable',
  'column.missing',
  'column.blank',
  'column.stale',
  'link.broken',
  'newmedia.stale',
  'consultation.late',
  // annual assessment
  'guide.incomplete',
  'functions.incomplete',
  'deptinfo.stale',
  'majorprojects.missing',
  'budget.missing',
  'shuanggongshi.missing',
  'decisions.catalog',
  'decisions.precomment',
  'keyfield.coverage',
  'interpretation.missing',
  'attribute.missing',
  'catalog.item-missing',
  // bonus evidence
  'consultation.timely',
  'interpretation.multiform',
  // content safety (pages and attachments)
  'content.typo',
  'content.expression',
  'content.sensitive',
  'privacy.exposure',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** deduction: suggestedPoints < 0; bonus: > 0; ranged: the suggested value itself; warning (预警): never scored. */
export type FindingKind = 'deduction' | 'bonus' | 'ranged' | 'warning';
export type Confidence = 'high' | 'low';
export type FindingStatus = 'pending' | 'confirmed' | 'dismissed' | 'adjusted' | 'rectified';

export interface Evidence {
  url: string;
  excerpt: string;
  snapshot: string | null; // content hash of the stored page
  screenshot?: string | null; // screenshot id when one exists
  fetchedAt?: string | null;
  place?: string; // where it stands as a clerk names it (页面“…” / 附件“….xls”（xls，链接自 …）): content checks
  found?: string; // what was found there, masked (110101********1234, 截止→截至): content checks
}

export interface Finding {
  id: string; // stable identity hash of key
  key: string; // unitId|checkId|column|subject — same gap next month = same key
  unitId: string;
  unitName: string;
  checkId: CheckId;
  indicator: string; // rubric row id it feeds ('notice.monthly' for monthly-only checks)
  column: string | null;
  subject: string; // what the finding is about: a URL, an item title, a field name
  kind: FindingKind;
  title: string; // one line, Chinese
  detail: string; // what is wrong and which rule, Chinese
  occurrences: number;
  suggestedPoints: number;
  confidence: Confidence;
  /** Chinese: why `confidence` is high (positive, complete evidence) or low (indirect: 需人工核实). */
  confidenceReason?: string;
  monthly: boolean; // counts toward the monthly 通报
  evidence: Evidence[];
  status: FindingStatus;
}
