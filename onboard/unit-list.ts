// The unit list of an assessment plan (附件1 考核对象) as the office has it: pasted text, CSV or XLSX.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeHtml } from '../crawler/index.ts';
import { InputError, UNIT_ID, type UnitClass } from '../config/index.ts';

export interface PlannedUnit {
  name: string;
  class: UnitClass;
  /** Given in the file (CSV/XLSX id column); otherwise made from the name by assignUnitIds. */
  id: string | null;
  /** Where the unit was read: 第 N 行, or a cell address. */
  place: string;
}

export interface UnitListProblem {
  place: string;
  message: string;
}

/** A unit list that cannot be read as given; every problem names its line or cell. The CLI exits 2 on it. */
export class UnitListError extends InputError {
  constructor(
    readonly file: string,
    readonly problems: UnitListProblem[],
  ) {
    super(problems.map((p) => `${file}：${p.place}：${p.message}`).join('\n'));
  }
}

// 附件1 section headings: "A 类(14 个):", "B类（27个）：", "乡镇（14个）", "县直单位(27 个):".
const SECTION =
  /^\s*(?:([AB])\s*类|(乡镇|乡（镇）|乡\(镇\)|镇（乡）|各乡镇)|(县直(?:各有关)?(?:单位|部门)?|县直单位|部门))\s*(?:[(（]\s*(?:共\s*)?(\d+)\s*个?\s*[)）])?\s*[:：]\s*(.*)$/;
const SECTION_END = /^\s*(附件\s*\d|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.．、](?!\d))/;
const SEPARATORS = /[、，,；;\s\u3000]+/;
const TRAILING_PUNCT = /[。．.：:]+$/;

function classOfHeading(m: RegExpExecArray): UnitClass {
  if (m[1]) return m[1] as UnitClass;
  return m[2] ? 'A' : 'B';
}

function nameProblem(name: string): string | null {
  if (name.length < 2) return `“${name}”太短，不像单位名称`;
  if (name.length > 40) return `“${name.slice(0, 20)}…”超过 40 个字，不像单位名称（是否缺少分隔符“、”？）`;
  if (/[0-9０-９]/.test(name)) return `“${name}”含数字，不像单位名称`;
  if (!/\p{Script=Han}/u.test(name)) return `“${name}”不含汉字，不像单位名称`;
  return null;
}

/** 附件1 text: section headings `A 类(14 个):` then names separated by 、，, (any width), with or without line breaks. */
export function parseUnitListText(text: string, file: string): PlannedUnit[] {
  const lines = text
    .normalize('NFKC')
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/);
  const units: PlannedUnit[] = [];
  const problems: UnitListProblem[] = [];
  let section: { cls: UnitClass; count: number | null; line: number; found: number } | null = null;
  const closeSection = (): void => {
    if (section && section.count !== null && section.count !== section.found) {
      problems.push({
        place: `第 ${section.line} 行`,
        message: `${section.cls} 类标明 ${section.count} 个，实际读到 ${section.found} 个单位名称`,
      });
    }
    section = null;
  };
  const addNames = (rest: string, lineNo: number): void => {
    for (const raw of rest.split(SEPARATORS)) {
      const name = raw.replace(TRAILING_PUNCT, '').trim();
      if (!name || !section) continue;
      const bad = nameProblem(name);
      if (bad) problems.push({ place: `第 ${lineNo} 行`, message: bad });
      else units.push({ name, class: section.cls, id: null, place: `第 ${lineNo} 行` });
      section.found++;
    }
  };
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const heading = SECTION.exec(line);
    if (heading) {
      closeSection();
      section = { cls: classOfHeading(heading), count: heading[4] ? Number(heading[4]) : null, line: lineNo, found: 0 };
      addNames(heading[5], lineNo);
      return;
    }
    if (!section) return; // the plan's text before 附件1
    if (SECTION_END.test(line)) {
      closeSection();
      return;
    }
    addNames(line, lineNo);
  });
  closeSection();
  if (units.length === 0 && problems.length === 0) {
    problems.push({
      place: '全文',
      message: '没有找到“A 类(N 个):”或“B 类(N 个):”这样的分类标题，无法读出考核对象；请粘贴附件1原文，或改用含“名称、类别”两列的 CSV/XLSX',
    });
  }
  checkDuplicates(units, problems);
  if (problems.length) throw new UnitListError(file, problems);
  return units;
}

const NAME_HEADERS = ['名称', '单位名称', '单位', '考核对象', '被考核单位', 'name'];
const CLASS_HEADERS = ['类别', '类型', '分类', '考核类别', 'class'];
const ID_HEADERS = ['id', '标识', '代号', '英文标识'];

