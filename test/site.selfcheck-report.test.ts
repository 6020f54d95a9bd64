import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runSiteChecks } from '../checks/index.ts';
import { scoreSite19 } from '../scoring/index.ts';
import { writeSelfCheck19Report } from '../reports/index.ts';
import { readDocx, tempDir } from './fixtures/reports/read.ts';
import { observation, probesOver, siteInput, SITE } from './helpers/site-input.ts';

const NASTY = '<script>alert(1)</script>县人民政府门户网站';

function result(over: Parameters<typeof siteInput>[0], month = '2023-11', asOf = '2023-11-24') {
  const input = siteInput({ ...over, site: { ...SITE, name: NASTY }, asOf });
  return scoreSite19({ table: input.table, findings: runSiteChecks(input), siteId: 'portal', siteName: NASTY, kind: '门户', month, asOf });
}

describe('门户网站 19号 自查报告', () => {
  it('states the verdict, the footer marks found missing and the months, in .docx and escaped .html', async () => {
    const r = result({ observation: observation({ icp: null, police: null }) });
    expect(r.verdict).toBe('合格');
    const files = await writeSelfCheck19Report(
      {
        county: '某县',
        result: r,
        issuedOn: '2023-11-24',
        trend: [
          { month: '2023-10', verdict: '不合格', deductionScore: null, vetoes: 1 },
          { month: '2023-11', verdict: r.verdict, deductionScore: r.deductionScore, vetoes: 0 },
        ],
      },
      await tempDir(),
    );
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/自查报告\.docx$/);
    const { text } = await readDocx(files[0]);
    expect(text).toContain('自查结论：合格');
    expect(text).toContain('首页未展示ICP备案编号');
    expect(text).toContain('首页未展示公安机关备案标识');
    const conclusion = text.split('\n').find((l) => l.startsWith('自查结论'))!;
    expect(conclusion.match(/扣分部分得分/g)).toHaveLength(1); // stated once
    expect(conclusion).toContain(`扣分部分得分 ${r.deductionScore}`);
    expect(text).toContain('2023年10月');
    expect(text).toContain('某县人民政府办公室');
    const html = await readFile(files[1], 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('首页未展示ICP备案编号');
  });

  it('a veto decides the report: 不合格, nothing else scored, the veto named', async () => {
    const r = result({ probes: probesOver('2023-11-24', 140, 8) }); // 20 a day, 5.7 %;
    expect(r.verdict).toBe('不合格');
    const files = await writeSelfCheck19Report({ county: '某县', result: r, issuedOn: '2023-11-24', trend: [] }, await tempDir());
    const { text } = await readDocx(files[0]);
    expect(text).toContain('站点无法访问');
    expect(text).toContain('触发');
    const conclusion = text.split('\n').find((l) => l.startsWith('自查结论'))!;
    expect(conclusion).toContain('不再计分');
    expect(conclusion).not.toMatch(/扣分部分得分 \d/);
  });
});
