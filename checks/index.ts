// Public API of checks/: other folders import only from here.
import type { UnitObservations } from '../store/index.ts';
import type { Check, CheckContext } from './context.ts';
import { CHECK_IDS, type Finding } from '../model/index.ts';
import { attributeMissing } from './attribute.ts';
import { budgetMissing } from './budget.ts';
import { catalogItemMissing } from './catalog.ts';
import { columnBlank, columnMissing, columnStale } from './columns.ts';
import { consultationLate, consultationTimely } from './consultation.ts';
import { decisionsCatalog, decisionsPrecomment } from './decisions.ts';
import { deptInfoStale } from './deptinfo.ts';
import { functionsIncomplete } from './functions.ts';
import { guideIncomplete } from './guide.ts';
import { interpretationMissing, interpretationMultiform } from './interpretation.ts';
import { keyFieldCoverage } from './key-fields.ts';
import { linkBroken } from './links.ts';
import { majorProjectsMissing } from './major-projects.ts';
import { newMediaStale } from './newmedia.ts';
import { shuanggongshiMissing } from './shuanggongshi.ts';
import { siteUnreachable } from './site.ts';
import { privacyExposure } from './content/privacy-exposure.ts';
import { maskText } from './content/pii.ts';
import { contentExpression, contentSensitive, contentTypo } from './content/word-checks.ts';

export {
  CHECK_IDS,
  type CheckId,
  type FindingKind,
  type Confidence,
  type FindingStatus,
  type Evidence,
  type Finding,
} from '../model/index.ts';
export type { Check, CheckContext } from './context.ts';
export { assessmentWindow } from './context.ts';
export { loadCheckSettings, CheckSettingsError, type CheckSettings } from './settings.ts';
export { findingKey, findingId } from './finding.ts';
export { readElements, type ElementReading, type ElementSource } from './element-recognition.ts';
export { maskText, maskValue, findPii, isValidIdNumber } from './content/pii.ts';
export { addWorkdays, workdaysBetween, isLateByWorkdays, hasCalendarData, type LateResult, type WorkdayResult } from './workdays.ts';

/** Every check, in CHECK_IDS order. Adding a check = a file + a line here. */
export const CHECKS: Check[] = [
  siteUnreachable,
  columnMissing,
  columnBlank,
  columnStale,
  linkBroken,
  newMediaStale,
  consultationLate,
  guideIncomplete,
  functionsIncomplete,
  deptInfoStale,
  majorProjectsMissing,
  budgetMissing,
  shuanggongshiMissing,
  decisionsCatalog,
  decisionsPrecomment,
  keyFieldCoverage,
  interpretationMissing,
  attributeMissing,
  catalogItemMissing,
  consultationTimely,
  interpretationMultiform,
  contentTypo,
  contentExpression,
  contentSensitive,
  privacyExposure,
];

/**
 * Personal numbers a check quoted from crawled text (an excerpt, a title in a detail line) are shown masked,
 * whatever the check: findings feed findings.json, the workspace and every report. Subjects stay as they are
 * (they are part of a finding's identity; content checks put masked values there themselves).
 */
function maskFinding(f: Finding): Finding {
  return {
    ...f,
    title: maskText(f.title),
    detail: maskText(f.detail),
    evidence: f.evidence.map((e) => ({ ...e, excerpt: maskText(e.excerpt) })),
  };
}

/** All checks over all units of the config that have observations; sorted by unit order, check order, key. */
export function runChecks(ctx: CheckContext, observations: UnitObservations[]): Finding[] {
  const unitOrder = new Map(ctx.config.units.map((u, i) => [u.id, i]));
  const checkOrder = new Map<string, number>(CHECK_IDS.map((id, i) => [id, i]));
  const out: Finding[] = [];
  for (const obs of observations) {
    const unit = ctx.config.units.find((u) => u.id === obs.unitId);
    if (!unit) continue;
    for (const check of CHECKS) out.push(...check.run(ctx, unit, obs).map(maskFinding));
  }
  return out.sort(
    (a, b) =>
      unitOrder.get(a.unitId)! - unitOrder.get(b.unitId)! ||
      checkOrder.get(a.checkId)! - checkOrder.get(b.checkId)! ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
export { columnName } from './column-names.ts';
// Site-level 19号 checks (the county portal, units with a site of their own).
export { SITE_CHECK_IDS, type SiteCheckId, type SiteCheckInput, type SiteFinding, type SiteRef, type SiteEffect } from './site-types.ts';
export { runSiteChecks } from './site-checks.ts';
export { availabilityShare, availabilityWindow, type AvailabilityShare } from './site-availability.ts';
export { errorLabel } from './site.ts';