/** A/B, A类, 乡镇, 乡(镇), 县直, 县直单位, 部门 … */
export function parseUnitClass(value: string): UnitClass | null {
  const v = value.normalize('NFKC').replace(/\s/g, '').replace(/类$/, '').toUpperCase();
  if (v === 'A' || /^(乡镇|乡\(镇\)|镇\(乡\)|乡|镇|乡镇政府|街道)$/.test(v)) return 'A';
  if (v === 'B' || /^(县直|县直单位|县直部门|部门|单位|县直各有关单位)$/.test(v)) return 'B';
  return null;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Rows of a table (first row headers), from CSV or a worksheet. `rowNumbers[i]` is the 1-based sheet/file row. */
function unitsFromTable(rows: string[][], rowNumbers: number[], file: string, cellPrefix = ''): PlannedUnit[] {
  const problems: UnitListProblem[] = [];
  const header = (rows[0] ?? []).map((h) => h.normalize('NFKC').replace(/\s/g, '').toLowerCase());
  const find = (names: string[]) => header.findIndex((h) => names.includes(h));
  const nameCol = find(NAME_HEADERS);
  const classCol = find(CLASS_HEADERS);
  const idCol = find(ID_HEADERS);
  if (nameCol < 0 || classCol < 0) {
    const missing = [nameCol < 0 ? '名称' : null, classCol < 0 ? '类别' : null].filter(Boolean).join('、');
    throw new UnitListError(file, [
      { place: `第 ${rowNumbers[0] ?? 1} 行（表头）`, message: `缺少“${missing}”列；表头应含 名称、类别（A/B 或 乡镇/县直），可选 id` },
    ]);
  }
  const units: PlannedUnit[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const line = rowNumbers[r];
    const cell = (c: number) => `${cellPrefix}${columnLetter(c)}${line}`;
    const name = (row[nameCol] ?? '').normalize('NFKC').trim();
    const clsText = (row[classCol] ?? '').trim();
    const idText = idCol >= 0 ? (row[idCol] ?? '').trim() : '';
    if (!name && !clsText && !idText) continue; // blank row
    const before = problems.length;
    const badName = name ? nameProblem(name) : '名称为空';
    if (badName) problems.push({ place: `第 ${line} 行 ${cell(nameCol)}`, message: badName });
    const cls = parseUnitClass(clsText);
    if (!cls) problems.push({ place: `第 ${line} 行 ${cell(classCol)}`, message: `类别“${clsText}”无法识别，应为 A/B 或 乡镇/县直` });
    if (idText && !UNIT_ID.test(idText)) {
      problems.push({ place: `第 ${line} 行 ${cell(idCol)}`, message: `id“${idText}”只能用小写字母、数字、-、_，且以字母或数字开头` });
    }
    if (problems.length === before) units.push({ name, class: cls!, id: idText || null, place: `第 ${line} 行` });
  }
  if (units.length === 0 && problems.length === 0) problems.push({ place: '全表', message: '表中没有单位' });
  checkDuplicates(units, problems);
  if (problems.length) throw new UnitListError(file, problems);
  return units;
}

function checkDuplicates(units: PlannedUnit[], problems: UnitListProblem[]): void {
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const u of units) {
    const first = names.get(u.name);
    if (first) problems.push({ place: u.place, message: `单位“${u.name}”重复（${first}已有）` });
    else names.set(u.name, u.place);
    if (u.id) {
      const firstId = ids.get(u.id);
      if (firstId) problems.push({ place: u.place, message: `id“${u.id}”重复（${firstId}已有）` });
      else ids.set(u.id, u.place);
    }
  }
}

/** CSV in UTF-8 (with or without BOM) or GBK/GB18030, as Excel writes it on a Chinese Windows. */
export function parseUnitListCsv(bytes: Buffer, file: string): PlannedUnit[] {
  const text = decodeHtml(bytes, null).text.replace(/^\ufeff/, '');
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new UnitListError(file, [{ place: line ? `第 ${line} 行` : '文件', message: `CSV 格式错误：${(err as Error).message}` }]);
  }
  const rows: string[][] = [];
  const numbers: number[] = [];
  records.forEach((rec, i) => {
    if (rows.length === 0 && rec.every((c) => !c)) return; // blank lines before the header
    rows.push(rec);
    numbers.push(i + 1);
  });
  return unitsFromTable(rows, numbers, file);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return String(value.result ?? '');
  }
  return String(value);
}

/** The first worksheet of an .xlsx with columns 名称, 类别 (and optional id). */
export async function parseUnitListXlsx(bytes: Buffer, file: string): Promise<PlannedUnit[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnitListError(file, [{ place: '文件', message: `无法读取 XLSX 文件：${(err as Error).message}` }]);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new UnitListError(file, [{ place: '文件', message: 'XLSX 文件中没有工作表' }]);
  const rows: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    rows.push(Array.from(cells, (c) => c ?? ''));
    numbers.push(rowNumber);
  });
  return unitsFromTable(rows, numbers, file, `${sheet.name}!`);
}

/** Reads a unit list by its extension: .csv, .xlsx, anything else as 附件1 text (UTF-8 or GBK). */
export async function loadUnitList(path: string): Promise<PlannedUnit[]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UnitListError(path, [
      { place: '文件', message: `无法读取：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` },
    ]);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return parseUnitListCsv(bytes, path);
  if (ext === '.xlsx') return parseUnitListXlsx(bytes, path);
  if (ext === '.xls') throw new UnitListError(path, [{ place: '文件', message: '不支持旧版 .xls，请在 Excel 中另存为 .xlsx 或 .csv' }]);
  return parseUnitListText(decodeHtml(bytes, null).text, path);
}
