// Word lists of the content-safety checks (config/content-words/*.yaml): 错别字 pairs, 规范表述 rules and the
// office's sensitive words. Data, not code: each file carries its source note; a bad entry is refused with the
// file and the entry named.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const DIR = new URL('./content-words/', import.meta.url);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const word = z.string().min(1, '词条不能为空');

const typosSchema = z
  .object({
    source: z.string().min(1, '缺少来源说明 source'),
    entries: z.array(
      z
        .object({
          wrong: word,
          right: word,
          onlyBefore: z.array(word).optional(),
          guards: z.array(word).optional(),
        })
        .strict(),
    ),
  })
  .strict();

const expressionsSchema = z
  .object({
    source: z.string().min(1, '缺少来源说明 source'),
    entries: z.array(
      z
        .object({
          wrong: word,
          right: word,
          note: z.string().min(1),
          since: isoDate.optional(),
          guards: z.array(word).optional(),
        })
        .strict(),
    ),
  })
  .strict();

const sensitiveSchema = z
  .object({
    source: z.string().min(1, '缺少来源说明 source'),
    categories: z.array(z.object({ name: word, words: z.array(word) }).strict()),
    guards: z.array(word).default([]),
  })
  .strict();

export type TypoEntry = z.infer<typeof typosSchema>['entries'][number];
export type ExpressionEntry = z.infer<typeof expressionsSchema>['entries'][number];

export interface ContentWordLists {
  typos: TypoEntry[];
  expressions: ExpressionEntry[];
  sensitive: { category: string; word: string }[];
  sensitiveGuards: string[];
  sources: Record<'typos' | 'expressions' | 'sensitive', string>;
}

export class ContentWordsError extends Error {}

function readList<T>(file: string, schema: z.ZodType<T>, dir: URL): T {
  const url = new URL(file, dir);
  let raw: unknown;
  try {
    raw = parse(readFileSync(url, 'utf8'));
  } catch (err) {
    throw new ContentWordsError(`词表 ${url.pathname} 无法读取：${err instanceof Error ? err.message : String(err)}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ContentWordsError(`词表 ${url.pathname} 第 ${issue.path.join('.') || '（根）'} 项有误：${issue.message}`);
  }
  return r.data;
}

const cache = new Map<string, ContentWordLists>();

/** The lists of `dir` (default config/content-words/), read once per process. */
export function loadContentWords(dir: URL = DIR): ContentWordLists {
  const hit = cache.get(dir.href);
  if (hit) return hit;
  const typos = readList('typos.yaml', typosSchema, dir);
  const expressions = readList('expressions.yaml', expressionsSchema, dir);
  const sensitive = readList('sensitive.yaml', sensitiveSchema, dir);
  for (const t of typos.entries) {
    if (t.wrong === t.right) throw new ContentWordsError(`词表 typos.yaml 中“${t.wrong}”的错误写法与正确写法相同`);
  }
  const lists: ContentWordLists = {
    typos: typos.entries,
    expressions: expressions.entries,
    sensitive: sensitive.categories.flatMap((c) => c.words.map((w) => ({ category: c.name, word: w }))),
    sensitiveGuards: sensitive.guards,
    sources: { typos: typos.source, expressions: expressions.source, sensitive: sensitive.source },
  };
  cache.set(dir.href, lists);
  return lists;
}
