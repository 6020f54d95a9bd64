// A unit name taken apart: county, 县/人民政府/政府 and the ending (镇/乡/局 …) separated from the core.
import { onboardWords } from './words.ts';

export interface NameParts {
  /** The name as written, NFKC, without spaces. */
  text: string;
  /** What is left: 猗氏 (猗氏镇人民政府), 发展和改革 (临猗县发展和改革局), 现代农业产业 (临猗现代农业产业示范区). */
  core: string;
  /** 镇, 乡, 局, 示范区 … or null when the name has no known ending. */
  kind: string | null;
  /** The words left out, for the reason shown to the office. */
  dropped: string[];
  party: boolean;
  /** A former-name mark (原, 旧版, 已撤销) was on the entry. */
  historical: boolean;
}

/** 临猗县 → [临猗县, 临猗]: the county name with and without its 县/市/区 ending. */
export function countyForms(county: string | null): string[] {
  if (!county) return [];
  const c = county
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/[(（].*$/, '');
  const short = c.replace(/(自治县|县|市|区|旗)$/, '');
  return short.length >= 2 && short !== c ? [c, short] : [c];
}

export function splitUnitName(name: string, county: string | null): NameParts {
  const w = onboardWords();
  let s = name.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  const dropped: string[] = [];
  let historical = false;
  // bracketed notes: （原）, (旧版), 【已撤销】
  s = s.replace(/[(（[【]([^)）\]】]*)[)）\]】]/g, (_m, inner: string) => {
    if (w.historicalMarkers.some((h) => inner.includes(h))) historical = true;
    dropped.push(`（${inner}）`);
    return '';
  });
  const text = s;
  for (const h of w.historicalMarkers) {
    if (h.length >= 2 && s.includes(h)) {
      historical = true;
      s = s.replace(h, '');
      dropped.push(h);
    }
  }
  let party = false;
  for (const p of w.partyPrefixes) {
    if (s.startsWith(p)) party = true;
  }
  for (const form of countyForms(county)) {
    if (s.startsWith(form) && s.length > form.length + 1) {
      s = s.slice(form.length);
      dropped.push(form);
      break;
    }
  }
  if (s.startsWith('中共')) {
    party = true;
  }
  if (/^县委/.test(s)) party = true;
  else if (s.startsWith('县') && s.length > 2) {
    s = s.slice(1);
    dropped.push('县');
  }
  for (const suffix of w.orgSuffixes) {
    if (!s.endsWith(suffix.text) || s.length <= suffix.text.length) continue;
    const rest = s.slice(0, -suffix.text.length);
    if (suffix.after && !suffix.after.some((a) => rest.endsWith(a))) continue;
    s = rest;
    dropped.push(suffix.text);
    break;
  }
  // a name that is only an ending (示范区) keeps it as its kind, with an empty core
  const kind = w.kinds.find((k) => s.endsWith(k) && (s.length > k.length || k.length >= 3)) ?? null;
  const core = kind ? s.slice(0, -kind.length) : s;
  return { text, core, kind, dropped, party, historical };
}

/** Looks like the name of an organisation (a navigation entry worth matching), not 首页 or 更多. */
export function looksLikeUnitName(text: string): boolean {
  const t = text.normalize('NFKC').replace(/\s/g, '');
  if (t.length < 2 || t.length > 30) return false;
  if (!/^\p{Script=Han}/u.test(t.replace(/^[(（[【]/, ''))) return false;
  if (/[0-9]{2,}|公开|指南|年报|动态|通知|公告|首页|更多|登录|检索|搜索/.test(t)) return false;
  const parts = splitUnitName(t, null);
  if (parts.kind !== null) return true;
  // 猗氏镇人民政府 is a unit; 政府, 县人民政府 (a breadcrumb, the county itself) are not
  return /政府$/.test(t) && t.replace(/(人民)?政府$/, '').replace(/^县$/, '').length >= 2;
}
