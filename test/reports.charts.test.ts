import { describe, it, expect } from 'vitest';
import { CHECK_IDS } from '../checks/index.ts';
import { CHECK_LABELS, chartPng, renderChartSvg, safeCellText, unitBarsOption, trendOption } from '../reports/index.ts';

describe('charts', () => {
  it('renders an SVG with Chinese labels and escapes markup in names', () => {
    const svg = renderChartSvg(
      unitBarsOption(
        [
          { name: '猗氏镇政府', count: 3 },
          { name: '<b>x</b>', count: 1 },
        ],
        '各单位问题数量',
      ),
      { width: 600, height: 300 },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('猗氏镇政府');
    expect(svg).toContain('各单位问题数量');
    expect(svg).not.toContain('<b>');
  });

  it('turns the SVG into a PNG without a browser', () => {
    const png = chartPng(
      renderChartSvg(
        trendOption([
          { month: '2023-10', counts: { 'column.blank': 2 } },
          { month: '2023-11', counts: { 'column.blank': 1, 'link.broken': 4 } },
        ]),
      ),
    );
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1600); // 800 px at scale 2
  });

  it('names every check id in Chinese', () => {
    for (const id of CHECK_IDS) expect(CHECK_LABELS[id].name).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('keeps formula-looking text inert (OWASP CSV injection)', () => {
    expect(safeCellText('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    for (const c of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(safeCellText(c).startsWith("'")).toBe(true);
    expect(safeCellText('猗氏镇')).toBe('猗氏镇');
  });
});
