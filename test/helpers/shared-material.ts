// Material beside the checkout in ../shared (seeds, real pages): found relative to this repository, never by an
// absolute path. Where it is absent a test is skipped with a message saying what is missing, except in CI, where
// missing material fails the run instead of passing it silently.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHARED_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared');

/**
 * The absolute path of `relPath` under ../shared, or null when it is absent (the caller skips, e.g. with
 * `describe.skipIf(path === null)`). In CI (process.env.CI set) absence throws: the test file fails.
 */
export function sharedPath(relPath: string): string | null {
  const path = join(SHARED_DIR, relPath);
  if (existsSync(path)) return path;
  const missing = `缺少 ../shared/${relPath}（${path}）`;
  if (process.env.CI) throw new Error(`${missing}：CI 中不跳过，测试失败 / shared material missing, not skipped in CI: ${path}`);
  console.warn(`${missing}，相关测试已跳过 / shared material missing, tests skipped: ${path}`);
  return null;
}

/** The real-page corpus of ../shared/real-pages, or null when it is absent (see sharedPath). */
export async function realCorpus(): Promise<import('../../bench/accuracy-corpus.ts').Corpus | null> {
  const truth = sharedPath('real-pages/truth.json');
  if (truth === null) return null;
  const { loadCorpus } = await import('../../bench/accuracy-corpus.ts');
  return loadCorpus('real', dirname(truth));
}
