import chineseDays from 'chinese-days';

const { isWorkday } = chineseDays;

const DAY = 86_400_000;

export function toDate(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}

export function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(s: string, n: number): string {
  return fmt(new Date(toDate(s).getTime() + n * DAY));
}

/** b − a in whole calendar days. */
export function days(a: string, b: string): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY);
}

/** The n-th working day after `s` (s itself not counted; 调休 weekend workdays count). n = 0 → s. */
export function addWorkdays(s: string, n: number): string {
  let d = s;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkday(d)) left--;
  }
  return d;
}

export function isLateByWorkdays(trigger: string, done: string, limit: number): boolean {
  return done > addWorkdays(trigger, limit);
}

export function cnDate(s: string): string {
  return `${s.slice(0, 4)}年${s.slice(5, 7)}月${s.slice(8, 10)}日`;
}

export function compact(s: string): string {
  return s.replaceAll('-', '');
}
