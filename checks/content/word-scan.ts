// One Aho–Corasick pass per document over every listed string (错别字, 规范表述, 敏感词, leader titles, and the
// correct words that contain a listed string), then context: a hit inside a correct word is none, a shorter hit
// inside a longer one of the same kind is none, 截止 counts only before what its entry names, and a listed
// string quoted as the wrong form of a correction (应为“截至”而非“截止”) is none.
import type { ContentWordLists, CountyConfig } from '../../config/index.ts';
import type { UnitObservations } from '../../store/index.ts';
import { AhoCorasick } from './aho-corasick.ts';
import { contentDocuments, type ContentDocument } from './documents.ts';

type WordKind = 'typo' | 'expression' | 'sensitive' | 'title';

interface PatternInfo {
  kind: WordKind | 'guard';
  entry: number;
}

export interface WordHit {
  kind: WordKind;
  entry: number; // index into the list of its kind (titles: into the distinct titles)
  start: number;
  end: number;
}

export interface CompiledWords {
  ac: AhoCorasick;
  infos: PatternInfo[][]; // per pattern: every role the string has
  titles: string[];
  lists: ContentWordLists;
}

const compiled = new WeakMap<ContentWordLists, Map<string, CompiledWords>>();

export function compileWords(lists: ContentWordLists, titles: string[] = []): CompiledWords {
  const key = titles.join('\u0000');
  const byTitles = compiled.get(lists) ?? new Map<string, CompiledWords>();
  compiled.set(lists, byTitles);
  const hit = byTitles.get(key);
  if (hit) return hit;
  const index = new Map<string, number>();
  const patterns: string[] = [];
  const infos: PatternInfo[][] = [];
  const add = (word: string, info: PatternInfo): void => {
    let i = index.get(word);
    if (i === undefined) {
      i = patterns.length;
      index.set(word, i);
      patterns.push(word);
      infos.push([]);
    }
    infos[i].push(info);
  };
  lists.typos.forEach((t, i) => {
    add(t.wrong, { kind: 'typo', entry: i });
    add(t.right, { kind: 'guard', entry: i });
    for (const g of t.guards ?? []) add(g, { kind: 'guard', entry: i });
  });
  lists.expressions.forEach((e, i) => {
    add(e.wrong, { kind: 'expression', entry: i });
    if (!e.right.startsWith('（')) add(e.right, { kind: 'guard', entry: i });
    for (const g of e.guards ?? []) add(g, { kind: 'guard', entry: i });
  });
  lists.sensitive.forEach((s, i) => add(s.word, { kind: 'sensitive', entry: i }));
  for (const g of lists.sensitiveGuards) add(g, { kind: 'guard', entry: -1 });
  titles.forEach((t, i) => add(t, { kind: 'title', entry: i }));
  const out: CompiledWords = { ac: new AhoCorasick(patterns), infos, titles, lists };
  byTitles.set(key, out);
  return out;
}

const OPEN_QUOTES = '“"\'「『‘《';
const CLOSE_QUOTES = '”"\'」』’》';
const CORRECTION =
  /(应为|应是|应当是|应写作|而非|而不是|不是|误写|误作|错写|写成|改为|更正|更名|规范为|不宜|不应|不得|勿用|禁用|慎用|不再使用|停止使用)/;

/** The hit is quoted as the wrong form of a correction (a text teaching the rule). */
function quotedCorrection(text: string, start: number, end: number): boolean {
  if (!OPEN_QUOTES.includes(text[start - 1] ?? '') || !CLOSE_QUOTES.includes(text[end] ?? '')) return false;
  return CORRECTION.test(text.slice(Math.max(0, start - 12), Math.min(text.length, end + 12)));
}

/** Hits of one text, after the context rules. */
export function scanText(words: CompiledWords, text: string): WordHit[] {
  const raw: WordHit[] = [];
  const guards: { start: number; end: number }[] = [];
  words.ac.scan(text, (m) => {
    for (const info of words.infos[m.pattern]) {
      if (info.kind === 'guard') guards.push({ start: m.start, end: m.end });
      else raw.push({ kind: info.kind, entry: info.entry, start: m.start, end: m.end });
    }
  });
  const kept = raw.filter((h) => {
    // inside a correct word that contains it
    if (guards.some((g) => g.start <= h.start && h.end <= g.end && g.end - g.start > h.end - h.start)) return false;
    // a shorter hit of the same kind inside a longer one (截止 inside 截止目前, 县长 inside 副县长)
    if (raw.some((o) => o !== h && o.kind === h.kind && o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start))
      return false;
    if (h.kind === 'typo') {
      const only = words.lists.typos[h.entry].onlyBefore;
      if (only && !only.some((w) => text.startsWith(w, h.end))) return false;
    }
    if (h.kind !== 'title' && quotedCorrection(text, h.start, h.end)) return false;
    return true;
  });
  return kept;
}

interface ScannedDocument {
  doc: ContentDocument;
  hits: WordHit[];
}

const scans = new WeakMap<UnitObservations, Map<CompiledWords, ScannedDocument[]>>();

/** Every content document of the unit with its hits; one scan per unit shared by the three word checks. */
export function scanUnit(obs: UnitObservations, words: CompiledWords): ScannedDocument[] {
  const perObs = scans.get(obs) ?? new Map<CompiledWords, ScannedDocument[]>();
  scans.set(obs, perObs);
  const hit = perObs.get(words);
  if (hit) return hit;
  const out = contentDocuments(obs).map((doc) => ({ doc, hits: scanText(words, doc.text) }));
  perObs.set(words, out);
  return out;
}

/** Distinct titles of the configured leaders, longest first. */
export function leaderTitles(config: CountyConfig): string[] {
  return [...new Set((config.leaders ?? []).map((l) => l.title))].sort((a, b) => b.length - a.length || a.localeCompare(b));
}
