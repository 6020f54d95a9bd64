// The queue's query parsing, order and 下一条, and how the workspace writes times and counters.
import { describe, it, expect } from 'vitest';
import type { TrackedFinding } from '../store/index.ts';
import { filterAndSort, nextPending, pageOf, parseQueueQuery, queueQs } from '../service/web/queue.ts';
import { beijingTime, countsInWords, sourceLabel } from '../service/web/zh.ts';

const f = (id: string, patch: Partial<TrackedFinding>): TrackedFinding =>
  ({
    id,
    unitId: 'u',
    checkId: 'column.stale',
    kind: 'deduction',
    confidence: 'high',
    suggestedPoints: -1,
    asOf: '2023-12-15',
    status: 'pending',
    ...patch,
  }) as TrackedFinding;

describe('queue query', () => {
  it('keeps known values only, and a changed filter starts at page 1', () => {
    const q = parseQueueQuery(
      (k) =>
        ({ unit: 'yishi', kind: 'warning', confidence: 'low', sort: 'points-desc', page: '3', per: '20', month: '2023-13x', check: '<x>' })[
          k
        ],
    );
    expect(q).toMatchObject({
      unitId: 'yishi',
      kind: 'warning',
      confidence: 'low',
      sort: 'points-desc',
      page: 3,
      per: 20,
      month: undefined,
      checkId: undefined,
    });
    expect(parseQueueQuery((k) => ({ kind: 'evil', sort: 'drop table', page: '-1', per: '100000' })[k])).toMatchObject({
      kind: undefined,
      sort: 'default',
      page: 1,
      per: 50,
    });
    expect(queueQs(q)).toBe('?unit=yishi&kind=warning&confidence=low&sort=points-desc&per=20');
    expect(queueQs(q, 3)).toContain('page=3');
  });

  it('sorts by points (largest deduction or bonus first) and by date, ties in a stable order, and pages', () => {
    const list = [
      f('a', { suggestedPoints: -0.5, asOf: '2023-11-15' }),
      f('b', { suggestedPoints: -2 }),
      f('c', { suggestedPoints: 1, confidence: 'low' }),
      f('d', { kind: 'warning', suggestedPoints: 0 }),
    ];
    const ids = (q: Record<string, string>) =>
      filterAndSort(
        [...list],
        parseQueueQuery((k) => q[k]),
      ).map((x) => x.id);
    expect(ids({ sort: 'points-desc' })).toEqual(['b', 'c', 'a', 'd']);
    expect(ids({ sort: 'points-asc' })).toEqual(['d', 'a', 'c', 'b']);
    expect(ids({ sort: 'date-asc' })).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ confidence: 'low' })).toEqual(['c']);
    expect(ids({ kind: 'warning' })).toEqual(['d']);
    const p = pageOf(
      Array.from({ length: 23 }, (_, i) => f(String(i).padStart(2, '0'), {})),
      9,
      10,
    );
    expect(p).toMatchObject({ page: 3, pages: 3, first: 20, total: 23 });
    expect(p.items.length).toBe(3);
  });

  it('下一条 is the next pending finding after the decided one, else the first pending before it', () => {
    const list = [f('a', {}), f('b', { status: 'confirmed' }), f('c', {}), f('d', { status: 'dismissed' }), f('e', {})];
    expect(nextPending(list, 'a')?.id).toBe('c');
    expect(nextPending(list, 'c')?.id).toBe('e');
    expect(nextPending(list, 'e')?.id).toBe('a');
    expect(nextPending([f('a', {})], 'a')).toBeNull();
  });
});

describe('workspace words', () => {
  it('shows times in Beijing time and counters and sources in words', () => {
    expect(beijingTime('2023-12-15T18:30:00.000Z')).toBe('2023-12-16 02:30');
    expect(beijingTime('2023-12-15')).toBe('2023-12-15');
    expect(countsInWords({ units: 4, pagesFetched: 120, findings: 7, mystery: 1 })).toBe(
      '单位 4 个，抓取页面 120 个，发现问题 7 条，其他 1 项',
    );
    expect(sourceLabel('import:/tmp/x/审核表.xlsx')).toBe('表格导入（审核表.xlsx）');
    expect(sourceLabel('web:批量确认')).toBe('工作台批量确认');
  });
});
