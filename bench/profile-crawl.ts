// Development aid: CPU profiles of our crawler's cold run and re-run (node --cpu-prof), summarised by function and file.
// Usage: npx tsx bench/profile-crawl.ts [--units 60] [--out /tmp/prof]
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';

// Frames of this checkout's own files (wherever it is cloned), by path relative to it.
const CHECKOUT = pathToFileURL(join(fileURLToPath(new URL('..', import.meta.url)), '/')).href;
const ownFile = (url: string) => url.startsWith(CHECKOUT) && !url.includes('node_modules');
const relative = (url: string) => (url.startsWith(CHECKOUT) ? url.slice(CHECKOUT.length) : url.replace(/.*node_modules\//, ''));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(file: string, top = 25): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fnSelf = new Map<string, number>();
  const fileIncl = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${relative(n.callFrame.url)}:${n.callFrame.lineNumber}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + t);
    // inclusive time per project file: walk up, count each file once
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const u = byId.get(cur)!.callFrame.url;
      const f = ownFile(u) ? `${relative(u)} ${byId.get(cur)!.callFrame.functionName}` : null;
      if (f && !seen.has(f)) {
        seen.add(f);
        fileIncl.set(f, (fileIncl.get(f) ?? 0) + t);
      }
    }
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1)}%`;
  const lines = [`total ${(total / 1e6).toFixed(1)} s sampled`, '-- self time by function'];
  for (const [k, t] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(t).padStart(6)} ${k}`);
  lines.push('-- inclusive time by project function');
  for (const [k, t] of [...fileIncl].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(t).padStart(6)} ${k}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '60' },
      out: { type: 'string', default: join(tmpdir(), 'zwgk-prof') },
      summarise: { type: 'string' },
    },
  });
  if (values.summarise) {
    console.log(summarise(values.summarise, 40));
    return;
  }
  const { startSamplePortal, benchConfigFor } = await import('../sample/index.ts');
  const portal = await startSamplePortal({ extraUnits: Number(values.units), pagesPerColumn: 3, latencyMs: 20 });
  const config = benchConfigFor(portal, { concurrencyPerHost: 16, delayMs: 0 });
  const dbPath = join(mkdtempSync(join(tmpdir(), 'zwgk-prof-db-')), 'bench.db');
  const input = join(mkdtempSync(join(tmpdir(), 'zwgk-prof-in-')), 'input.json');
  writeFileSync(input, JSON.stringify({ config, dbPath }));
  try {
    for (const label of ['cold', 'rerun']) {
      const dir = join(values.out!, label);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      await new Promise<void>((res, rej) => {
        const p = spawn(
          process.execPath,
          [
            '--cpu-prof',
            '--cpu-prof-dir',
            dir,
            '--import',
            'tsx',
            fileURLToPath(new URL('./crawl-child.ts', import.meta.url)),
            'ours',
            input,
          ],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d));
        p.on('exit', (code) => {
          if (code !== 0) return rej(new Error(`exit ${code}`));
          const r = JSON.parse(out.trim().split('\n').pop()!);
          console.log(`${label}: ${r.pages} requests in ${r.seconds} s, peak ${r.peakRssMb} MB`);
          res();
        });
      });
      // the crawl runs on the main thread; tsx's loader worker writes a second, idle profile
      const prof = readdirSync(dir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(dir, f))
        .sort();
      console.log(summarise(prof[0]));
    }
  } finally {
    await portal.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
