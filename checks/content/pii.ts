// Personal information in published text: 居民身份证号 (GB 11643-1999), mobile numbers, bank card numbers.
// Recognised by what they are (structure + check digit), never by the sample's wording. Every value shown
// anywhere goes through maskValue().

/** GB/T 2260 province-level codes (first two digits). We validate at this level only: county codes change yearly. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  83,
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type PiiKind = 'idcard' | 'mobile' | 'bankcard';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** An 18-character ID number valid by province code, birth date (not after `today`) and check digit. */
export function isValidIdNumber(id: string, today = new Date().toISOString().slice(0, 10)): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  const y = Number(id.slice(6, 10)),
    m = Number(id.slice(10, 12)),
    d = Number(id.slice(12, 14));
  if (y < 1900) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  if (`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` > today) return false;
  return idCheckChar(id.slice(0, 17)) === id[17].toUpperCase();
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** Mobile numbers of the mainland numbering plan (13x–19x). */
function isMobile(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits);
}

/** The only form in which a found value is ever shown: ID 110101********1234, mobile 138****5678, card 6222********1234. */
export function maskValue(kind: PiiKind, value: string): string {
  if (kind === 'idcard') return value.slice(0, 6) + '*'.repeat(8) + value.slice(14);
  if (kind === 'mobile') return value.slice(0, 3) + '****' + value.slice(7);
  return value.slice(0, 4) + '*'.repeat(Math.max(value.length - 8, 4)) + value.slice(-4);
}

export interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
  masked: string;
}

const CARD_CONTEXT = /(银行卡|卡号|账号|帐号|银行账户|开户行|社保卡|一卡通|存折)/;
// a digit run not glued to other digits, letters or masking stars (a masked value is compliant and not re-read)
const RUN = /(?<![\dA-Za-z*＊])(\d[\d ]{9,24}[\dXx])(?![\dA-Za-z*＊])/g;

/**
 * Unmasked personal numbers in `text`. A bank card number needs Luhn and a label nearby (before it, or in its
 * table column header passed as `context`): random 16–19 digit runs (订单号, 文号) pass Luhn one time in ten.
 */
export function findPii(text: string, context = '', today?: string): PiiHit[] {
  const hits: PiiHit[] = [];
  const classify = (raw: string, start: number): PiiHit | null => {
    const value = raw.replace(/ /g, '');
    const end = start + raw.length;
    if (value.length === 18 && isValidIdNumber(value, today)) return { kind: 'idcard', start, end, masked: maskValue('idcard', value) };
    if (value.length === 11 && isMobile(value) && raw === value) return { kind: 'mobile', start, end, masked: maskValue('mobile', value) };
    if (
      /^\d{16,19}$/.test(value) &&
      luhnValid(value) &&
      (CARD_CONTEXT.test(context) || CARD_CONTEXT.test(text.slice(Math.max(0, start - 12), start)))
    ) {
      return { kind: 'bankcard', start, end, masked: maskValue('bankcard', value) };
    }
    return null;
  };
  for (const m of text.matchAll(RUN)) {
    const whole = classify(m[1], m.index!);
    if (whole) {
      hits.push(whole);
      continue;
    }
    // a run joined by spaces that is no grouped number: its parts may be (a mobile, then an amount in a PDF row)
    if (!m[1].includes(' ')) continue;
    let at = m.index!;
    for (const part of m[1].split(' ')) {
      const hit = part.length >= 11 ? classify(part, at) : null;
      if (hit) hits.push(hit);
      at += part.length + 1;
    }
  }
  return hits;
}

/**
 * `text.slice(from, to)` masked, its ends moved outwards so that no number is cut in two (a cut number escapes
 * recognition, and half an ID number is still personal data).
 */
export function maskedSlice(text: string, from: number, to: number): string {
  const numeric = (c: string | undefined) => c !== undefined && /[\dXx*＊ ]/.test(c);
  let a = Math.max(0, from);
  let b = Math.min(text.length, to);
  while (a > 0 && numeric(text[a - 1]) && numeric(text[a])) a--;
  while (b < text.length && numeric(text[b - 1]) && numeric(text[b])) b++;
  return maskText(text.slice(a, b));
}

/** Text with every unmasked personal number replaced by its masked form: apply to any excerpt before it is stored or shown. */
export function maskText(text: string, context = ''): string {
  let out = '';
  let at = 0;
  for (const h of findPii(text, context)) {
    out += text.slice(at, h.start) + h.masked;
    at = h.end;
  }
  return out + text.slice(at);
}

const NAME_HEADER = /^(姓\s*名|户主|申请人|户主姓名|救助对象|补助对象|人员姓名|学生姓名|考生姓名|名字)$/;

/** A table whose columns hold a name and unmasked personal numbers is a published list of people (a list leak). */
export function tableLeaks(table: { headers: string[]; rows: string[][] }): { hits: PiiHit[]; rowsWithPii: number; hasNames: boolean } {
  const nameCol = table.headers.findIndex((h) => NAME_HEADER.test(h.replace(/\s+/g, '')));
  const hits: PiiHit[] = [];
  let rowsWithPii = 0;
  for (const row of table.rows) {
    const rowHits = row.flatMap((cell, i) => findPii(cell, table.headers[i] ?? ''));
    if (rowHits.length > 0) rowsWithPii++;
    hits.push(...rowHits);
  }
  return { hits, rowsWithPii, hasNames: nameCol >= 0 };
}
