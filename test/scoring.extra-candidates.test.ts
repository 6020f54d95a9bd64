import { describe, it, expect } from 'vitest';
import { loadRubric } from '../config/index.ts';
import { computeScores, type ScoringFinding } from '../scoring/index.ts';
import type { ManualEntry, ReviewState } from '../store/index.ts';
import { manualEntry } from './helpers/manual-entry.ts';

// Content-safety findings reach the 2023 重大扣分项 (一)(二) only as candidates, and only once a person confirmed them;
// the total changes only with an entry for the item.
const rubric = loadRubric('builtin:2023', 2023);
const town = { id: 'yishi', name: '猗氏镇政府', class: 'A' as const };
const confirmed: ReviewState = { status: 'confirmed', by: '张三', at: '2023-12-01T00:00:00Z', reason: '', seq: 1 };
const f = (id: string, checkId: ScoringFinding['checkId'], review: ReviewState): ScoringFinding => ({
  id,
  unitId: town.id,
  checkId,
  indicator: 'notice.monthly',
  kind: 'deduction',
  title: `问题${id}`,
  occurrences: 1,
  suggestedPoints: -1,
  evidence: [{ url: `https://example.gov.cn/${id}`, excerpt: '', snapshot: null }],
  review,
});
const entry: ManualEntry = manualEntry(
  { seq: 1, year: 2023, unitId: town.id, target: 'penalty:secrecyLeak', note: '考核小组认定', by: '李四', at: '2023-12-10T00:00:00Z' },
  { occurrences: 1 },
);
const score = (findings: ScoringFinding[], entries: ManualEntry[] = []) =>
  computeScores({ rubric, units: [town], findings, entries, notices: [], asOf: '2023-12-15', year: 2023, county: '临猗县' }).units[0];

describe('重大扣分项 candidates', () => {
  it('confirmed 严重表述错误 and 隐私泄露 are candidates for (一) and (二); pending or dismissed ones are not; the total is unchanged', () => {
    const base = score([]);
    const u = score([
      f('a', 'content.expression', confirmed),
      f('b', 'privacy.exposure', confirmed),
      f('c', 'privacy.exposure', { status: 'pending' }),
      f('d', 'content.expression', { ...confirmed, status: 'dismissed' }),
    ]);
    expect(u.extraCandidates!.map((c) => [c.target, c.findings.map((b) => b.findingId), c.entered])).toEqual([
      ['penalty:platformIncident', ['a'], false],
      ['penalty:secrecyLeak', ['b'], false],
    ]);
    expect(u.total).toBe(base.total);
    expect(u.extras).toEqual([]);
    expect(score([f('c', 'privacy.exposure', { status: 'pending' })]).extraCandidates).toBeUndefined();
  });

  it('applied only through an entry for the item, which marks the candidate decided', () => {
    const base = score([f('b', 'privacy.exposure', confirmed)]);
    const u = score([f('b', 'privacy.exposure', confirmed)], [entry]);
    expect(u.extraCandidates![0]).toMatchObject({ target: 'penalty:secrecyLeak', entered: true });
    expect(u.total).toBe(base.total - 5);
  });
});
