// Charts rendered server-side: echarts SSR to SVG, resvg to PNG with the Noto CJK fonts (no browser).
import { existsSync } from 'node:fs';
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, CJK_FONT_FILES } from './fonts.ts';

interface ChartSize {
  width: number;
  height: number;
}

export interface Chart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/** echarts option → SVG string. Text uses the CJK font so the PNG and the HTML look the same. */
export function renderChartSvg(option: echarts.EChartsOption, size: ChartSize = { width: 800, height: 400 }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: `${CHART_FONT_FAMILY}, sans-serif` }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Font files present on this machine; an empty list makes resvg fall back to system fonts. */
function chartFontFiles(): string[] {
  return CJK_FONT_FILES.filter((f) => existsSync(f));
}

/** SVG → PNG at `scale` × the SVG size. */
export function chartPng(svg: string, scale = 2): Buffer {
  const fontFiles = chartFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  });
  return Buffer.from(resvg.render().asPng());
}

export function renderChart(option: echarts.EChartsOption, size: ChartSize = { width: 800, height: 400 }): Chart {
  const svg = renderChartSvg(option, size);
  return { svg, png: chartPng(svg), ...size };
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
