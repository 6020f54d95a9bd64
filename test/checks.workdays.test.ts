import { describe, it, expect } from 'vitest';
import { addWorkdays, workdaysBetween, isLateByWorkdays, hasCalendarData, findingId, findingKey } from '../checks/index.ts';

describe('working days (W1/W3, chinese-days)', () => {
  it('skips 国庆 and counts the 调休 Saturday and Sunday', () => {
    // 2023-09-29…10-06 holidays; 10-07 (Sat) and 10-08 (Sun) were make-up workdays.
    expect(addWorkdays('2023-09-25', 20).value).toBe('2023-10-27');
    expect(addWorkdays('2023-09-27', 5).value).toBe('2023-10-10');
  });

  it('a reply on 2023-10-09 to a question of 2023-09-27 is late only past 5 working days', () => {
    // 09-28 (1), 10-07 (2), 10-08 (3), 10-09 (4), 10-10 (5)
    expect(isLateByWorkdays('2023-09-27', '2023-10-09', 5)).toEqual({ late: false, deadline: '2023-10-10', calendarKnown: true });
    expect(isLateByWorkdays('2023-09-27', '2023-10-16', 5).late).toBe(true);
  });

  it('counts working days in (a, b]', () => {
    expect(workdaysBetween('2023-09-27', '2023-10-09').value).toBe(4);
    expect(workdaysBetween('2023-12-08', '2023-12-15').value).toBe(5);
    expect(workdaysBetween('2023-12-15', '2023-12-15').value).toBe(0);
  });

  it('says the calendar is unknown for years without holiday data', () => {
    expect(hasCalendarData(2023)).toBe(true);
    expect(hasCalendarData(2027)).toBe(false);
    expect(addWorkdays('2026-12-29', 5).calendarKnown).toBe(false);
    expect(isLateByWorkdays('2027-03-01', '2027-03-20', 5).calendarKnown).toBe(false);
  });
});

describe('finding identity', () => {
  it('is a stable 16-hex hash of unit|check|column|subject', () => {
    const key = findingKey('yishi', 'column.stale', 'deptInfo', 'deptInfo');
    expect(key).toBe('yishi|column.stale|deptInfo|deptInfo');
    expect(findingId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(findingId(key)).toBe(findingId('yishi|column.stale|deptInfo|deptInfo'));
    expect(findingId(key)).not.toBe(findingId(findingKey('yishi', 'column.stale', 'policies', 'policies')));
  });
});
