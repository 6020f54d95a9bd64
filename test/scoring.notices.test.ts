import { describe, it, expect } from 'vitest';
import { loadCountyConfig, loadRubric } from '../config/index.ts';
import { notifiedUnits, recordDecision, recordMonthlyNotices } from '../store/index.ts';
import { scoreFromStore } from '../scoring/index.ts';
import { addRun, finding, tempStore, writeConfig } from './fixtures/scoring/helpers.ts';

const rubric = loadRubric('builtin:2023', 2023);

describe('monthly 通报 feed notice.monthly', () => {
  it('a unit with a confirmed monthly finding is notified that month; −1 per month, cap 8', () => {
    const { store, dir } = tempStore();
    const config = loadCountyConfig(writeConfig(dir));
    const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];
    months.forEach((m, i) => {
      // same gap every month (same id), plus a dismissed one for niudu and a pending one for minzheng
      const yishi = finding({
        unitId: 'yishi',
        checkId: 'column.stale',
        indicator: 'notice.monthly',
        column: 'deptInfo',
        subject: 'deptInfo',
        monthly: true,
      });
      const niudu = finding({
        unitId: 'niudu',
        checkId: 'link.broken',
        indicator: 'notice.monthly',
        subject: `https://example.gov.cn/niudu/${i}`,
        monthly: true,
      });
      const minzheng = finding({
        unitId: 'minzheng',
        checkId: 'column.blank',
        indicator: 'notice.monthly',
        column: 'policies',
        subject: `p${i}`,
        monthly: true,
      });
      const warning = finding({
        unitId: 'fagai',
        checkId: 'column.stale',
        indicator: 'notice.monthly',
        subject: 'w',
        monthly: true,
        kind: 'warning',
      });
      const runId = addRun(store, { asOf: `2023-${m}-05`, findings: [yishi, niudu, minzheng, warning] });
      if (i < 4 || i === 9) recordDecision(store, { findingId: yishi.id, action: 'confirm', by: '张三' });
      recordDecision(store, { findingId: niudu.id, action: 'dismiss', by: '张三', reason: '链接正常' });
      recordMonthlyNotices(store, runId);
    });
    // yishi's decision carries over from month to month (same finding id): notified every month
    expect(notifiedUnits(store, '2023-03').map((n) => n.unitId)).toEqual(['yishi']);
    const scores = scoreFromStore(store, { config, rubric, year: 2023, asOf: '2023-12-15' });
    const row = (id: string) => scores.units.find((u) => u.unitId === id)!.indicators.find((i) => i.rowId === 'notice.monthly')!;
    expect(row('yishi').deduction).toBe(8); // 10 months notified, cap 8
    expect(row('yishi').capApplied).toBe('deduction');
    expect(row('yishi').basis.filter((b) => b.status === 'confirmed')).toHaveLength(10);
    expect(row('niudu').deduction).toBe(0); // dismissed: never 通报
    expect(row('minzheng').deduction).toBe(0);
    expect(row('minzheng').pendingDeduction).toBe(8); // 10 pending months would be −8 after the cap
    expect(row('fagai').deduction).toBe(0); // warnings never count

    const four = scoreFromStore(store, { config, rubric, year: 2023, asOf: '2023-04-30' });
    expect(four.units.find((u) => u.unitId === 'yishi')!.indicators.find((i) => i.rowId === 'notice.monthly')!.deduction).toBe(4);
    store.close();
  });
});
