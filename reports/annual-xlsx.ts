// 年度考核评分表 (.xlsx): one sheet per unit laid out like 附件2/附件3 plus 得分 and 评分依据, a ranking and a pending sheet.
import ExcelJS from 'exceljs';
import type { Finding } from '../checks/index.ts';
import type { Rubric, RubricRow } from '../config/index.ts';
import { orderedCounts } from './annual-summary.ts';
import { basisLinks, basisText, pendingBasis, type PendingRow } from './annual-basis.ts';
import { fmtPoints, safeCellText, safeSheetName } from './format.ts';
import { checkName, columnName } from './labels.ts';
import type { IndicatorScore, ScoresFile, UnitScore } from './types.ts';

export const UNIT_HEADERS = ['一级指标', '二级指标', '三级指标', '赋分', '扣分标准', '加分标准', '考核方式', '扣分', '加分', '赋分值', '得分', '待确认扣分', '评分依据', '证据链接', '备注'] as const;
const COL = Object.fromEntries(UNIT_HEADERS.map((h, i) => [h, i + 1])) as Record<(typeof UNIT_HEADERS)[number], number>;
const HEADER_ROW = 3;

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const FONT_BODY = { name: '仿宋_GB2312', size: 11 };
const FONT_HEAD = { name: '黑体', size: 11 };

function colLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function weightText(row: RubricRow | undefined, ind: IndicatorScore): string {
  if (row && row.min != null && row.max != null) return `${fmtPoints(row.min)}—${fmtPoints(row.max)}`;
  return ind.weight ? fmtPoints(ind.weight) : '-';
}

function styleRow(r: ExcelJS.Row, head = false): void {
  r.eachCell({ includeEmpty: true }, (c) => {
    c.border = border;
    c.font = head ? FONT_HEAD : FONT_BODY;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: head ? 'center' : undefined };
  });
}

/** Returns the cell address of the unit's total (for the summary sheet's formulas). */
function unitSheet(wb: ExcelJS.Workbook, name: string, u: UnitScore, rubric: Rubric, scores: ScoresFile): string {
  const ws = wb.addWorksheet(name);
  ws.columns = [12, 12, 18, 7, 40, 28, 18, 7, 7, 7, 8, 9, 40, 40, 14].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, UNIT_HEADERS.length);
  ws.getCell(1, 1).value = `${u.unitName} ${scores.year}年度政务公开工作考核评分表（${u.class}类）`;
  ws.getCell(1, 1).font = { name: '方正小标宋简体', size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, UNIT_HEADERS.length);
  const grade = u.gradeOverride ? `${u.gradeOverride.grade}（原建议${u.grade ?? '—'}，${u.gradeOverride.reason}）` : u.grade ?? '—';
  ws.getCell(2, 1).value = `考核截至：${scores.asOf}　得分：${fmtPoints(u.total)}　待确认项全部确认后：${fmtPoints(u.totalIfPendingConfirmed)}　${u.class}类排名：${u.rank}　等次建议：${grade}`;
  ws.getCell(2, 1).font = FONT_BODY;
  styleRow(ws.addRow([...UNIT_HEADERS]), true);
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW }];

  const rows = new Map(rubric.classes[u.class].rows.map((r) => [r.id, r]));
  const first = HEADER_ROW + 1;
  for (const ind of u.indicators) {
    const row = rows.get(ind.rowId);
    const r = ws.addRow([
      ind.level1, ind.level2, ind.level3, weightText(row, ind),
      row?.deductionText ?? '', row?.bonusText ?? '', row?.method ?? '',
      ind.deduction || null, ind.bonus || null, row?.rule.type === 'ranged' || row?.rule.type === 'assigned' ? ind.value : null,
      ind.points, ind.pendingDeduction || null,
      safeCellText(basisText(ind.basis)), safeCellText(basisLinks(ind.basis)), ind.capApplied ?? (row ? '' : '评分表中无此指标'),
    ]);
    styleRow(r);
  }
  for (const e of u.extras) {
    const r = ws.addRow([e.points >= 0 ? '综合加分项' : '重大扣分项', '', e.label, '', '', '', e.points >= 0 ? rubric.extras.bonusMethod : rubric.extras.penaltyMethod,
      e.points < 0 ? -e.points : null, e.points > 0 ? e.points : null, null, e.points, null, safeCellText(basisText(e.basis)), safeCellText(basisLinks(e.basis)), '']);
    styleRow(r);
  }
  const last = ws.rowCount;
  const pts = colLetter(COL['得分']);
  const sum = [...u.indicators.map((i) => i.points), ...u.extras.map((e) => e.points)].reduce((s, p) => s + p, 0);
  const reconciles = Math.abs(sum - u.total) < 1e-6;
  const totalRow = ws.addRow(['合计', '', '', '', '', '', '', null, null, null, null, null, '', '', '']);
  const totalCell = totalRow.getCell(COL['得分']);
  // The formula's cached result is the scores.json total, so readers that don't recalculate show the same number.
  totalCell.value = reconciles ? { formula: `SUM(${pts}${first}:${pts}${last})`, result: u.total } : u.total;
  totalRow.getCell(COL['待确认扣分']).value = u.totalIfPendingConfirmed !== u.total ? u.total - u.totalIfPendingConfirmed : null;
  totalRow.getCell(COL['备注']).value = reconciles ? '' : `各项得分之和为${fmtPoints(sum)}，与 scores.json 总分不一致，以 scores.json 为准，请核对`;
  styleRow(totalRow, true);
  return `'${name}'!${pts}${totalRow.number}`;
}

