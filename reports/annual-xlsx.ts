// 年度考核评分表 (.xlsx): one sheet per unit laid out like 附件2/附件3 plus 得分 and 评分依据, a ranking and a pending sheet.
import ExcelJS from 'exceljs';
import type { Finding } from '../checks/index.ts';
import type { Rubric, RubricRow } from '../config/index.ts';
import { orderedCounts } from './annual-summary.ts';
import { classOf, scoreClasses } from './classes.ts';
import { basisLinks, basisText, candidateRows, pendingBasis, type PendingRow } from './annual-basis.ts';
import { fmtPoints, quoteSheetName, safeCellText, safeSheetName } from './format.ts';
import { checkName, columnName } from './labels.ts';
import { fitRowHeights, printOnA4Landscape } from './xlsx-print.ts';
import type { IndicatorScore, ScoresFile, UnitScore } from './types.ts';

const UNIT_HEADERS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '赋分',
  '扣分标准',
  '加分标准',
  '考核方式',
  '扣分',
  '加分',
  '赋分值',
  '得分',
  '待确认扣分',
  '评分依据',
  '证据链接',
  '备注',
] as const;
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

function isRanged(row: RubricRow | undefined): boolean {
  return !!row && (row.rule.type === 'ranged' || row.rule.type === 'assigned');
}

/** 赋分 as the seed writes it: a number for 减分制 rows (so that 得分 can be a formula of it), a range, or "-". */
function weightCell(row: RubricRow | undefined, ind: IndicatorScore): number | string {
  if (row && row.min != null && row.max != null) return `${fmtPoints(row.min)}—${fmtPoints(row.max)}`;
  return ind.weight ? ind.weight : '-';
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * 得分 as a formula of the row's own cells, so that an evaluator who corrects 扣分 or 加分 sees 得分 and 合计
 * recompute; its cached result is the engine's figure. A row whose score the formula would not reproduce (a rule
 * form the sheet cannot express) keeps the plain number.
 */
function pointsCell(row: RubricRow | undefined, ind: IndicatorScore, r: number): ExcelJS.CellValue {
  const [w, d, b, v] = (['赋分', '扣分', '加分', '赋分值'] as const).map((h) => `${colLetter(COL[h])}${r}`);
  if (!row) return ind.points;
  if (isRanged(row)) return near(ind.value + ind.bonus, ind.points) ? { formula: `${v}+${b}`, result: ind.points } : ind.points;
  if (!ind.weight) return near(ind.bonus, ind.points) ? { formula: b, result: ind.points } : ind.points;
  return near(ind.weight - ind.deduction + ind.bonus, ind.points) ? { formula: `MAX(0,${w}-${d})+${b}`, result: ind.points } : ind.points;
}

/** 一级指标 (and 二级指标 within it) merged over their rows, the 一级指标 with its weight as in the seed: 组织领导与工作保障（11分）. */
function mergeLevels(ws: ExcelJS.Worksheet, first: number, rows: { level1: string; level2: string; weight: number | null }[]): void {
  const merge = (col: number, from: number, to: number, text: string) => {
    if (to > from) ws.mergeCells(from, col, to, col);
    ws.getCell(from, col).value = text;
  };
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1].level1 === rows[i].level1) j++;
    const weight = rows[i].weight;
    merge(1, first + i, first + j, weight ? `${rows[i].level1}（${fmtPoints(weight)}分）` : rows[i].level1);
    for (let k = i; k <= j; ) {
      let m = k;
      while (m + 1 <= j && rows[m + 1].level2 === rows[k].level2 && rows[k].level2) m++;
      if (m > k) merge(2, first + k, first + m, rows[k].level2);
      k = m + 1;
    }
    i = j + 1;
  }
}

