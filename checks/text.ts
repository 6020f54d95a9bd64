// Text normalisation and matching shared by checks. Crawled text is already decoded (GBK → Unicode).

/** NFKC (full-width digits, colons, brackets → ASCII), non-breaking spaces → space, runs of spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u3000\t\r]+/g, ' ')
    .replace(/ {2,}/g, ' ');
}

/** Visible characters (no whitespace), counted by code point so GB18030 supplementary characters count once. */
export function visibleLength(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

export function containsAny(text: string, keywords: readonly string[]): boolean {
  return keywords.some((k) => k.length > 0 && text.includes(k));
}

const regexCache = new Map<string, RegExp>();

function compile(pattern: string, flags = 'iu'): RegExp {
  const cacheKey = `${flags}/${pattern}`;
  let re = regexCache.get(cacheKey);
  if (!re) {
    re = new RegExp(pattern, flags);
    regexCache.set(cacheKey, re);
  }
  return re;
}

/** A short excerpt around `index`, on one line. */
export function excerptAround(text: string, index: number, radius = 60): string {
  const start = Math.max(0, index - radius);
  const end = Math.min(text.length, index + radius);
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

export function excerptStart(text: string, length = 120): string {
  const body = text.replace(/\s+/g, ' ').trim();
  return body.length > length ? `${body.slice(0, length)}…` : body;
}

/** Punctuation- and space-free form used to compare titles. */
export function compactTitle(title: string): string {
  return title.normalize('NFKC').replace(/[\s《》〈〉“”"'‘’「」『』()（）[\]【】、，,。.:：;；!！?？·—\-_]/g, '');
}

/** Document number normalised: brackets unified, spaces removed (临政发〔2023〕5号). */
export function normalizeDocNumber(n: string): string {
  return n
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[[［(（]/g, '〔')
    .replace(/[\]］)）]/g, '〕');
}

export function findDocNumber(text: string, pattern: string): string | null {
  const m = compile(pattern, 'u').exec(text.normalize('NFKC'));
  return m ? normalizeDocNumber(m[0]) : null;
}

/** Comparison key of a document number: up to 3 characters before the bracket plus year and number. */
export function docNumberKey(n: string): string {
  const norm = normalizeDocNumber(n);
  const i = norm.indexOf('〔');
  if (i < 0) return norm;
  return norm.slice(Math.max(0, i - 3), i) + norm.slice(i);
}
