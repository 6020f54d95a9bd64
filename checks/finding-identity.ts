// What a finding's identity is built from: what does not move when the portal does (issue 15). A URL subject is
// taken relative to the unit's home (its own host: path and query only), without scheme, port, fragment or
// tracking parameters; the finding keeps the full URL as its subject for people to follow.

/** Query parameters added by sharing and analytics, never part of what a page is (utm_* by prefix). */
const TRACKING = new Set(['spm', 'from', 'isappinstalled', 'fbclid', 'gclid', 'share_token', 'scene', 'clicktime', 'enterid', 'timestamp']);
const WARNING_PREFIX = '预警:';
/** A finding about the same page as another, on evidence a person must verify (link.broken's passing failures). */
export const UNVERIFIED_PREFIX = '待核实:';

export function identitySubject(subject: string, unitHome: string): string {
  if (subject.startsWith(WARNING_PREFIX)) return WARNING_PREFIX + identitySubject(subject.slice(WARNING_PREFIX.length), unitHome);
  if (subject.startsWith(UNVERIFIED_PREFIX)) return UNVERIFIED_PREFIX + identitySubject(subject.slice(UNVERIFIED_PREFIX.length), unitHome);
  if (!/^https?:\/\//i.test(subject)) return subject;
  let u: URL;
  try {
    u = new URL(subject);
  } catch {
    return subject;
  }
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !TRACKING.has(k.toLowerCase()) && !k.toLowerCase().startsWith('utm_'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  let homeHost: string | null = null;
  try {
    homeHost = new URL(unitHome).hostname.toLowerCase();
  } catch {
    homeHost = null;
  }
  // the unit's own site: path only, so a new host, port or https keeps the identity; another site: its host name
  const where = u.hostname.toLowerCase() === homeHost ? '' : `//${u.hostname.toLowerCase()}`;
  return `${where}${u.pathname}${query}`;
}
