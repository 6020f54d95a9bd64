// How bin/zwgk.js starts node (its `#!/usr/bin/env -S VAR=… node --flag` line): the benchmarks give our crawler's
// process the same environment and node flags, so that it runs as the zwgk command does.
import { readFileSync } from 'node:fs';

const BIN = new URL('../bin/zwgk.js', import.meta.url);

interface LauncherSettings {
  env: Record<string, string>;
  nodeFlags: string[];
}

/** ZWGK_BENCH_LAUNCH="VAR=… node --flag" replaces the line's settings (development: trying other values). */
export function launcherSettings(): LauncherSettings {
  const first = readFileSync(BIN, 'utf8').split('\n', 1)[0];
  const line = process.env.ZWGK_BENCH_LAUNCH ?? /^#!\/usr\/bin\/env -S (.+)$/.exec(first)?.[1] ?? '';
  const words = line.trim().split(/\s+/);
  const node = words.indexOf('node');
  if (node < 0) return { env: {}, nodeFlags: [] };
  const env = Object.fromEntries(words.slice(0, node).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  return { env, nodeFlags: words.slice(node + 1) };
}

export const describeLauncher = (s: LauncherSettings): string =>
  [...Object.entries(s.env).map(([k, v]) => `${k}=${v}`), ...s.nodeFlags].join(' ') || '（无）';
