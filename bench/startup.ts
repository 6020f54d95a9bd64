// Start-up of the zwgk command (the compiled build through bin/zwgk.js) against a bare `node -e 0` on the same
// machine, interleaved so that a busy minute slows all three alike; medians of wall time. Part of bench:crawl,
// or alone: npx tsx bench/startup.ts [--runs 9]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureFreshBuild } from '../scripts/build-state.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/zwgk.js', import.meta.url));

export interface StartupResult {
  nodeMs: number;
  helpMs: number;
  rubricMs: number;
  helpRatio: number;
  rubricRatio: number;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** `cmd[0]` null: node itself; otherwise the file run directly (bin/zwgk.js through its `#!` line, as `npx zwgk` does). */
function timed([file, ...args]: [string | null, ...string[]]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(file ?? process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ZWGK_REQUIRE_COMPILED: '1' },
  });
  if (r.status !== 0) throw new Error(`${[file, ...args].join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function measureStartup(runs = 9): Promise<StartupResult> {
  await ensureFreshBuild(ROOT);
  const cmds: Record<'node' | 'help' | 'rubric', [string | null, ...string[]]> = {
    node: [null, '-e', '0'],
    help: [BIN, '--help'],
    rubric: [BIN, 'rubric'],
  };
  const times: Record<keyof typeof cmds, number[]> = { node: [], help: [], rubric: [] };
  for (const c of Object.values(cmds)) timed(c); // warm the file cache
  for (let i = 0; i < runs; i++) for (const [k, c] of Object.entries(cmds)) times[k as keyof typeof cmds].push(timed(c));
  const [nodeMs, helpMs, rubricMs] = [median(times.node), median(times.help), median(times.rubric)];
  return { nodeMs, helpMs, rubricMs, helpRatio: helpMs / nodeMs, rubricRatio: rubricMs / nodeMs };
}

export function formatStartup(s: StartupResult): string {
  return (
    `启动（中位数）：node -e 0 ${s.nodeMs.toFixed(0)} ms；zwgk --help ${s.helpMs.toFixed(0)} ms（×${s.helpRatio.toFixed(1)}）；` +
    `zwgk rubric ${s.rubricMs.toFixed(0)} ms（×${s.rubricRatio.toFixed(1)}）；目标 ×5 以内`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
  const s = await measureStartup(Number(values.runs));
  console.log(formatStartup(s));
  console.log(
    `bench:startup node_ms=${s.nodeMs.toFixed(0)} help_ms=${s.helpMs.toFixed(0)} rubric_ms=${s.rubricMs.toFixed(0)} help_ratio=${s.helpRatio.toFixed(2)} rubric_ratio=${s.rubricRatio.toFixed(2)}`,
  );
}