function extraItemsText(items: { label: string }[]): string {
  const nums = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  return items.map((it, i) => `（${nums[i] ?? i + 1}）${it.label}`).join('\n');
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
  unitSheetHead(ws, u, scores);
  const first = HEADER_ROW + 1;
  indicatorRows(ws, u, rubric);
  // 综合加分项 and 重大扣分项 as the seed has them: one row each with every item, this unit's points and their basis
  for (const kind of ['bonus', 'penalty'] as const) extraItemsRow(ws, u, rubric, kind);
  const totalRow = unitTotalRow(ws, u, first);
  // 重大扣分项 candidates: below the total, outside its sum — a person decides and enters them, or not
  for (const c of u.extraCandidates ?? []) extraCandidateRow(ws, u, c);
  fitRowHeights(ws, HEADER_ROW + 1);
  printOnA4Landscape(ws, { titleRows: `${HEADER_ROW}:${HEADER_ROW}`, lastColumn: colLetter(UNIT_HEADERS.length) });
  return `${quoteSheetName(name)}!${colLetter(COL['得分'])}${totalRow.number}`;
}

/** Title, the unit's result line and the frozen column headers. */
function unitSheetHead(ws: ExcelJS.Worksheet, u: UnitScore, scores: ScoresFile): void {
  ws.columns = [12, 12, 18, 7, 40, 28, 18, 7, 7, 7, 8, 9, 40, 40, 14].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, UNIT_HEADERS.length);
  ws.getCell(1, 1).value = `${u.unitName} ${scores.year}年度政务公开工作考核评分表（${classOf(scores, u.class).short}）`;
  ws.getCell(1, 1).font = { name: '方正小标宋简体', size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, UNIT_HEADERS.length);
  const grade = u.gradeOverride ? `${u.gradeOverride.grade}（原建议${u.grade ?? '—'}，${u.gradeOverride.reason}）` : (u.grade ?? '—');
  ws.getCell(2, 1).value =
    `考核截至：${scores.asOf}　得分：${fmtPoints(u.total)}　待确认项全部确认后：${fmtPoints(u.totalIfPendingConfirmed)}　${classOf(scores, u.class).short}排名：${u.rank}　等次建议：${grade}`;
  ws.getCell(2, 1).font = FONT_BODY;
  styleRow(ws.addRow([...UNIT_HEADERS]), true);
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
}

/** One row per indicator with its points formula, level cells merged. */
function indicatorRows(ws: ExcelJS.Worksheet, u: UnitScore, rubric: Rubric): void {
  const classRows = rubric.classes[u.class].rows;
  const rows = new Map(classRows.map((r) => [r.id, r]));
  const level1Weight = (level1: string): number | null => {
    const stated = classRows.find((r) => r.level1 === level1 && r.level1Weight != null)?.level1Weight;
    if (stated != null) return stated;
    const sum = classRows.filter((r) => r.level1 === level1).reduce((t, r) => t + (r.weight || 0), 0);
    return sum || null;
  };
  const first = HEADER_ROW + 1;
  for (const ind of u.indicators) {
    const row = rows.get(ind.rowId);
    const r = ws.addRow([
      ind.level1,
      ind.level2,
      ind.level3,
      weightCell(row, ind),
      row?.deductionText ?? '',
      row?.bonusText ?? '',
      row?.method ?? '',
      ind.deduction || null,
      ind.bonus || null,
      isRanged(row) ? ind.value : null,
      null,
      ind.pendingDeduction || null,
      safeCellText(basisText(ind.basis)),
      safeCellText(basisLinks(ind.basis)),
      ind.capApplied ?? (row ? '' : '评分表中无此指标'),
    ]);
    r.getCell(COL['得分']).value = pointsCell(row, ind, r.number);
    styleRow(r);
  }
  mergeLevels(
    ws,
    first,
    u.indicators.map((i) => ({ level1: i.level1, level2: i.level2, weight: level1Weight(i.level1) })),
  );
}

function extraItemsRow(ws: ExcelJS.Worksheet, u: UnitScore, rubric: Rubric, kind: 'bonus' | 'penalty'): void {
  const mine = u.extras.filter((e) => (kind === 'bonus' ? e.points >= 0 : e.points < 0));
  const sum = mine.reduce((t, e) => t + Math.abs(e.points), 0);
  const items = extraItemsText(rubric.extras[kind]);
  const basis = mine.map((e) => `${e.label}：${fmtPoints(e.points)} 分${basisText(e.basis) ? `（${basisText(e.basis)}）` : ''}`).join('\n');
  const r = ws.addRow([
    kind === 'bonus' ? '综合加分项' : '重大扣分项',
    '',
    '',
    '不设上限',
    kind === 'penalty' ? items : '',
    kind === 'bonus' ? items : '',
    kind === 'bonus' ? rubric.extras.bonusMethod : rubric.extras.penaltyMethod,
    kind === 'penalty' && sum ? sum : null,
    kind === 'bonus' && sum ? sum : null,
    null,
    null,
    null,
    safeCellText(basis || (kind === 'bonus' ? '无综合加分' : '无重大扣分')),
    safeCellText(mine.map((e) => basisLinks(e.basis)).join('\n')),
    '',
  ]);
  const cell = colLetter(COL[kind === 'bonus' ? '加分' : '扣分']);
  r.getCell(COL['得分']).value = {
    formula: kind === 'bonus' ? `${cell}${r.number}` : `-${cell}${r.number}`,
    result: kind === 'bonus' ? sum : sum ? -sum : 0,
  };
  ws.mergeCells(r.number, 1, r.number, 3);
  styleRow(r);
}

