import { describe, it, expect } from 'vitest';
import { writeUnitReport } from '../reports/index.ts';
import { buildFindings, sampleUnits } from './fixtures/reports/build.ts';
import { readDocx, tempDir } from './fixtures/reports/read.ts';

// A 2023 inspection reproduced (or its pages re-fetched) years later: the documents carry the inspection's date.
describe('dates in documents are the inspection date, never the machine clock', () => {
  it('整改通知单: 检查时间 and 成文日期 come from the inspection, not from when a page was fetched', async () => {
    const units = sampleUnits();
    const unit = units[0];
    const findings = buildFindings(units).map((f) => ({
      ...f,
      asOf: '2023-12-15',
      evidence: f.evidence.map((e) => ({ ...e, fetchedAt: '2026-12-07T01:00:00Z' })),
    }));
    const [docxFile] = await writeUnitReport(
      { county: '临猗县（示例）', unit, findings, deadline: '2023-12-29', asOf: '2023-12-15' },
      await tempDir(),
    );
    const { text } = await readDocx(docxFile);
    expect(text).toContain('检查时间');
    expect(text).toContain('2023年12月15日');
    expect(text).not.toMatch(/2026年/);
  });
});
