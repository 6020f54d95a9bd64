// Reads a truth corpus for bench:accuracy: ../shared/real-pages (real pages) or test/fixtures/real-modelled
// (fixtures modelled on real pages). Both share truth.json's shape; pages are decoded from bytes (GBK pages too).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { decodeHtml } from '../crawler/index.ts';

const row = z.object({ title: z.string(), date: z.string().nullable() });
const column = z.object({ key: z.string(), label: z.string(), href: z.string().nullable(), note: z.string().optional() });
const truthSchema = z
  .object({
    rows: z.array(row).optional(),
    hasNext: z.boolean().optional(),
    nextHref: z.string().nullable().optional(),
    totalPages: z.number().int().nullable().optional(),
    columns: z.array(column).optional(),
    absent: z.array(z.string()).optional(),
    title: z.string().optional(),
    publishedVisible: z.string().nullable().optional(),
    publishedMeta: z.string().nullable().optional(),
    attribute: z.string().nullable().optional(),
    docNumber: z.string().nullable().optional(),
    elements: z.record(z.string(), z.string().nullable()).optional(),
    fields: z.record(z.string(), z.string().nullable()).optional(),
  })
  .passthrough();

const pageSchema = z
  .object({
    id: z.string(),
    file: z.string(),
    kinds: z.array(z.enum(['list', 'home', 'detail', 'guide', 'functions'])),
    url: z.string(),
    truth: truthSchema,
    modelledOn: z.unknown().optional(),
    source: z.unknown().optional(),
  })
  .passthrough();

const corpusSchema = z.object({ asOf: z.string(), pages: z.array(pageSchema) });

type CorpusPage = z.infer<typeof pageSchema>;

export interface LoadedPage extends CorpusPage {
  /** Decoded page text (HTML, or plain text for .txt items). */
  content: string;
  isHtml: boolean;
  encoding: string;
}

export interface Corpus {
  name: string;
  dir: string;
  asOf: string;
  pages: LoadedPage[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const REAL_PAGES_DIR = resolve(repoRoot, '..', 'shared', 'real-pages');
export const MODELLED_DIR = join(repoRoot, 'test', 'fixtures', 'real-modelled');

export function loadCorpus(name: string, dir: string): Corpus {
  const truthFile = join(dir, 'truth.json');
  if (!existsSync(truthFile)) throw new Error(`找不到语料真值文件：${truthFile}`);
  const parsed = corpusSchema.safeParse(JSON.parse(readFileSync(truthFile, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${truthFile} 格式不正确：${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；')}`);
  }
  const pages = parsed.data.pages.map((p): LoadedPage => {
    const bytes = readFileSync(join(dir, p.file));
    const isHtml = !p.file.endsWith('.txt');
    if (!isHtml) return { ...p, content: bytes.toString('utf8'), isHtml, encoding: 'utf-8' };
    const decoded = decodeHtml(bytes, null);
    return { ...p, content: decoded.text, isHtml, encoding: decoded.encoding };
  });
  return { name, dir, asOf: parsed.data.asOf, pages };
}