/** The 合计 row: a SUM formula when the parts add up to scores.json's total, else that total and a note. */
function unitTotalRow(ws: ExcelJS.Worksheet, u: UnitScore, first: number): ExcelJS.Row {
  const last = ws.rowCount;
  const pts = colLetter(COL['得分']);
  const sum = [...u.indicators.map((i) => i.points), ...u.extras.map((e) => e.points)].reduce((s, p) => s + p, 0);
  const reconciles = Math.abs(sum - u.total) < 1e-6;
  const totalRow = ws.addRow(['合计', '', '', '', '', '', '', null, null, null, null, null, '', '', '']);
  const totalCell = totalRow.getCell(COL['得分']);
  // The formula's cached result is the scores.json total, so readers that don't recalculate show the same number.
  totalCell.value = reconciles ? { formula: `SUM(${pts}${first}:${pts}${last})`, result: u.total } : u.total;
  totalRow.getCell(COL['待确认扣分']).value = u.totalIfPendingConfirmed !== u.total ? u.total - u.totalIfPendingConfirmed : null;
  totalRow.getCell(COL['备注']).value = reconciles
    ? ''
    : `各项得分之和为${fmtPoints(sum)}，与 scores.json 总分不一致，以 scores.json 为准，请核对`;
  styleRow(totalRow, true);
  return totalRow;
}

function extraCandidateRow(ws: ExcelJS.Worksheet, u: UnitScore, c: NonNullable<UnitScore['extraCandidates']>[number]): void {
  const r = ws.addRow([
    `${c.kind === 'penalty' ? '重大扣分项' : '综合加分项'}候选（未计入得分）`,
    '',
    '',
    c.points === null ? '酌情' : c.points,
    c.label,
    '',
    '须考核小组认定',
    null,
    null,
    null,
    null,
    null,
    safeCellText(basisText(c.findings)),
    safeCellText(basisLinks(c.findings)),
    c.entered ? '已录入，见上方重大扣分项' : `认定后录入：zwgk manual add --unit ${u.unitId} --indicator ${c.target}`,
  ]);
  ws.mergeCells(r.number, 1, r.number, 3);
  styleRow(r);
}

