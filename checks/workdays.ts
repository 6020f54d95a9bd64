// Working days per W1/W3: the trigger day is not counted; 调休 weekend workdays count (chinese-days).
import chineseDays from 'chinese-days';
import { addDays } from './dates.ts';

const { isWorkday, getDayDetail } = chineseDays;

/** true when chinese-days has the State Council holiday data for that year (W4). */
export function hasCalendarData(year: number): boolean {
  return getDayDetail(`${year}-01-01`).name.includes('元旦');
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export interface WorkdayResult<T> {
  value: T;
  calendarKnown: boolean; // false: a year without holiday data was crossed (日历数据缺失)
}

/** The n-th working day after `date`. */
export function addWorkdays(date: string, n: number): WorkdayResult<string> {
  let calendarKnown = hasCalendarData(yearOf(date));
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (!hasCalendarData(yearOf(d))) calendarKnown = false;
    if (isWorkday(d)) left--;
  }
  return { value: d, calendarKnown };
}

/** Working days in (a, b]: 0 when b ≤ a. */
export function workdaysBetween(a: string, b: string): WorkdayResult<number> {
  let calendarKnown = hasCalendarData(yearOf(a)) && hasCalendarData(yearOf(b));
  let count = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) {
    if (!hasCalendarData(yearOf(d))) calendarKnown = false;
    if (isWorkday(d)) count++;
  }
  return { value: count, calendarKnown };
}

export interface LateResult {
  late: boolean;
  deadline: string;
  calendarKnown: boolean;
}

/** Whether `actual` is after the n-th working day following `trigger`. */
export function isLateByWorkdays(trigger: string, actual: string, n: number): LateResult {
  const deadline = addWorkdays(trigger, n);
  const spanKnown = hasCalendarData(yearOf(actual));
  return { late: actual > deadline.value, deadline: deadline.value, calendarKnown: deadline.calendarKnown && spanKnown };
}
