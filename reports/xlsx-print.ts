// Print layout of the 评分表's sheets: what a clerk gets when pressing 打印 in WPS, Excel or LibreOffice.
import type ExcelJS from 'exceljs';

const A4 = 9; // OOXML paperSize code

/** A4 landscape, one page wide (as many tall as needed), the header rows repeated on every page, 第 N 页 in the footer. */
export function printOnA4Landscape(ws: ExcelJS.Worksheet, opts: { titleRows: `${number}:${number}`; lastColumn: string }): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: A4,
    orientation: 'landscape',
    fitToPage: true, // written as <pageSetUpPr fitToPage="1"/>: without it every reader ignores fitToWidth
    fitToWidth: 1,
    fitToHeight: 0, // 0 = as many pages tall as the rows need
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: opts.titleRows,
    printArea: `A1:${opts.lastColumn}${ws.rowCount}`,
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' };
}

/** Columns a character takes in a cell (a CJK character is about two "0" widths in 仿宋/宋体). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

/**
 * Row heights that show the whole wrapped text. Excel and WPS do not re-measure rows on opening a file, so a row
 * written without a height shows one line of a three-line cell. Merged cells are measured across their columns.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, fromRow: number, fontSize = 11): void {
  const lineHeight = fontSize * 1.45;
  const widths = (ws.columns ?? []).map((c) => c.width ?? 9);
  for (let r = fromRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.isMerged && cell.master !== cell) return;
      let width = widths[col - 1] ?? 9;
      if (cell.isMerged) {
        let c = col + 1;
        while (c <= widths.length && ws.getCell(r, c).master === cell) width += widths[c++ - 1] ?? 9;
      }
      const text = cellText(cell.value);
      const usable = Math.max(4, width - 1.5);
      const n = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
      // a vertically merged cell spreads its lines over its rows
      const span = cell.isMerged ? mergedRowSpan(ws, r, col, cell) : 1;
      lines = Math.max(lines, Math.ceil(n / span));
    });
    row.height = Math.max(18, Math.ceil(lines * lineHeight + 6));
  }
}

function mergedRowSpan(ws: ExcelJS.Worksheet, r: number, col: number, cell: ExcelJS.Cell): number {
  let span = 1;
  while (r + span <= ws.rowCount && ws.getCell(r + span, col).master === cell) span++;
  return span;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return String(v.result ?? '');
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    return '';
  }
  return String(v);
}