function summarySheet(wb: ExcelJS.Workbook, scores: ScoresFile, rubric: Rubric, totals: Map<string, { sheet: string; cell: string }>): void {
  const ws = wb.getWorksheet('汇总排名')!;
  ws.columns = [6, 8, 26, 10, 16, 10, 10, 36, 14].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, 9);
  ws.getCell(1, 1).value = `${scores.county}${scores.year}年度政务公开工作考核得分汇总及等次建议`;
  ws.getCell(1, 1).font = { name: '方正小标宋简体', size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, 1).value = `考核截至 ${scores.asOf}；A类、B类分别排名；等次为建议，报县政务公开领导小组审定。`;
  for (const cls of ['A', 'B'] as const) {
    ws.addRow([]);
    const heading = ws.addRow([`${cls}类（${cls === 'A' ? '乡镇' : '县直单位'}）`]);
    heading.getCell(1).font = FONT_HEAD;
    styleRow(ws.addRow(['名次', '类别', '单位名称', '得分', '待确认项全部确认后', '等次建议', '审定等次', '调整理由', '调整人']), true);
    const units = scores.units.filter((u) => u.class === cls).sort((a, b) => a.rank - b.rank || b.total - a.total);
    for (const u of units) {
      const t = totals.get(u.unitId)!;
      const r = ws.addRow([u.rank, cls, { text: u.unitName, hyperlink: `#'${t.sheet}'!A1` }, { formula: t.cell, result: u.total }, u.totalIfPendingConfirmed,
        u.grade ?? '—', u.gradeOverride?.grade ?? u.grade ?? '—', u.gradeOverride?.reason ?? '', u.gradeOverride?.by ?? '']);
      styleRow(r);
    }
    const g = scores.grades[cls];
    const counts = orderedCounts(g.counts, rubric.grading.order).map(([k, v]) => `${k}${v}个`).join('，');
    ws.addRow([`${cls}类共${g.total}个单位：${counts}。名额取整：${g.rounding}；同分处理：${g.ties}。`]).getCell(1).font = FONT_BODY;
  }
}

function pendingSheet(wb: ExcelJS.Workbook, scores: ScoresFile, pending: Finding[]): number {
  const ws = wb.getWorksheet('待确认事项')!;
  ws.columns = [6, 20, 18, 16, 16, 44, 44, 12, 8, 12].map((width) => ({ width }));
  styleRow(ws.addRow(['序号', '单位名称', '问题类型', '指标', '栏目', '问题', '证据链接', '建议分值', '置信度', '来源']), true);
  const rows: (PendingRow & { type: string; column: string; confidence: string })[] = pending.map((f) => ({
    unitName: f.unitName, item: f.indicator, problem: f.title, url: f.evidence[0]?.url ?? f.subject, points: fmtPoints(f.suggestedPoints), source: '审核队列',
    type: checkName(f.checkId), column: columnName(f.column), confidence: `${f.confidence === 'low' ? '低' : '高'}${f.confidenceReason ? `：${f.confidenceReason}` : ''}`,
  }));
  const known = new Set(pending.map((f) => f.id));
  for (const b of pendingBasis(scores)) {
    if (b.findingId && known.has(b.findingId)) continue;
    rows.push({ ...b, type: '', column: '', confidence: '' });
  }
  rows.forEach((r, i) => styleRow(ws.addRow([i + 1, r.unitName, r.type, r.item, r.column, safeCellText(r.problem), safeCellText(r.url), r.points, safeCellText(r.confidence), r.source])));
  if (!rows.length) ws.addRow(['', '无待确认事项']);
  return rows.length;
}

export async function annualWorkbook(scores: ScoresFile, rubric: Rubric, pending: Finding[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = scores.county;
  wb.created = new Date(`${scores.asOf}T00:00:00+08:00`);
  wb.addWorksheet('汇总排名');
  wb.addWorksheet('待确认事项');
  const used = new Set(['汇总排名', '待确认事项']);
  const totals = new Map<string, { sheet: string; cell: string }>();
  const ordered = [...scores.units].sort((a, b) => a.class.localeCompare(b.class));
  for (const u of ordered) {
    const sheet = safeSheetName(u.unitName, used);
    totals.set(u.unitId, { sheet, cell: unitSheet(wb, sheet, u, rubric, scores) });
  }
  summarySheet(wb, scores, rubric, totals);
  pendingSheet(wb, scores, pending);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
