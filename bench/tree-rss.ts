// Peak memory of a process and everything it started (worker threads are inside it; Chromium, esbuild … are
// child processes), sampled from /proc. RSS counts a shared library in every process that maps it; PSS divides
// it among them, so the PSS sum is what the tree really costs (both printed). Linux only: elsewhere both stay 0.
import { readFileSync, readdirSync } from 'node:fs';

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function tree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...children(out[i]));
  return out;
}

function kb(file: string, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

export interface TreeMemory {
  peakTreeRssMb: number;
  peakTreePssMb: number;
  maxProcesses: number;
}

/** Samples until stopped; PSS (smaps_rollup) is dearer to read, so every other sample. */
export function sampleTree(pid: number, everyMs = 100): () => TreeMemory {
  let rss = 0;
  let pss = 0;
  let procs = 0;
  let n = 0;
  const sample = () => {
    const pids = tree(pid);
    procs = Math.max(procs, pids.length);
    rss = Math.max(
      rss,
      pids.reduce((s, p) => s + kb(`/proc/${p}/status`, 'VmRSS'), 0),
    );
    if (n++ % 2 === 0)
      pss = Math.max(
        pss,
        pids.reduce((s, p) => s + kb(`/proc/${p}/smaps_rollup`, 'Pss'), 0),
      );
  };
  const t = setInterval(sample, everyMs);
  t.unref();
  return () => {
    clearInterval(t);
    return { peakTreeRssMb: Math.round(rss / 1024), peakTreePssMb: Math.round(pss / 1024), maxProcesses: procs };
  };
}

/** As sampleTree, and also each kind of process's own peak (node: the crawler with its threads; chromium …). */
export function sampleTreeByKind(pid: number, everyMs = 100): () => TreeMemory & { peakByKindMb: Record<string, number> } {
  const whole = sampleTree(pid, everyMs);
  const peak: Record<string, number> = {};
  const kind = (p: number): string => {
    try {
      const comm = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
      return /chrom/i.test(comm) ? 'chromium' : comm;
    } catch {
      return 'gone';
    }
  };
  const t = setInterval(() => {
    const now: Record<string, number> = {};
    for (const p of tree(pid)) now[kind(p)] = (now[kind(p)] ?? 0) + kb(`/proc/${p}/status`, 'VmRSS');
    for (const [k, v] of Object.entries(now)) peak[k] = Math.max(peak[k] ?? 0, v);
  }, everyMs);
  t.unref();
  return () => {
    clearInterval(t);
    return { ...whole(), peakByKindMb: Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / 1024)])) };
  };
}
