// Text helpers shared by every report: Chinese dates, HTML escaping, spreadsheet-safe text, file names.

const DIGITS = '〇一二三四五六七八九';

function chineseNumber(n: number): string {
  if (n <= 10) return n === 10 ? '十' : DIGITS[n];
  if (n < 20) return `十${DIGITS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 2023-12-15 → 2023年12月15日 (body text). */
export function dateZh(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2023-11 → 2023年11月 */
export function monthZh(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** 一、二、… for section numbers */
export function sectionNumber(n: number): string {
  return chineseNumber(n);
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function todayShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** An http(s) URL safe to put in href; anything else (javascript:, data:) is not linked. */
export function safeHref(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Spreadsheet text from crawled content (OWASP "CSV injection" guidance): a value starting with
 * = + - @ TAB or CR is prefixed with a single quote so no spreadsheet program reads it as a formula.
 * exceljs writes every string as a shared-string text cell, so the value is never a formula either way;
 * the quote also keeps it inert when the sheet is exported to CSV and re-opened.
 */
export function safeCellText(s: unknown): string {
  const text = String(s ?? '');
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A unit or report name usable as a file name on Windows and Linux. */
export function safeFileName(s: string): string {
  return (
    s
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .replace(/\s+/g, '')
      .slice(0, 80) || '未命名'
  );
}

/** Excel sheet names: ≤31 chars, none of []:*?/\, not starting or ending with an apostrophe */
export function safeSheetName(s: string, used: Set<string>): string {
  // An ASCII apostrophe becomes ’: exceljs writes print titles and areas as '<name>'!$1:$1 without doubling it,
  // which Excel and exceljs itself then cannot read back.
  const base =
    s
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/'/g, '’')
      .slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}

/** A sheet name as a formula or link reference: always quoted, an apostrophe inside doubled (O'Neil → 'O''Neil'). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The issuing office for a county name like 临猗县（示例）. */
export function issuerFor(county: string): string {
  return `${county.replace(/[（(][^）)]*[）)]/g, '').trim()}人民政府办公室`;
}

export function fmtPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
