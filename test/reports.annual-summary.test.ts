import { describe, it, expect } from 'vitest';
import { writeAnnualReport } from '../reports/index.ts';
import { buildFindings, buildScores, sampleUnits } from './fixtures/reports/build.ts';
import { fixtureRubric } from './fixtures/reports/rubric.ts';
import { readDocx, tempDir } from './fixtures/reports/read.ts';

describe('考核结果报告', () => {
  it('counts pending items and the units they concern alike, keeps the rounding in an 附注, and never doubles punctuation', async () => {
    const units = sampleUnits();
    const findings = buildFindings(units);
    const scores = buildScores(findings, units);
    // pending 赋分 items change no total before they are confirmed: the units they concern must still be counted
    const pending = findings.filter((f) => f.status === 'pending' && f.kind !== 'warning');
    expect(pending.length).toBeGreaterThan(0);
    const files = await writeAnnualReport({ scores, rubric: fixtureRubric, pending, issuedOn: '2023-12-20' }, await tempDir());
    const { text } = await readDocx(files[1]);
    const m = /尚有(\d+)项检查结果待人工确认，涉及(\d+)个单位/.exec(text);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThan(0);
    expect(Number(m![2])).toBeLessThanOrEqual(Number(m![1]));
    expect(text).not.toMatch(/。。|。；|；。/);
    const body = text.slice(0, text.indexOf('附注'));
    expect(body).not.toContain('名额取整：');
    expect(text.slice(text.indexOf('附注'))).toContain('名额取整：');
  });
});
