// The parts of a 公文 (GB/T 9704-2012) that do not depend on the format it is rendered to.
import type { DocumentSettings } from '../config/index.ts';
import { issuerFor } from './format.ts';
import type { ReportUnit } from './types.ts';

export interface GongwenFrame {
  office: string; // 发文机关全称
  redHeader: string; // 发文机关标志
  docNumber: string | null; // 发文字号
  mainTo: string; // 主送机关, ending in ：
  copyTo: string | null; // 抄送
  printer: string; // 印发机关
  note: string; // 附注, with its parentheses
}

/**
 * 主送 from the units the inspection covered, by what each unit is: 各乡（镇）人民政府 for townships, 各街道办事处 for
 * sub-districts, a zone (示范区, 开发区, 园区) by its own name — it is neither a township nor a 县直 department — and
 * 县直各有关单位 for the departments.
 */
export function mainToFor(units: ReportUnit[]): string {
  const kind = (name: string) =>
    /[镇乡](人民)?政府$|[镇乡]$/.test(name)
      ? 'township'
      : /街道(办事处)?$/.test(name)
        ? 'street'
        : /(示范区|开发区|园区|新区|管委会|管理委员会)$/.test(name)
          ? 'zone'
          : 'department';
  const parts: string[] = [];
  if (units.some((u) => kind(u.name) === 'township')) parts.push('各乡（镇）人民政府');
  if (units.some((u) => kind(u.name) === 'street')) parts.push('各街道办事处');
  for (const u of units.filter((x) => kind(x.name) === 'zone')) parts.push(/管委会$|管理委员会$/.test(u.name) ? u.name : `${u.name}管委会`);
  if (units.some((u) => kind(u.name) === 'department')) parts.push('县直各有关单位');
  return `${parts.join('，')}：`;
}

export function gongwenFrame(
  county: string,
  units: ReportUnit[],
  settings: DocumentSettings | undefined,
  numbering: { year: string; n: number | null },
): GongwenFrame {
  const office = settings?.office ?? issuerFor(county);
  const docNumber =
    settings?.docNumber && numbering.n != null
      ? settings.docNumber.replaceAll('{year}', numbering.year).replaceAll('{n}', String(numbering.n))
      : null;
  const contact = settings?.contact ? `联系人：${settings.contact.name}，联系电话：${settings.contact.phone}` : '';
  const note = [settings?.publicNote ?? '此件公开发布', contact].filter(Boolean).join('；');
  return {
    office,
    redHeader: settings?.redHeader ?? office,
    docNumber,
    mainTo: settings?.mainTo ? `${settings.mainTo.replace(/[：:]$/, '')}：` : mainToFor(units),
    copyTo: settings?.copyTo ?? null,
    printer: settings?.printer ?? office,
    note: `（${note}）`,
  };
}

/**
 * Straight quotes from crawled titles and our own texts as Chinese quotation marks, nested as 公文 nest them:
 * “…‘…’…”. A lone quote is left as it is.
 */
export function zhQuotes(text: string): string {
  const open: ('curly' | 'straight')[] = [];
  let out = '';
  const mark = (opening: boolean) => ((opening ? open.length : open.length + 1) % 2 ? (opening ? '“' : '”') : opening ? '‘' : '’');
  for (const ch of text) {
    if (ch === '“' || ch === '‘') {
      open.push('curly');
      out += mark(true);
    } else if ((ch === '”' || ch === '’') && open.length) {
      open.pop();
      out += mark(false);
    } else if (ch === '"') {
      if (open.at(-1) === 'straight') {
        open.pop();
        out += mark(false);
      } else {
        open.push('straight');
        out += mark(true);
      }
    } else out += ch;
  }
  // an unmatched straight quote is put back as it was
  if (open.includes('straight')) return text;
  return out;
}

/** Display width in 字 (a Latin letter or digit is half a 字). */
function widthZi(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e7f ? 1 : 0.5;
  return w;
}

/**
 * A title broken into lines only between its parts (never inside a word), each line at most `perLine` 字:
 * GB/T 9704 7.3.3 asks for breaks that keep words whole and the meaning clear.
 */
export function titleLines(parts: string[], perLine = 20): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line && widthZi(line + part) > perLine) {
      lines.push(line);
      line = part;
    } else line += part;
  }
  if (line) lines.push(line);
  return lines;
}
