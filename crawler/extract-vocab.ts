// Reads config/columns.yaml: column synonyms and the extraction word lists (data, with sources, not code).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ColumnSynonym {
  text: string;
  exact: boolean;
  hubOnly: boolean;
}

export interface ColumnSynonymEntry {
  key: string;
  parent: string | null;
  synonyms: ColumnSynonym[];
  exclude: string[];
}

export interface ColumnSynonyms {
  columns: ColumnSynonymEntry[];
  keyFieldsHub: string[];
}

interface ExtractVocab {
  placeholders: string[];
  pinnedTexts: string[];
  pinnedClassWords: string[];
  pinnedImageWords: string[];
  fieldLabels: string[];
  /** Headings of blocks pointing at other articles (关联稿件, 上一篇 …), longest first. */
  relatedLabels: string[];
}

const COLUMNS_YAML = new URL('../config/columns.yaml', import.meta.url);

type RawSynonym = string | { text?: unknown; exact?: unknown; hubOnly?: unknown };

function asStringList(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new Error(`config/columns.yaml：${where} 必须是字符串列表`);
  }
  return v as string[];
}

function parseSynonym(raw: RawSynonym, key: string): ColumnSynonym {
  if (typeof raw === 'string') return { text: raw, exact: false, hubOnly: false };
  if (raw && typeof raw.text === 'string') {
    return { text: raw.text, exact: raw.exact === true, hubOnly: raw.hubOnly === true };
  }
  throw new Error(`config/columns.yaml：栏目 ${key} 的同义词格式不正确`);
}

let cachedFile: Record<string, unknown> | null = null;

function readColumnsFile(): Record<string, unknown> {
  if (!cachedFile) {
    const doc = parse(readFileSync(COLUMNS_YAML, 'utf8')) as unknown;
    if (!doc || typeof doc !== 'object') throw new Error('config/columns.yaml：内容为空或格式不正确');
    cachedFile = doc as Record<string, unknown>;
  }
  return cachedFile;
}

/** Column synonyms from config/columns.yaml, in file order (earlier synonyms are more specific). */
export function loadColumnSynonyms(): ColumnSynonyms {
  const doc = readColumnsFile();
  const cols = doc.columns as Record<string, { parent?: unknown; synonyms?: RawSynonym[]; exclude?: unknown }>;
  if (!cols || typeof cols !== 'object') throw new Error('config/columns.yaml：缺少 columns');
  const columns = Object.entries(cols).map(([key, v]): ColumnSynonymEntry => {
    if (!Array.isArray(v?.synonyms) || v.synonyms.length === 0) {
      throw new Error(`config/columns.yaml：栏目 ${key} 缺少 synonyms`);
    }
    return {
      key,
      parent: typeof v.parent === 'string' ? v.parent : null,
      synonyms: v.synonyms.map((s) => parseSynonym(s, key)),
      exclude: v.exclude === undefined ? [] : asStringList(v.exclude, `${key}.exclude`),
    };
  });
  const hub = doc.keyFieldsHub as { synonyms?: unknown } | undefined;
  return { columns, keyFieldsHub: asStringList(hub?.synonyms ?? [], 'keyFieldsHub.synonyms') };
}

let cachedVocab: ExtractVocab | null = null;

/** Placeholder texts, 置顶 markers and metadata labels used by the list/detail extractors. */
export function loadExtractVocab(): ExtractVocab {
  if (cachedVocab) return cachedVocab;
  const doc = readColumnsFile();
  const ph = doc.listPlaceholders as { words?: unknown } | undefined;
  const pin = doc.pinnedMarkers as { texts?: unknown; classWords?: unknown; imageWords?: unknown } | undefined;
  const labels = doc.fieldLabels as { labels?: unknown } | undefined;
  const related = doc.relatedBlocks as { labels?: { text?: unknown; source?: unknown }[] } | undefined;
  cachedVocab = {
    placeholders: asStringList(ph?.words ?? [], 'listPlaceholders.words'),
    pinnedTexts: asStringList(pin?.texts ?? [], 'pinnedMarkers.texts'),
    pinnedClassWords: asStringList(pin?.classWords ?? [], 'pinnedMarkers.classWords'),
    pinnedImageWords: asStringList(pin?.imageWords ?? [], 'pinnedMarkers.imageWords'),
    // Longest first so 发布日期 wins over 日期-like prefixes when scanning text.
    fieldLabels: [...asStringList(labels?.labels ?? [], 'fieldLabels.labels')].sort((a, b) => b.length - a.length),
    relatedLabels: relatedLabelsOf(related?.labels),
  };
  return cachedVocab;
}

function relatedLabelsOf(raw: unknown): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error('config/columns.yaml：relatedBlocks.labels 必须是列表');
  return raw
    .map((w: { text?: unknown; source?: unknown }) => {
      if (typeof w?.text !== 'string' || typeof w.source !== 'string' || !w.text || !w.source)
        throw new Error('config/columns.yaml：relatedBlocks.labels 的每一项须有 text 和 source');
      return w.text;
    })
    .sort((a, b) => b.length - a.length);
}

export interface ColumnKindWord {
  kind: string;
  text: string;
  source: string;
}

let cachedKinds: ColumnKindWord[] | null = null;

/** The words that name a column's kind (动态, 通知公告, 人事规划, 静态), longest first. */
export function loadColumnKindWords(): ColumnKindWord[] {
  if (cachedKinds) return cachedKinds;
  const kinds = (readColumnsFile().columnKinds as { kinds?: unknown } | undefined)?.kinds;
  if (!kinds || typeof kinds !== 'object') throw new Error('config/columns.yaml：缺少 columnKinds.kinds');
  const out: ColumnKindWord[] = [];
  for (const [kind, words] of Object.entries(kinds as Record<string, unknown>)) {
    if (!Array.isArray(words)) throw new Error(`config/columns.yaml：columnKinds.kinds.${kind} 必须是列表`);
    for (const w of words as { text?: unknown; source?: unknown }[]) {
      if (typeof w?.text !== 'string' || typeof w.source !== 'string' || !w.text || !w.source)
        throw new Error(`config/columns.yaml：columnKinds.kinds.${kind} 的每一项须有 text 和 source`);
      out.push({ kind, text: w.text, source: w.source });
    }
  }
  cachedKinds = out.sort((a, b) => b.text.length - a.text.length);
  return cachedKinds;
}
