// Issue 15: peak memory of an inspection of hostile and broken sites against a normal inspection, measured the same
// way: each is a real `zwgk inspect` (bin/zwgk.js, the compiled code) in its own process, sampled with its whole
// process tree (worker threads, Chromium) from /proc. Normal: the bundled sample portal (41 units) with the same
// crawl settings as the hostile county where they matter for memory (one analysis thread, no screenshots).
// Usage: npx tsx bench/hostile-rss.ts [--rounds 1]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureFreshBuild } from '../scripts/build-state.mjs';
import { startHostileCounty } from './hostile-county.ts';
import { sampleTree, type TreeMemory } from './tree-rss.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function inspect(configYaml: string, label: string): Promise<TreeMemory & { seconds: number; code: number | null }> {
  const work = mkdtempSync(join(tmpdir(), `zwgk-rss-${label}-`));
  try {
    writeFileSync(join(work, 'county.yaml'), configYaml);
    const args = [
      'inspect',
      '--config',
      join(work, 'county.yaml'),
      '--db',
      join(work, 'z.db'),
      '--as-of',
      '2023-12-15',
      '--out',
      join(work, 'out'),
    ];
    const started = Date.now();
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'zwgk.js'), ...args], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, CI: '1' },
    });
    const stop = sampleTree(p.pid!, 50);
    const code = await new Promise<number | null>((res) => p.on('exit', res));
    return { ...stop(), seconds: (Date.now() - started) / 1000, code };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function normalConfig(): Promise<{ yaml: string; close(): Promise<void> }> {
  const { startSamplePortal, sampleConfigYaml } = await import('../sample/index.ts');
  const portal = await startSamplePortal();
  const yaml = sampleConfigYaml(portal.origin, { crawl: { analysisThreads: 1, browser: { screenshots: false } } });
  return { yaml, close: portal.close };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '1' } } });
  await ensureFreshBuild(ROOT);
  const rows: string[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    const hostile = await startHostileCounty();
    const h = await inspect(hostile.configYaml, 'hostile').finally(() => hostile.close());
    const normal = await normalConfig();
    const n = await inspect(normal.yaml, 'normal').finally(() => normal.close());
    const line = (name: string, m: typeof h) =>
      `${name}：${m.seconds.toFixed(1)} 秒，退出码 ${m.code}，进程树峰值 RSS ${m.peakTreeRssMb} MB（PSS ${m.peakTreePssMb} MB），最多 ${m.maxProcesses} 个进程`;
    rows.push(`第 ${round} 轮`, `  ${line('恶意/损坏站点（8 个单位）', h)}`, `  ${line('正常检查（示例门户 41 个单位）', n)}`);
    rows.push(`  恶意站点一次检查的峰值 / 正常检查的峰值：${(h.peakTreeRssMb / n.peakTreeRssMb).toFixed(2)}`);
  }
  console.log(rows.join('\n'));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
