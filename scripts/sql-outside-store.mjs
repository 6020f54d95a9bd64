// The boundary rule dependency-cruiser cannot see: SQL text runs in store/ only. Flags, in every product folder but
// store/, a prepare/exec/pragma call given SQL text and any use of a store's raw database handle (`.db.`).
// Usage: node scripts/sql-outside-store.mjs [root]   (exit 1 and one line per place when something is found)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const PRODUCT = [
  'model',
  'config',
  'crawler',
  'checks',
  'scoring',
  'reports',
  'notify',
  'onboard',
  'sample',
  'inspection',
  'service',
  'cli',
];
const SQL_CALL = /\.(?:prepare|exec|pragma)\(\s*[`'"]\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|REPLACE|BEGIN)\b/i;
const RAW_HANDLE = /\.db\.(?:prepare|exec|transaction|pragma)\b/;

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(path);
    else if (/\.(?:ts|mts|mjs|js)$/.test(e.name)) yield path;
  }
}

/** Every place outside store/ where SQL runs: "file:line: text". */
export function sqlOutsideStore(root) {
  const found = [];
  for (const folder of PRODUCT)
    for (const file of sourceFiles(join(root, folder))) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        // a call split over lines: the SQL text may start on the next line
        const call = `${line}\n${lines[i + 1] ?? ''}`;
        if (SQL_CALL.test(call.replace(/\(\s*\n\s*/, '('))) found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        else if (RAW_HANDLE.test(line)) found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const found = sqlOutsideStore(process.argv[2] ?? process.cwd());
  for (const f of found) console.error(`SQL 只能写在 store/ 中（请改为调用 store/ 的函数）：${f}`);
  process.exit(found.length > 0 ? 1 : 0);
}
