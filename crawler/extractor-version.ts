// The version of the extraction code and vocabulary, derived from their source text: a cached page analysis made
// by other extractor code is never reused, and nobody has to remember to bump a number.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

// the TypeScript sources in both cases, so the compiled build (dist/crawler/*.js) and tsx give the same version
const CRAWLER_DIR = import.meta.url.endsWith('.js') ? new URL('../../crawler/', import.meta.url) : new URL('./', import.meta.url);
const VOCAB = new URL('../config/columns.yaml', import.meta.url);
// modules of the network and orchestration layers do not change what a page yields
const NOT_EXTRACTION =
  /^(fetch|robots|scope|errors|browser|evidence|run|unit-crawl|column-crawl|feeds-crawl|page-source|page-analyser|analysis-pool|analysis-worker|analysis-task|unit-context|index|link-check|decode)[\w-]*\.(ts|mjs)$/;

let cached: string | null = null;

export function extractorVersion(): string {
  if (cached) return cached;
  try {
    const h = createHash('sha256');
    const files = readdirSync(CRAWLER_DIR)
      .filter((f) => /\.ts$/.test(f) && !NOT_EXTRACTION.test(f))
      .sort();
    for (const f of files)
      h.update(f)
        .update('\0')
        .update(readFileSync(new URL(f, CRAWLER_DIR)));
    h.update(readFileSync(VOCAB));
    cached = h.digest('hex').slice(0, 16);
  } catch {
    cached = `unversioned-${randomUUID()}`; // sources unreadable: cache within this process only
  }
  return cached;
}
