import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseSource, repoRoot } from './helpers/source-files.js';
import { exportedNames, localUses, starReexported, usedNames } from './helpers/unused-exports.js';

/** Every .ts/.mjs file of the checkout, sample/ included (it imports from the others). */
function allSources(dir = repoRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) return [];
    const full = join(dir, e.name);
    if (e.isDirectory()) return allSources(full);
    return /\.(ts|mjs)$/.test(e.name) ? [relative(repoRoot, full).split(sep).join('/')] : [];
  });
}

/** Exports that no other file names and their own file does not use either: dead code. */
function deadExports(files: ts.SourceFile[]): string[] {
  const usedBy = files.map((sf) => usedNames(sf));
  return files.flatMap((sf, i) => {
    if (sf.fileName.endsWith('.test.ts')) return [];
    const elsewhere = (name: string) => usedBy.some((names, j) => j !== i && names.has(name));
    return exportedNames(sf)
      .filter((e) => !elsewhere(e.name) && localUses(sf, e.name) === 0)
      .map((e) => `${e.file}:${e.line} ${e.name}`);
  });
}

/**
 * Exports only their own file uses: the `export` keyword is noise there. Not counted: a folder's API (its index.ts and
 * the files an index.ts re-exports whole), tests, and sample/ (the sample portal's content tables).
 */
function ownFileOnlyExports(files: ts.SourceFile[]): string[] {
  const usedBy = files.map((sf) => usedNames(sf));
  const api = starReexported(files);
  return files.flatMap((sf, i) => {
    const f = sf.fileName;
    if (f.endsWith('.test.ts') || f.startsWith('sample/') || /(^|\/)index\.ts$/.test(f) || api.has(f)) return [];
    const elsewhere = (name: string) => usedBy.some((names, j) => j !== i && names.has(name));
    return exportedNames(sf)
      .filter((e) => !elsewhere(e.name) && localUses(sf, e.name) > 0)
      .map((e) => `${e.file}:${e.line} ${e.name}`);
  });
}

const parse = (fileName: string, code: string) => ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);

describe('unused exports (issue 16)', () => {
  it('finds an export nothing uses, and counts named, dynamic and namespace imports as uses', () => {
    const lib = parse(
      'lib.ts',
      'export function dead() {}\nexport const named = 1;\nexport const dynamic = 2;\nexport const viaNamespace = 3;\nexport type T = number;\nexport function local() {}\nlocal();',
    );
    const user = parse(
      'user.ts',
      "import { named, type T } from './lib.ts';\nimport * as lib from './lib.ts';\nconst { dynamic } = await import('./lib.ts');\nlib.viaNamespace;",
    );
    expect(deadExports([lib, user])).toEqual(['lib.ts:1 dead']);
  });

  it("finds an export only its own file uses, but not a folder's API that an index.ts re-exports whole", () => {
    const inner = parse('crawler/inner.ts', 'export const LIMIT = 3;\nexport function api() { return LIMIT; }\n');
    const whole = parse('store/rows.ts', 'export const PAGE = 5;\nexport function rows() { return PAGE; }\n');
    const index = parse('store/index.ts', "export * from './rows.ts';\n");
    const user = parse('cli/user.ts', "import { api } from '../crawler/inner.ts';\napi();\n");
    expect(ownFileOnlyExports([inner, whole, index, user])).toEqual(['crawler/inner.ts:1 LIMIT']);
  });

  it('no exported function, constant or type is dead code', () => {
    const dead = deadExports(allSources().map((f) => parseSource(repoRoot, f)));
    expect(dead, `remove these (or use them):\n${dead.join('\n')}`).toEqual([]);
  });

  it("no export is used only inside its own file (outside the folders' index.ts APIs)", () => {
    const local = ownFileOnlyExports(allSources().map((f) => parseSource(repoRoot, f)));
    expect(local, `drop the export keyword of these:\n${local.join('\n')}`).toEqual([]);
  });
});
