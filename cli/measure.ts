import type { Finding } from '../checks/index.ts';

interface TruthEntry {
  unitId: string;
  checkId: string;
  count: number;
  value?: number;
}

interface CheckMeasure {
  checkId: string;
  planted: number;
  found: number;
  tp: number;
  fp: number;
  fn: number;
  /** Found at confidence high, and how many of them are planted gaps (high findings are matched first). */
  highFound: number;
  highTp: number;
  precision: number | null; // null when nothing was found
  recall: number | null; // null when nothing was planted
}

const RANGED = new Set(['decisions.catalog', 'decisions.precomment', 'keyfield.coverage']);

/**
 * Precision/recall per check against planted ground truth (docs/check-semantics.md): per unit
 * TP = min(found, planted); ranged checks match on (unit, value), keyfield.coverage per key field note.
 */
export function measureFindings(findings: Finding[], truth: TruthEntry[], checkIds: readonly string[]): CheckMeasure[] {
  const scored = findings.filter((f) => f.kind !== 'warning');
  return checkIds.map((checkId) => {
    const mine = highFirst(scored.filter((f) => f.checkId === checkId));
    const planted = truth.filter((t) => t.checkId === checkId);
    const counts = RANGED.has(checkId) ? matchRanged(mine, planted) : matchPerUnit(mine, planted);
    const found = counts.tp + counts.fp;
    const plantedCount = counts.tp + counts.fn;
    return {
      checkId,
      planted: plantedCount,
      found,
      ...counts,
      precision: found === 0 ? null : counts.tp / found,
      recall: plantedCount === 0 ? null : counts.tp / plantedCount,
    };
  });
}

type Counts = Pick<CheckMeasure, 'tp' | 'fp' | 'fn' | 'highFound' | 'highTp'>;

const highFirst = (findings: Finding[]) => [...findings].sort((a, b) => Number(b.confidence === 'high') - Number(a.confidence === 'high'));

function matchRanged(mine: Finding[], planted: TruthEntry[]): Counts {
  const remaining = [...planted];
  const c: Counts = { tp: 0, fp: 0, fn: 0, highFound: 0, highTp: 0 };
  for (const f of mine) {
    const high = f.confidence === 'high';
    if (high) c.highFound++;
    const i = remaining.findIndex((t) => t.unitId === f.unitId && t.value !== undefined && Math.abs(t.value - f.suggestedPoints) < 1e-9);
    if (i < 0) {
      c.fp++;
      continue;
    }
    c.tp++;
    if (high) c.highTp++;
    remaining.splice(i, 1);
  }
  c.fn = remaining.length;
  return c;
}

function matchPerUnit(mine: Finding[], planted: TruthEntry[]): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0, highFound: 0, highTp: 0 };
  const units = new Set([...mine.map((f) => f.unitId), ...planted.map((t) => t.unitId)]);
  const sum = (fs: Finding[]) => fs.reduce((s, f) => s + f.occurrences, 0);
  for (const unitId of units) {
    const ofUnit = mine.filter((f) => f.unitId === unitId);
    const found = sum(ofUnit);
    const high = sum(ofUnit.filter((f) => f.confidence === 'high'));
    const want = planted.filter((t) => t.unitId === unitId).reduce((s, t) => s + t.count, 0);
    const hit = Math.min(found, want);
    c.tp += hit;
    c.fp += found - hit;
    c.fn += want - hit;
    c.highFound += high;
    c.highTp += Math.min(high, want);
  }
  return c;
}

/**
 * The four figures issue 14 names for a portal the checks were not written against, over all checks: deductions
 * marked high that are right, all deductions that are right, planted gaps found, and planted gaps found at high.
 */
export function heldOutFigures(rows: CheckMeasure[]) {
  const total = (k: keyof Counts | 'found' | 'planted') => rows.reduce((s, r) => s + r[k], 0);
  const share = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    highPrecision: share(total('highTp'), total('highFound')),
    precision: share(total('tp'), total('found')),
    recall: share(total('tp'), total('planted')),
    highRecall: share(total('highTp'), total('planted')),
  };
}

export function formatMeasureTable(rows: CheckMeasure[]): string {
  const pct = (v: number | null) => (v === null ? '   —  ' : `${(v * 100).toFixed(1).padStart(5)}%`);
  const n = (v: number) => String(v).padStart(5);
  const lines = ['检查项                    预埋  发现  正确  误报  漏报  精确率  召回率  高置信  高置信正确'];
  for (const r of rows) {
    lines.push(
      `${r.checkId.padEnd(24)} ${n(r.planted)} ${n(r.found)} ${n(r.tp)} ${n(r.fp)} ${n(r.fn)}  ${pct(r.precision)}  ${pct(r.recall)}  ${n(r.highFound)}  ${n(r.highTp)}`,
    );
  }
  const f = heldOutFigures(rows);
  lines.push(
    '',
    `合计：高置信度扣分正确率 ${pct(f.highPrecision).trim()}（要求 ≥98%），全部扣分正确率 ${pct(f.precision).trim()}（≥90%），` +
      `问题发现率 ${pct(f.recall).trim()}（≥95%），高置信度发现率 ${pct(f.highRecall).trim()}（≥80%）`,
  );
  return lines.join('\n');
}
