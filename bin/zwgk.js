#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4
// The zwgk command. Runs the compiled build (dist/, made by `npm install` through `prepare`) in this process; when
// there is none, or a source changed since it was built, runs the TypeScript sources through tsx instead (slower to
// start, same behaviour). ZWGK_REQUIRE_COMPILED=1 makes a missing or stale build an error (CI checks the compiled path).
// The first line sets what has to be there when node starts (measured on bench:crawl's county, README 内存与规模): at
// most two glibc malloc arenas (each thread otherwise gets its own and keeps what it freed) and a 4 MB semi-space for
// the main thread's young generation (the workers get theirs from cli/runtime.ts). `env -S` is in coreutils 8.30+,
// which every system that runs Node 20 has; `node bin/zwgk.js` runs the same without the two settings.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { buildIsFresh, DIST } from '../scripts/build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (buildIsFresh(root)) {
  const { main } = await import(pathToFileURL(join(root, DIST, 'cli', 'main.js')).href);
  const { limitHeapGrowth } = await import(pathToFileURL(join(root, DIST, 'cli', 'runtime.js')).href);
  limitHeapGrowth();
  process.exit(await main(args));
} else if (process.env.ZWGK_REQUIRE_COMPILED === '1') {
  process.stderr.write('错误：没有最新的编译结果（dist/ 不存在或比源代码旧），请先运行 npm run build\n');
  process.exit(1);
} else {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [...process.execArgv, tsx, join(root, 'cli', 'main.ts'), ...args], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
