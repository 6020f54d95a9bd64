// Text and tables of attachments (.xls/.xlsx/.et, .doc/.wps, .docx, .pdf), read with well-kept libraries:
// SheetJS (@e965/xlsx, the registry build of the current SheetJS) for sheets, word-extractor for Word 97–2003,
// mammoth for .docx, pdf.js (v4, the last major that runs on Node 20) for PDF. Runs on the attachment worker thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { load } from 'cheerio';
import { keepPdfCanvasUnloaded } from './pdf-without-canvas.ts';

export type AttachmentFormat = 'xls' | 'xlsx' | 'et' | 'doc' | 'wps' | 'docx' | 'pdf';
export const ATTACHMENT_FORMATS: readonly AttachmentFormat[] = ['xls', 'xlsx', 'et', 'doc', 'wps', 'docx', 'pdf'];

/** Bump when what extraction returns changes: cached extractions of another version are read again. */
export const ATTACHMENT_EXTRACT_VERSION = 1;

interface AttachmentTable {
  sheet: string | null;
  headers: string[];
  rows: string[][];
}

export interface AttachmentText {
  format: AttachmentFormat;
  text: string; // prose and table cells, one line per paragraph / row (cells tab-separated)
  tables: AttachmentTable[];
  pages: number | null; // PDF pages or sheets read
  truncated: boolean; // a cap (pages, rows, characters) was reached
}

export interface ExtractLimits {
  maxPages: number; // PDF pages / sheets
  maxRows: number; // rows per sheet or table
  maxChars: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { maxPages: 50, maxRows: 5_000, maxChars: 500_000 };

/** The format by the URL's extension, else by a Content-Type that names one. */
export function attachmentFormat(url: string, contentType: string | null = null): AttachmentFormat | null {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not absolute: read as a path
  }
  const ext = /\.([a-z]{2,4})$/i.exec(path)?.[1]?.toLowerCase();
  if (ext && (ATTACHMENT_FORMATS as readonly string[]).includes(ext)) return ext as AttachmentFormat;
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('application/pdf')) return 'pdf';
  if (ct.includes('spreadsheetml')) return 'xlsx';
  if (ct.includes('ms-excel')) return 'xls';
  if (ct.includes('wordprocessingml')) return 'docx';
  if (ct.includes('msword')) return 'doc';
  return null;
}

const require = createRequire(import.meta.url);

const clean = (s: unknown): string =>
  String(s ?? '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The header row of a sheet or table: the first of its first rows with two or more cells and no digit-only cell. */
function splitHeader(rows: string[][]): { headers: string[]; body: string[][] } {
  for (let i = 0; i < Math.min(rows.length, 6); i++) {
    const filled = rows[i].filter((c) => c !== '');
    if (filled.length >= 2 && !filled.some((c) => /^\d[\d\s.-]*$/.test(c))) return { headers: rows[i], body: rows.slice(i + 1) };
  }
  return { headers: [], body: rows };
}

function finish(
  format: AttachmentFormat,
  lines: string[],
  tables: AttachmentTable[],
  pages: number | null,
  limits: ExtractLimits,
  truncated: boolean,
): AttachmentText {
  let text = lines.filter((l) => l !== '').join('\n');
  if (text.length > limits.maxChars) {
    text = text.slice(0, limits.maxChars);
    truncated = true;
  }
  return { format, text, tables, pages, truncated };
}

async function sheets(bytes: Uint8Array, format: AttachmentFormat, limits: ExtractLimits): Promise<AttachmentText> {
  const XLSX = (await import('@e965/xlsx')) as typeof import('@e965/xlsx');
  const wb = XLSX.read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false, sheetRows: limits.maxRows + 10 });
  const lines: string[] = [];
  const tables: AttachmentTable[] = [];
  let truncated = wb.SheetNames.length > limits.maxPages;
  for (const name of wb.SheetNames.slice(0, limits.maxPages)) {
    const raw = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: false, defval: '', blankrows: false });
    const rows = raw.map((r) => r.map(clean)).filter((r) => r.some((c) => c !== ''));
    if (rows.length > limits.maxRows) truncated = true;
    const kept = rows.slice(0, limits.maxRows);
    for (const r of kept) lines.push(r.filter((c) => c !== '').join('\t'));
    const { headers, body } = splitHeader(kept);
    if (body.length > 0) tables.push({ sheet: name, headers, rows: body });
  }
  return finish(format, lines, tables, wb.SheetNames.length, limits, truncated);
}

