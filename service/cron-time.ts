import cron from 'node-cron';

interface ZonedParts {
  minute: number;
  hour: number;
  day: number;
  month: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(d: Date, timezone: string): ZonedParts {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return { minute: Number(p.minute), hour: Number(p.hour), day: Number(p.day), month: Number(p.month), weekday: WEEKDAYS[p.weekday] };
}

export function isValidCron(expr: string): boolean {
  return cron.validate(expr);
}

/**
 * The newest time at or before `now` that a 5-field cron expression fires in `timezone` (minute precision),
 * or null when there is none within `maxDays`. Used to decide what is due and what was missed.
 */
export function lastDueAtOrBefore(expr: string, now: Date, timezone: string, maxDays = 400): Date | null {
  const f = cron.parse(expr);
  const minutes = new Set(f.minute);
  const hours = new Set(f.hour);
  const months = new Set(f.month);
  const doms = new Set(f.dayOfMonth.filter((x): x is number => typeof x === 'number'));
  const dows = new Set(f.dayOfWeek.map((x) => (x === 7 ? 0 : x)).filter((x): x is number => typeof x === 'number'));
  const domAll = doms.size >= 31;
  const dowAll = dows.size >= 7;
  const dayMatches = (p: ZonedParts): boolean => {
    if (!months.has(p.month)) return false;
    if (domAll && dowAll) return true;
    if (domAll) return dows.has(p.weekday);
    if (dowAll) return doms.has(p.day);
    return doms.has(p.day) || dows.has(p.weekday); // both restricted: either (standard cron)
  };
  let t = Math.floor(now.getTime() / 60_000) * 60_000;
  const stop = t - maxDays * 86_400_000;
  while (t >= stop) {
    const p = zonedParts(new Date(t), timezone);
    if (!dayMatches(p)) t -= (p.hour * 60 + p.minute + 1) * 60_000;
    else if (!hours.has(p.hour)) t -= (p.minute + 1) * 60_000;
    else if (!minutes.has(p.minute)) t -= 60_000;
    else return new Date(t);
  }
  return null;
}

/** YYYY-MM-DD of an instant in a time zone. */
export function zonedDate(d: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
