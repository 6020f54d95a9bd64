// Date parsing for crawled text. Every date is a calendar day in Asia/Shanghai, written YYYY-MM-DD.

export interface ParsedDate {
  date: string;
  yearInferred: boolean;
}

export interface DateContext {
  /** Year to give a year-less MM-DD (e.g. the year of a neighbouring row). */
  referenceYear?: number;
  /** "Today": a year-less MM-DD becomes the latest such day not after it. */
  asOf?: string;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  '○': 0,
  Ｏ: 0,
  O: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatYmd(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last;
}

/** Chinese numeral 1..31 (一, 十, 十二, 二十九, 三十一) → number; null when not one. */
function cnSmallNumber(s: string): number | null {
  if (!s) return null;
  const m = /^([一二三]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  if (m[1] && !m[2]) return m[3] ? null : CN_DIGITS[m[1]];
  const tens = m[2] ? (m[1] ? CN_DIGITS[m[1]] : 1) : 0;
  const ones = m[3] ? CN_DIGITS[m[3]] : 0;
  return tens * 10 + ones;
}

/** Shanghai calendar day of an instant. */
export function shanghaiDateOf(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO 8601 datetime with the +08:00 offset for an instant. */
export function toShanghaiIso(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(
    d.getUTCMinutes(),
  )}:${pad2(d.getUTCSeconds())}+08:00`;
}

/** Instant of a Shanghai wall-clock time. */
function shanghaiWallToMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s) - SHANGHAI_OFFSET_MS;
}

function normalise(text: string): string {
  // NFKC turns full-width digits and punctuation (２０２３／１２) into ASCII.
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

const ISO_INSTANT = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})/;
const FULL_DATE = /(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?/;
const CN_FULL_DATE = /([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const YEARLESS = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const LABEL_PREFIX = /^(?:发布时间|发布日期|时间发布|更新时间|更新日期|发文日期|公开日期|生成日期|成文日期|日期|时间)\s*[:：]?\s*/;

// A date mentioned in a row's text: a full date of this century or the last (not 1888-01-01, not inside a longer
// number), or a year-less 05-06 standing alone (not a piece of a telephone number such as 0591-12345678).
const MENTIONED_FULL_DATE = /(?<!\d)(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)/;
const MENTIONED_MONTH_DAY = /(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])/;

/** Whether a text mentions a date: 2023-05-06, 2023年5月6日, ２０２３／５／６ or a year-less 05-06. Nothing is parsed. */
export function mentionsDate(text: string): boolean {
  const t = text.normalize('NFKC');
  return MENTIONED_FULL_DATE.test(t) || MENTIONED_MONTH_DAY.test(t);
}

function parseFull(text: string): ParsedDate | null {
  const iso = ISO_INSTANT.exec(text);
  if (iso) {
    const ms = Date.parse(`${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${normaliseOffset(iso[7])}`);
    if (!Number.isNaN(ms) && isValidYmd(+iso[1], +iso[2], +iso[3])) return { date: shanghaiDateOf(ms), yearInferred: false };
  }
  const full = FULL_DATE.exec(text);
  if (full) {
    const [y, m, d] = [+full[1], +full[2], +full[3]];
    return isValidYmd(y, m, d) ? { date: formatYmd(y, m, d), yearInferred: false } : null;
  }
  const cn = CN_FULL_DATE.exec(text);
  if (cn) {
    const y = Number([...cn[1]].map((c) => CN_DIGITS[c]).join(''));
    const m = cnSmallNumber(cn[2]);
    const d = cnSmallNumber(cn[3]);
    if (m !== null && d !== null && isValidYmd(y, m, d)) return { date: formatYmd(y, m, d), yearInferred: false };
    return null;
  }
  const compact = COMPACT_DATE.exec(text);
  if (compact && isValidYmd(+compact[1], +compact[2], +compact[3])) {
    return { date: formatYmd(+compact[1], +compact[2], +compact[3]), yearInferred: false };
  }
  return null;
}

function normaliseOffset(off: string): string {
  if (off === 'Z') return 'Z';
  return off.includes(':') ? off : `${off.slice(0, 3)}:${off.slice(3)}`;
}

/** A year-less "12-29", "[12-29]", "12月29日" → month and day; null otherwise. */
export function parseMonthDay(text: string): { month: number; day: number } | null {
  const t = normalise(text)
    .replace(/^[[(【（{]\s*|\s*[\])】）}]$/g, '')
    .replace(LABEL_PREFIX, '');
  const m = YEARLESS.exec(t);
  if (!m) return null;
  const month = +m[1];
  const day = +m[2];
  // 2000 is a leap year, so 02-29 is accepted here and checked again once the year is known.
  return isValidYmd(2000, month, day) ? { month, day } : null;
}

/** The latest date with this month/day that is not after `bound` (YYYY-MM-DD). */
function latestMonthDayNotAfter(month: number, day: number, bound: string): string | null {
  let y = Number(bound.slice(0, 4));
  for (let i = 0; i < 8; i++, y--) {
    if (!isValidYmd(y, month, day)) continue;
    const candidate = formatYmd(y, month, day);
    if (candidate <= bound) return candidate;
  }
  return null;
}

/**
 * Parses one date out of a text: full dates in any common form (also Chinese numerals and ISO instants,
 * converted to Shanghai), or a year-less MM-DD completed from ctx. Impossible dates give null.
 */
export function parseDate(text: string, ctx: DateContext = {}): ParsedDate | null {
  if (!text) return null;
  const t = normalise(text);
  const full = parseFull(t);
  if (full) return full;
  if (FULL_DATE.test(t)) return null;
  const md = parseMonthDay(t);
  if (!md) return null;
  if (ctx.referenceYear !== undefined) {
    return isValidYmd(ctx.referenceYear, md.month, md.day)
      ? { date: formatYmd(ctx.referenceYear, md.month, md.day), yearInferred: true }
      : null;
  }
  if (ctx.asOf) {
    const date = latestMonthDayNotAfter(md.month, md.day, ctx.asOf);
    return date ? { date, yearInferred: true } : null;
  }
  return null;
}

/** Date encoded in a document URL: TRS `tYYYYMMDD_id`, Hanweb `/art/YYYY/M/D/`. Only a hint: sites show other dates. */
export function dateFromUrl(url: string): string | null {
  const trs = /[/_]t((?:19|20)\d{2})(\d{2})(\d{2})_\d+/.exec(url);
  if (trs && isValidYmd(+trs[1], +trs[2], +trs[3])) return formatYmd(+trs[1], +trs[2], +trs[3]);
  const art = /\/art\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\//.exec(url);
  if (art && isValidYmd(+art[1], +art[2], +art[3])) return formatYmd(+art[1], +art[2], +art[3]);
  return null;
}

function addDays(ymd: string, days: number): string {
  const ms = Date.parse(`${ymd}T00:00:00Z`) + days * 86400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export interface DatedRowInput {
  /** The date text shown in the row (may be year-less). */
  dateText: string | null;
  url?: string;
  /** Marked 置顶 by the page itself: such a row does not carry the year chain. */
  pinned?: boolean;
}

// How far a year-less row may be newer than the row above it and still be the same year:
// lists are sorted newest first but not always strictly (same-week reshuffles).
const DISORDER_TOLERANCE_DAYS = 45;
// How many leading rows may be pinned-like (older than rows right below them).
const MAX_LEADING_PINNED = 5;

/**
 * Completes the dates of a newest-first list. Full dates stand. A year-less MM-DD gets its year from the URL
 * date when there is one, else from the chain of rows above it (12-28 after 01-03 is the previous year),
 * starting at asOf. Leading rows older than rows below them (pinned) do not start the chain.
 */
export function inferYearlessDates(rows: DatedRowInput[], ctx: { asOf: string }): (ParsedDate | null)[] {
  type Parsed = { full: string } | { month: number; day: number } | null;
  const parsed: Parsed[] = rows.map((r) => {
    if (!r.dateText) return null;
    const full = parseFull(normalise(r.dateText));
    if (full) return { full: full.date };
    return parseMonthDay(r.dateText);
  });
  const independent = parsed.map((p) => (p === null ? null : 'full' in p ? p.full : latestMonthDayNotAfter(p.month, p.day, ctx.asOf)));

  const unchained = new Set<number>();
  rows.forEach((r, i) => r.pinned && unchained.add(i));
  for (let i = 0; i < Math.min(rows.length - 1, MAX_LEADING_PINNED); i++) {
    const own = independent[i];
    if (own === null) continue;
    const below = independent.slice(i + 1, i + 1 + MAX_LEADING_PINNED + 1).filter((d): d is string => d !== null);
    if (rows[i].pinned || below.some((d) => d > own)) unchained.add(i);
    else break;
  }

  const out: (ParsedDate | null)[] = [];
  let bound = ctx.asOf;
  parsed.forEach((p, i) => {
    if (p === null) {
      out.push(null);
      return;
    }
    if ('full' in p) {
      out.push({ date: p.full, yearInferred: false });
      if (!unchained.has(i) && p.full <= ctx.asOf) bound = p.full;
      return;
    }
    const hint = rows[i].url ? dateFromUrl(rows[i].url!) : null;
    let date: string | null;
    if (hint) {
      date = nearestMonthDay(p.month, p.day, hint, ctx.asOf);
    } else if (unchained.has(i)) {
      date = independent[i];
    } else {
      const sameYear = Number(bound.slice(0, 4));
      const candidate = isValidYmd(sameYear, p.month, p.day) ? formatYmd(sameYear, p.month, p.day) : null;
      if (candidate && candidate > bound && candidate <= ctx.asOf && candidate <= addDays(bound, DISORDER_TOLERANCE_DAYS)) {
        date = candidate;
      } else {
        date = latestMonthDayNotAfter(p.month, p.day, bound);
      }
    }
    if (date === null) {
      out.push(null);
      return;
    }
    out.push({ date, yearInferred: true });
    if (!unchained.has(i) && date < bound) bound = date;
  });
  return out;
}

/** The date with this month/day closest to `hint` (years around it), not after asOf. */
function nearestMonthDay(month: number, day: number, hint: string, asOf: string): string | null {
  const y = Number(hint.slice(0, 4));
  const hintMs = Date.parse(`${hint}T00:00:00Z`);
  let best: string | null = null;
  let bestDist = Infinity;
  for (const year of [y + 1, y, y - 1]) {
    if (!isValidYmd(year, month, day)) continue;
    const c = formatYmd(year, month, day);
    if (c > asOf) continue;
    const dist = Math.abs(Date.parse(`${c}T00:00:00Z`) - hintMs);
    if (dist < bestDist) {
      best = c;
      bestDist = dist;
    }
  }
  return best ?? latestMonthDayNotAfter(month, day, asOf);
}

/** Parses a feed/CSV timestamp (RFC 822, ISO 8601, unix seconds/ms, Chinese forms) into an instant. */
export function parseInstant(text: string): number | null {
  const t = normalise(text);
  if (!t) return null;
  if (/^\d{10}$/.test(t)) return Number(t) * 1000;
  if (/^\d{13}$/.test(t)) return Number(t);
  const iso = ISO_INSTANT.exec(t);
  if (iso) {
    const ms = Date.parse(`${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${normaliseOffset(iso[7])}`);
    if (!Number.isNaN(ms)) return ms;
  }
  const local = /(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?(?:[T\s]*(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  if (local) {
    const [y, mo, d] = [+local[1], +local[2], +local[3]];
    if (!isValidYmd(y, mo, d)) return null;
    return shanghaiWallToMs(y, mo, d, local[4] ? +local[4] : 0, local[5] ? +local[5] : 0, local[6] ? +local[6] : 0);
  }
  // RFC 822 and other forms Date understands, only when they carry a zone (else the machine zone would leak in).
  if (/(GMT|UTC|UT|[+-]\d{4}|\b[ECMP][SD]T)\b/.test(t) || /[+-]\d{4}$/.test(t)) {
    const ms = Date.parse(t.replace(/\bUT\b/, 'UTC'));
    if (!Number.isNaN(ms)) return ms;
  }
  const cn = parseFull(t);
  if (cn) return Date.parse(`${cn.date}T00:00:00+08:00`);
  return null;
}