/** Word 97–2003 (and WPS, the same container): table rows come out as tab-separated cells ending in a tab. */
async function word(bytes: Uint8Array, format: AttachmentFormat, limits: ExtractLimits): Promise<AttachmentText> {
  const WordExtractor = require('word-extractor') as new () => { extract(b: Buffer): Promise<{ getBody(): string }> };
  const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const lines = doc.getBody().split(/\r?\n/);
  const tables: AttachmentTable[] = [];
  const prose: string[] = [];
  let block: string[][] = [];
  const flush = (): void => {
    if (block.length >= 2) {
      const { headers, body } = splitHeader(block.slice(0, limits.maxRows));
      tables.push({ sheet: null, headers, rows: body });
    } else if (block.length === 1) prose.push(block[0].join('\t'));
    block = [];
  };
  for (const line of lines) {
    if (line.includes('\t')) block.push(line.replace(/\t$/, '').split('\t').map(clean));
    else {
      flush();
      prose.push(clean(line));
    }
  }
  flush();
  const tableLines = tables.flatMap((t) => [t.headers, ...t.rows].map((r) => r.join('\t')));
  return finish(format, [...prose, ...tableLines], tables, null, limits, false);
}

async function docx(bytes: Uint8Array, limits: ExtractLimits): Promise<AttachmentText> {
  const mammoth = require('mammoth') as { convertToHtml(input: { buffer: Buffer }): Promise<{ value: string }> };
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  const $ = load(value);
  const tables: AttachmentTable[] = [];
  const lines: string[] = [];
  $('table').each((_, t) => {
    const rows = $(t)
      .find('tr')
      .toArray()
      .slice(0, limits.maxRows + 1)
      .map((tr) =>
        $(tr)
          .children('td,th')
          .toArray()
          .map((c) => clean($(c).text())),
      );
    for (const r of rows) lines.push(r.join('\t'));
    const { headers, body } = splitHeader(rows);
    if (body.length > 0) tables.push({ sheet: null, headers, rows: body });
  });
  $('table').remove();
  $('p,h1,h2,h3,h4,h5,h6,li').each((_, el) => {
    lines.push(clean($(el).text()));
  });
  return finish('docx', lines, tables, null, limits, false);
}

async function pdf(bytes: Uint8Array, limits: ExtractLimits): Promise<AttachmentText> {
  const pdfjsPackage = require.resolve('pdfjs-dist/package.json');
  keepPdfCanvasUnloaded(pdfjsPackage);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(pdfjsPackage);
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of the buffer
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  }).promise;
  try {
    const lines: string[] = [];
    const pages = Math.min(doc.numPages, limits.maxPages);
    for (let n = 1; n <= pages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(clean(line));
          line = '';
        }
      }
      lines.push(clean(line));
      page.cleanup();
    }
    return finish('pdf', lines, [], doc.numPages, limits, doc.numPages > pages);
  } finally {
    await doc.destroy();
  }
}

/** Throws with a Chinese message when the file cannot be read (damaged, encrypted, not what its name says). */
export async function extractAttachment(
  bytes: Uint8Array,
  format: AttachmentFormat,
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
): Promise<AttachmentText> {
  try {
    switch (format) {
      case 'xls':
      case 'xlsx':
      case 'et':
        return await sheets(bytes, format, limits);
      case 'doc':
      case 'wps':
        return await word(bytes, format, limits);
      case 'docx':
        return await docx(bytes, limits);
      case 'pdf':
        return await pdf(bytes, limits);
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`附件无法读取（${format}）：${why.slice(0, 200)}`);
  }
}
