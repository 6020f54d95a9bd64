// Refactor guard: the demo's findings.json and scores.json of two `zwgk demo --out DIR` runs (e.g. main's commit and
// this branch) must be the same, apart from what names a run or a moment (run ids, timestamps, also quoted in excerpts, screenshot ids) and the
// sample portal's port (each demo serves it on a random one).
// Usage: node scripts/compare-demo-output.mjs DIR_BEFORE DIR_AFTER   (exit 1 and the first differences when they differ)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const FILES = ['findings.json', 'scores.json'];
const VARYING = /^(runId|runIds|generatedAt|startedAt|finishedAt|fetchedAt|createdAt|updatedAt|screenshot|seconds)$/;

function normalise(value) {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VARYING.test(k))
        .map(([k, v]) => [k, normalise(v)]),
    );
  if (typeof value === 'string')
    return value
      .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:端口')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '时刻'); // a check time quoted in an excerpt
  return value;
}

/** Differing lines of the normalised files, at most `max` per file; empty when the outputs are the same. */
function compareDemoOutput(before, after, max = 20) {
  const out = [];
  for (const file of FILES) {
    const read = (dir) => JSON.stringify(normalise(JSON.parse(readFileSync(join(dir, file), 'utf8'))), null, 1).split('\n');
    const [a, b] = [read(before), read(after)];
    let shown = 0;
    for (let i = 0; i < Math.max(a.length, b.length) && shown < max; i++)
      if (a[i] !== b[i]) {
        out.push(`${file}:${i + 1}: ${a[i] ?? '（无）'} ≠ ${b[i] ?? '（无）'}`);
        shown++;
      }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) {
    console.error('用法：node scripts/compare-demo-output.mjs 改动前的输出目录 改动后的输出目录');
    process.exit(2);
  }
  const diff = compareDemoOutput(before, after);
  for (const line of diff) console.error(line);
  console.log(diff.length === 0 ? `findings.json 与 scores.json 一致：${before} = ${after}` : '两次示例运行的结果不一致');
  process.exit(diff.length === 0 ? 0 : 1);
}
