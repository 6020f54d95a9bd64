import { confidenceLabel, type IndicatorTable, type MarkedNumber } from '../config/index.ts';
import { findingId } from './finding.ts';
import type { SiteCheckId, SiteEffect, SiteFinding, SiteRef } from './site-types.ts';
import type { Confidence, Evidence } from '../model/index.ts';

interface SiteFindingInput {
  checkId: SiteCheckId;
  effect: SiteEffect;
  subject: string;
  title: string;
  detail: string;
  occurrences?: number;
  confidence?: Confidence;
  unverified?: string[];
  evidence: Evidence[];
}

/** The table item a check feeds in the given part (first match). */
function itemFor(table: IndicatorTable, checkId: SiteCheckId, part: 'veto' | 'deduction'): string | null {
  const list = part === 'veto' ? table.vetoes : table.deductions;
  return list.find((i) => i.checks.includes(checkId))?.id ?? null;
}

export function makeSiteFinding(site: SiteRef, table: IndicatorTable, input: SiteFindingInput): SiteFinding {
  const key = `${site.id}|${input.checkId}|${input.subject}`;
  const part = input.effect === 'deduction' ? 'deduction' : 'veto';
  return {
    id: findingId(key),
    key,
    siteId: site.id,
    siteName: site.name,
    checkId: input.checkId,
    item:
      input.effect === 'info'
        ? null
        : (itemFor(table, input.checkId, part) ?? itemFor(table, input.checkId, part === 'veto' ? 'deduction' : 'veto')),
    effect: input.effect,
    subject: input.subject,
    title: input.title,
    detail: input.detail,
    occurrences: input.occurrences ?? 1,
    confidence: input.confidence ?? 'high',
    unverified: input.unverified ?? [],
    evidence: input.evidence,
  };
}

/** What each threshold of the 19号 table a site check reads is called in the output (the YAML keys are English). */
const THRESHOLD_LABELS = {
  backdateToleranceDays: { label: '疑似倒填日期的容差', unit: '天' },
  monitorDays: { label: '可用性监测天数', unit: '天' },
  probesPerDay: { label: '每天探测次数', unit: '次' },
  timeoutSeconds: { label: '首页打开时限', unit: '秒' },
  vetoShare: { label: '可用性否决失败占比', unit: '%' },
  warnShare: { label: '可用性预警失败占比', unit: '%' },
  staleDays: { label: '首页不更新天数', unit: '天' },
  warnDays: { label: '首页不更新预警天数', unit: '天' },
} as const;

type SiteThresholdName = keyof typeof THRESHOLD_LABELS;

/** "可用性预警失败占比 3%" — a threshold as a user reads it. */
function thresholdText(name: SiteThresholdName, t: MarkedNumber): string {
  const { label, unit } = THRESHOLD_LABELS[name];
  return unit === '%' ? `${label} ${Math.round(t.value * 10_000) / 100}%` : `${label} ${t.value} ${unit}`;
}

/** "名称 值（未核实）" for each threshold whose mark is not ✔. */
export function unverifiedNotes(named: Partial<Record<SiteThresholdName, MarkedNumber>>): string[] {
  return (Object.entries(named) as [SiteThresholdName, MarkedNumber][])
    .filter(([, t]) => t.conf !== '✔')
    .map(([name, t]) => `${thresholdText(name, t)}（${confidenceLabel(t.conf)}）`);
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

/** The Asia/Shanghai calendar date of an ISO instant. */
export function shanghaiDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}
