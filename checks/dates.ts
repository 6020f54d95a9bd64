// Calendar-day arithmetic on YYYY-MM-DD strings (Asia/Shanghai dates; no time zones involved).

const DAY_MS = 86_400_000;

function toEpochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** b − a in whole days. */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function addDays(date: string, n: number): string {
  return new Date((toEpochDay(date) + n) * DAY_MS).toISOString().slice(0, 10);
}

export function inRange(date: string, start: string, end: string): boolean {
  return date >= start && date <= end;
}

/** The Asia/Shanghai calendar date of an ISO datetime (or the date itself when already YYYY-MM-DD). */
export function shanghaiDate(iso: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** First YYYY-MM-DD style date in free text (2023-09-27, 2023/9/27, 2023年9月27日, 2023.09.27). */
export function parseDateText(text: string | undefined | null): string | null {
  if (!text) return null;
  const m = /(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text.normalize('NFKC'));
  if (!m) return null;
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) return null;
  return date;
}
