// What the compiled build in dist/ is made of, and whether it is older than its sources. Plain JavaScript: bin/zwgk.js
// reads it before anything is compiled, and scripts/build.mjs writes the stamp it compares.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DIST = 'dist';
export const STAMP = '.build-stamp';
// not part of the program: dependencies, the build itself, tests (vitest runs them from source), prose, CI
const SKIP_DIRS = new Set(['node_modules', DIST, 'test', 'docs', 'bin', 'out', 'data', 'tmp']);

/** Every file the build compiles (.ts) or copies (everything else: YAML, plain-JS threads …), relative to root. */
export function buildInputs(root) {
  const files = [];
  const walk = (rel) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) || rel) walk(path);
      } else if (rel && !e.name.endsWith('.md')) files.push(path); // top-level files (package.json …) are not the program
    }
  };
  walk('');
  return files;
}

/** True when dist/ was built after every input last changed (a `git pull` or an edit makes it stale). */
export function buildIsFresh(root) {
  let built;
  try {
    built = statSync(join(root, DIST, STAMP)).mtimeMs;
  } catch {
    return false;
  }
  for (const f of buildInputs(root)) if (statSync(join(root, f)).mtimeMs > built) return false;
  return true;
}

/** Builds dist/ unless it is fresh (tests and benchmarks that run the compiled command call this first). */
export async function ensureFreshBuild(root) {
  if (buildIsFresh(root)) return;
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed: ${r.stdout}${r.stderr}`);
}
