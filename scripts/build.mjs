// npm run build (also `prepare`, so `npm install` / `npm ci` leave runnable JavaScript): compiles the whole tree
// (tsconfig.build.json) to dist/ and copies the files the code reads beside itself (YAML, plain-JS threads), so
// every `new URL('../config/x.yaml', import.meta.url)` finds the same file from dist/ as from the sources.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildInputs, DIST, STAMP } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = new Date();
rmSync(join(root, DIST), { recursive: true, force: true }); // a deleted source leaves no stale module behind

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { status } = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
// 2: type errors, JavaScript emitted anyway (`npm test` reports them); anything else non-zero: nothing usable
if (status === 2) console.warn('编译有类型错误（已照常生成 JavaScript；npm test 会列出这些错误）');
else if (status !== 0) {
  console.error(`编译失败 / build failed (tsc exit ${status})`);
  process.exit(1);
}

for (const f of buildInputs(root)) {
  if (f.endsWith('.ts') && !f.endsWith('.d.ts')) continue;
  mkdirSync(dirname(join(root, DIST, f)), { recursive: true });
  copyFileSync(join(root, f), join(root, DIST, f));
}
// built-in rubrics parsed and checked once here, not at every `zwgk rubric` / `zwgk score` (config/rubric.ts)
const { parseRubric } = await import(pathToFileURL(join(root, DIST, 'config', 'rubric.js')).href);
const rubricDir = join(root, DIST, 'config', 'rubrics');
for (const f of readdirSync(rubricDir).filter((n) => n.endsWith('.yaml'))) {
  const rubric = parseRubric(readFileSync(join(rubricDir, f), 'utf8'), `config/rubrics/${f}`);
  writeFileSync(join(rubricDir, f.replace(/\.yaml$/, '.json')), JSON.stringify(rubric));
}

const stamp = join(root, DIST, STAMP);
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started); // a source saved while tsc ran is newer than the build
