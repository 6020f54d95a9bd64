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
    const mine = scored.filter((f) => f.checkId === checkId);
    const planted = truth.filter((t) => t.checkId === checkId);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    if (RANGED.has(checkId)) {
      const remaining = [...planted];
      for (const f of mine) {
        const i = remaining.findIndex(
          (t) => t.unitId === f.unitId && t.value !== undefined && Math.abs(t.value - f.suggestedPoints) < 1e-9,
        );
        if (i >= 0) {
          tp++;
          remaining.splice(i, 1);
        } else fp++;
      }
      fn = remaining.length;
    } else {
      const units = new Set([...mine.map((f) => f.unitId), ...planted.map((t) => t.unitId)]);
      for (const unitId of units) {
        const found = mine.filter((f) => f.unitId === unitId).reduce((s, f) => s + f.occurrences, 0);
        const want = planted.filter((t) => t.unitId === unitId).reduce((s, t) => s + t.count, 0);
        const hit = Math.min(found, want);
        tp += hit;
        fp += found - hit;
        fn += want - hit;
      }
    }
    const found = tp + fp;
    const plantedCount = tp + fn;
    return {
      checkId,
      planted: plantedCount,
      found,
      tp,
      fp,
      fn,
      precision: found === 0 ? null : tp / found,
      recall: plantedCount === 0 ? null : tp / plantedCount,
    };
  });
}

export function formatMeasureTable(rows: CheckMeasure[]): string {
  const pct = (v: number | null) => (v === null ? '   —  ' : `${(v * 100).toFixed(1).padStart(5)}%`);
  const lines = ['检查项                    预埋  发现  正确  误报  漏报  精确率  召回率'];
  for (const r of rows) {
    lines.push(
      `${r.checkId.padEnd(24)} ${String(r.planted).padStart(5)} ${String(r.found).padStart(5)} ${String(r.tp).padStart(5)} ${String(r.fp).padStart(5)} ${String(r.fn).padStart(5)}  ${pct(r.precision)}  ${pct(r.recall)}`,
    );
  }
  return lines.join('\n');
}
