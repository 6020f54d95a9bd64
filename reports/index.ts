// Public API of reports/: other folders import only from here.
export type * from './types.ts';
export { CHECK_LABELS, STATUS_LABELS, checkName, checkRule, columnName } from './labels.ts';
export { escapeHtml, safeCellText } from './format.ts';
export { isNotifiable } from './notified.ts';
export { writeMonthlyReport } from './monthly.ts';
export type { MonthlyInput, MonthlyRunInfo } from './monthly-content.ts';
export { writeUnitReport, writeAllUnitReports } from './unit.ts';
export type { UnitReportInput } from './unit.ts';
export { writeAnnualReport } from './annual.ts';
export type { AnnualInput } from './annual.ts';
export { renderChartSvg, chartPng, renderChart } from './charts.ts';
export { trendOption, unitBarsOption, scoreDistributionOption } from './chart-options.ts';
export { trendMonths, uninspectedMonths, NOT_INSPECTED, type MonthCounts } from './chart-options.ts';
export { renderPdf, hasChromium } from './pdf.ts';
export { selfCheck19FileName, writeSelfCheck19Report, type SelfCheck19Input } from './selfcheck19.ts';
