import iconv from 'iconv-lite';

// Pages are decoded from bytes: undici's body.text() is UTF-8 only and turns GBK pages into mojibake.

export type DecodeMethod = 'header' | 'meta' | 'bom' | 'sniff' | 'default';

export interface DecodedHtml {
  text: string;
  encoding: string;
  method: DecodeMethod;
  lossy: boolean;
}

// GBK and GB2312 are decoded as GB18030, their superset: pages labelled GB2312 routinely contain GBK-only characters.
const LABEL_ALIASES: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  'euc-cn': 'gb18030',
  csgb2312: 'gb18030',
  'iso-ir-58': 'gb18030',
  chinese: 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  'cn-big5': 'big5',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  // WHATWG maps latin-1 labels to windows-1252.
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'windows-1252': 'windows-1252',
};

/** Canonical encoding name for a charset label, or null when the label is unknown. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!key) return null;
  if (LABEL_ALIASES[key]) return LABEL_ALIASES[key];
  return iconv.encodingExists(key) ? key : null;
}

function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m ? m[2] : null;
}

const META_SCAN_BYTES = 4096;

/** Charset declared by `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">` in the head. */
export function charsetFromMeta(body: Buffer): string | null {
  const head = body.subarray(0, META_SCAN_BYTES).toString('latin1');
  const metaTags = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const tag of metaTags) {
    const direct = /\bcharset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(tag);
    if (direct && !/\bcontent\s*=/i.test(tag.slice(0, direct.index))) return direct[1];
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(tag) ?? /\bcontent\s*=\s*([^\s>]+)/i.exec(tag);
      const value = content ? content[content.length - 1] : null;
      const cs = charsetFromContentType(value);
      if (cs) return cs;
    }
    if (direct) return direct[1];
  }
  return null;
}

function bomOf(body: Buffer): { encoding: string; length: number } | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function decodeUtf8(bytes: Buffer): { text: string; lossy: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), lossy: false };
  } catch {
    return { text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes), lossy: true };
  }
}

function decodeWith(bytes: Buffer, encoding: string): { text: string; lossy: boolean } {
  if (encoding === 'utf-8') return decodeUtf8(bytes);
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  // iconv-lite substitutes U+FFFD for undecodable bytes; U+FFFD in the source itself is vanishingly rare.
  return { text, lossy: text.includes('\uFFFD') };
}

function countReplacements(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\uFFFD') n++;
  return n;
}

function nonAsciiCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch.charCodeAt(0) > 0x7f) n++;
  return n;
}

// Thresholds of the mislabel repairs below: short texts can be valid in both encodings by chance
// (a GBK pair with lead C2–DF and trail A1–BF is also a valid UTF-8 sequence), long ones practically cannot.
const MIN_EVIDENCE_CHARS = 8;
const BROKEN_UTF8_RATIO = 0.2;

/** A page labelled GBK whose bytes are valid UTF-8 with enough Chinese is UTF-8 (a common server misconfiguration). */
function isMislabelledUtf8(body: Buffer, declared: string): string | null {
  if (declared === 'utf-8') return null;
  const utf8 = decodeUtf8(body);
  return !utf8.lossy && nonAsciiCount(utf8.text) >= MIN_EVIDENCE_CHARS ? utf8.text : null;
}

/** A page labelled UTF-8 that is largely undecodable as UTF-8 but clean as GB18030 is GB18030. */
function gbInsteadOfBrokenUtf8(body: Buffer, utf8Text: string): string | null {
  const bad = countReplacements(utf8Text);
  if (bad < MIN_EVIDENCE_CHARS || bad < BROKEN_UTF8_RATIO * nonAsciiCount(utf8Text)) return null;
  const gb = decodeWith(body, 'gb18030');
  return gb.lossy ? null : gb.text;
}

/**
 * Decode an HTML body: BOM, then HTTP header charset, then meta charset, then sniffing (UTF-8 if valid, else GB18030).
 * A declared charset that the bytes plainly contradict is repaired (reported as 'sniff' or 'meta'). Never throws.
 */
export function decodeHtml(body: Buffer, contentType: string | null): DecodedHtml {
  // A BOM is unambiguous and wins over any label (WHATWG encoding sniffing).
  const bom = bomOf(body);
  if (bom) {
    const { text, lossy } = decodeWith(body.subarray(bom.length), bom.encoding);
    return { text, encoding: bom.encoding, method: 'bom', lossy };
  }
  const fromHeader = normalizeCharset(charsetFromContentType(contentType));
  const metaLabel = normalizeCharset(charsetFromMeta(body));
  // A page cannot declare UTF-16 in its own ASCII-compatible markup; such a meta means UTF-8 (WHATWG).
  const fromMeta = metaLabel?.startsWith('utf-16') ? 'utf-8' : metaLabel;
  const declared = fromHeader
    ? { encoding: fromHeader, method: 'header' as const }
    : fromMeta
      ? { encoding: fromMeta, method: 'meta' as const }
      : null;
  if (declared) {
    const asUtf8 = isMislabelledUtf8(body, declared.encoding);
    if (asUtf8 !== null) return { text: asUtf8, encoding: 'utf-8', method: 'sniff', lossy: false };
    const primary = decodeWith(body, declared.encoding);
    if (!primary.lossy) return { ...primary, ...declared };
    // Servers often send a default header charset that the page's own meta contradicts.
    if (declared.method === 'header' && fromMeta && fromMeta !== declared.encoding) {
      const byMeta = decodeWith(body, fromMeta);
      if (!byMeta.lossy) return { ...byMeta, encoding: fromMeta, method: 'meta' };
    }
    if (declared.encoding === 'utf-8') {
      const gb = gbInsteadOfBrokenUtf8(body, primary.text);
      if (gb !== null) return { text: gb, encoding: 'gb18030', method: 'sniff', lossy: false };
    }
    return { ...primary, ...declared };
  }
  if (body.length === 0) return { text: '', encoding: 'utf-8', method: 'default', lossy: false };
  const utf8 = decodeUtf8(body);
  if (!utf8.lossy) return { text: utf8.text, encoding: 'utf-8', method: 'sniff', lossy: false };
  const gb = decodeWith(body, 'gb18030');
  if (!gb.lossy) return { text: gb.text, encoding: 'gb18030', method: 'sniff', lossy: false };
  // Neither decodes cleanly: keep whichever loses less.
  return countReplacements(gb.text) < countReplacements(utf8.text)
    ? { text: gb.text, encoding: 'gb18030', method: 'default', lossy: true }
    : { text: utf8.text, encoding: 'utf-8', method: 'default', lossy: true };
}
