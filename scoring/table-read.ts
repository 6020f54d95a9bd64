import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { InputError } from '../config/index.ts';

/** One data row of an imported sheet: cells by header, and its 1-based row number in the sheet/file. */
export interface TableRow {
  sheet: string;
  row: number;
  cells: Record<string, string>;
}

export class TableReadError extends InputError {}

/** Minimal RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a UTF-8 BOM is dropped. Each record keeps the line it starts on. */
export function parseCsvRecords(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 1;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ line: start, cells: row });
      row = [];
      field = '';
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw new TableReadError(`CSV 格式错误：第 ${quoteLine} 行的引号没有闭合（其后直到文件末尾都被当作一个单元格）`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push({ line: start, cells: row });
  }
  return rows;
}

/** UTF-8, or GB18030 when the bytes are not valid UTF-8 (Excel in Chinese saves CSV as GBK). */
export function decodeCsv(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') ? iconv.decode(bytes, 'gb18030') : utf8;
}

function cellText(value: ExcelJS.CellValue, where: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'formula' in value) throw new TableReadError(`${where}：不接受公式，请填写数值或文字`);
  if (typeof value === 'object' && 'sharedFormula' in value) throw new TableReadError(`${where}：不接受公式，请填写数值或文字`);
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'error' in value) throw new TableReadError(`${where}：单元格有错误值 ${String(value.error)}`);
  return String(value).trim();
}

/** `lines`: the file line each matrix row starts on (a CSV cell may hold line breaks); default: row index + 1. */
function toRows(sheet: string, matrix: string[][], headerRow: number, lines?: number[]): { header: string[]; rows: TableRow[] } {
  const header = (matrix[headerRow - 1] ?? []).map((h) => h.trim());
  const rows: TableRow[] = [];
  for (let i = headerRow; i < matrix.length; i++) {
    const line = matrix[i];
    if (line.every((c) => c.trim() === '')) continue;
    const cells: Record<string, string> = {};
    header.forEach((h, k) => {
      if (h) cells[h] = (line[k] ?? '').trim();
    });
    rows.push({ sheet, row: lines?.[i] ?? i + 1, cells });
  }
  return { header, rows };
}

/** Reads a .csv or .xlsx into header + rows per sheet. headerRow: 1-based row holding the column names. */
export async function readTable(file: string, headerRow = 1): Promise<{ sheet: string; header: string[]; rows: TableRow[] }[]> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) {
    let records: { line: number; cells: string[] }[];
    try {
      records = parseCsvRecords(decodeCsv(readFileSync(file)));
    } catch (err) {
      if (err instanceof TableReadError) throw new TableReadError(`${file}：${err.message}`);
      throw err;
    }
    return [
      {
        sheet: 'CSV',
        ...toRows(
          'CSV',
          records.map((r) => r.cells),
          headerRow,
          records.map((r) => r.line),
        ),
      },
    ];
  }
  if (!lower.endsWith('.xlsx')) throw new TableReadError(`${file}：只支持 .csv 或 .xlsx 文件`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (err) {
    throw new TableReadError(`${file}：无法读取 xlsx（${err instanceof Error ? err.message : String(err)}）`);
  }
  const out: { sheet: string; header: string[]; rows: TableRow[] }[] = [];
  wb.eachSheet((ws) => {
    const matrix: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) {
        cells.push(cellText(row.getCell(c).value, `工作表“${ws.name}”第 ${n} 行第 ${c} 列`));
      }
      matrix[n - 1] = cells;
    });
    for (let i = 0; i < matrix.length; i++) matrix[i] ??= [];
    out.push({ sheet: ws.name, ...toRows(ws.name, matrix, headerRow) });
  });
  return out;
}