function summarySheet(
  wb: ExcelJS.Workbook,
  scores: ScoresFile,
  rubric: Rubric,
  totals: Map<string, { sheet: string; cell: string }>,
): void {
  const ws = wb.getWorksheet('汇总排名')!;
  ws.columns = [6, 8, 26, 10, 16, 10, 10, 36, 14].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, 9);
  ws.getCell(1, 1).value = `${scores.county}${scores.year}年度政务公开工作考核得分汇总及等次建议`;
  ws.getCell(1, 1).font = { name: '方正小标宋简体', size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const classes = scoreClasses(scores);
  const ranking = classes.length > 1 ? `${classes.map((c) => c.short).join('、')}分别排名` : '按得分排名';
  ws.getCell(2, 1).value =
    `考核截至 ${scores.asOf}；${ranking}；${rubric.grading ? '等次为建议，报县政务公开领导小组审定' : '考核细则未规定等次比例，不提出等次建议'}。`;
  for (const c of classes) {
    const cls = c.key;
    ws.addRow([]);
    const heading = ws.addRow([c.heading]);
    heading.getCell(1).font = FONT_HEAD;
    styleRow(ws.addRow(['名次', '类别', '单位名称', '得分', '待确认项全部确认后', '等次建议', '审定等次', '调整理由', '调整人']), true);
    const units = scores.units.filter((u) => u.class === cls).sort((a, b) => a.rank - b.rank || b.total - a.total);
    for (const u of units) {
      const t = totals.get(u.unitId)!;
      const r = ws.addRow([
        u.rank,
        c.label,
        { text: u.unitName, hyperlink: `#${quoteSheetName(t.sheet)}!A1` },
        { formula: t.cell, result: u.total },
        u.totalIfPendingConfirmed,
        u.grade ?? '—',
        u.gradeOverride?.grade ?? u.grade ?? '—',
        u.gradeOverride?.reason ?? '',
        u.gradeOverride?.by ?? '',
      ]);
      styleRow(r);
    }
    const g = scores.grades[cls];
    const counts = orderedCounts(g?.counts ?? {}, rubric.grading?.order ?? [])
      .map(([k, v]) => `${k}${v}个`)
      .join('，');
    const line =
      rubric.grading && g
        ? `${c.short}共${c.units}个单位：${counts}。名额取整：${g.rounding}；同分处理：${g.ties}。`
        : `${c.short}共${c.units}个单位。`;
    ws.addRow([line]).getCell(1).font = FONT_BODY;
  }
  printOnA4Landscape(ws, { titleRows: '1:2', lastColumn: 'I' });
}

/** What an evaluator calls the indicator: its 三级 (or 二级) name in the rubric, never the internal row id. */
function indicatorNames(rubric: Rubric): Map<string, string> {
  const names = new Map<string, string>();
  for (const cls of Object.values(rubric.classes)) {
    for (const r of cls.rows) if (!names.has(r.id)) names.set(r.id, r.level3 || r.level2 || r.level1);
  }
  return names;
}

function pendingSheet(wb: ExcelJS.Workbook, scores: ScoresFile, rubric: Rubric, pending: Finding[]): number {
  const ws = wb.getWorksheet('待确认事项')!;
  const names = indicatorNames(rubric);
  ws.columns = [6, 20, 18, 16, 16, 44, 44, 12, 8, 12].map((width) => ({ width }));
  styleRow(ws.addRow(['序号', '单位名称', '问题类型', '指标', '栏目', '问题', '证据链接', '建议分值', '置信度', '来源']), true);
  const rows: (PendingRow & { type: string; column: string; confidence: string })[] = pending.map((f) => ({
    unitName: f.unitName,
    item: names.get(f.indicator) ?? checkName(f.checkId),
    problem: f.title,
    url: f.evidence[0]?.url ?? f.subject,
    points: fmtPoints(f.suggestedPoints),
    source: '待审核问题',
    type: checkName(f.checkId),
    column: columnName(f.column),
    confidence: `${f.confidence === 'low' ? '低' : '高'}${f.confidenceReason ? `：${f.confidenceReason}` : ''}`,
  }));
  const known = new Set(pending.map((f) => f.id));
  for (const b of pendingBasis(scores)) {
    if (b.findingId && known.has(b.findingId)) continue;
    rows.push({ ...b, type: '', column: '', confidence: '' });
  }
  for (const c of candidateRows(scores)) rows.push({ ...c, type: '内容安全', column: '', confidence: '已确认' });
  rows.forEach((r, i) =>
    styleRow(
      ws.addRow([
        i + 1,
        r.unitName,
        r.type,
        r.item,
        r.column,
        safeCellText(r.problem),
        safeCellText(r.url),
        r.points,
        safeCellText(r.confidence),
        r.source,
      ]),
    ),
  );
  if (!rows.length) ws.addRow(['', '无待确认事项']);
  fitRowHeights(ws, 2);
  printOnA4Landscape(ws, { titleRows: '1:1', lastColumn: 'J' });
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
  const order = new Map(scoreClasses(scores).map((c, i) => [c.key, i]));
  const ordered = [...scores.units].sort((a, b) => (order.get(a.class) ?? 1e9) - (order.get(b.class) ?? 1e9));
  for (const u of ordered) {
    const sheet = safeSheetName(u.unitName, used);
    totals.set(u.unitId, { sheet, cell: unitSheet(wb, sheet, u, rubric, scores) });
  }
  summarySheet(wb, scores, rubric, totals);
  pendingSheet(wb, scores, rubric, pending);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
