// The site-level 19号 checks in SITE_CHECK_IDS order. Pure functions of stored site observations.
import { checkAvailability } from './site-availability.ts';
import { checkBackdated, checkHomeStale } from './site-home.ts';
import { checkDomain, checkErrorReport, checkHttps, checkIdentity, checkSearch } from './site-identity.ts';
import { SITE_CHECK_IDS, type SiteCheckInput, type SiteFinding } from './site-types.ts';

const SITE_CHECKS: ((input: SiteCheckInput) => SiteFinding[])[] = [
  checkAvailability,
  checkHomeStale,
  checkBackdated,
  checkIdentity,
  checkDomain,
  checkSearch,
  checkErrorReport,
  checkHttps,
];

export function runSiteChecks(input: SiteCheckInput): SiteFinding[] {
  const order = new Map<string, number>(SITE_CHECK_IDS.map((id, i) => [id, i]));
  return SITE_CHECKS.flatMap((c) => c(input)).sort(
    (a, b) => order.get(a.checkId)! - order.get(b.checkId)! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
