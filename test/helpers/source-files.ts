import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const skippedDirs = new Set(['node_modules', 'dist', '.git', 'sample']);

/** Every .ts/.mjs source of the checkout outside node_modules/, dist/ and the sample portal, as paths relative to the root. */
export function projectSourceFiles(root = repoRoot): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') && entry.isDirectory()) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (dir === root && skippedDirs.has(entry.name)) continue;
        if (entry.name === 'node_modules') continue;
        walk(full);
      } else if (/\.(ts|mjs)$/.test(entry.name)) {
        found.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}

export function parseSource(root: string, path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.Latest, true);
}
