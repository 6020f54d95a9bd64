// Counting for bench:accuracy: true/false positives and negatives per measured kind, and decisions marked unsure.

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  decisions: number;
  unsure: number;
  misses: string[]; // one line per wrong or missing decision, for the report
}

function emptyTally(): Tally {
  return { tp: 0, fp: 0, fn: 0, decisions: 0, unsure: 0, misses: [] };
}

export class Tallies {
  readonly byKind = new Map<string, Tally>();

  get(kind: string): Tally {
    let t = this.byKind.get(kind);
    if (!t) this.byKind.set(kind, (t = emptyTally()));
    return t;
  }

  /** A decision on one fact: `expected` present/absent, `got` present/absent, `right` when both present and they agree. */
  decide(kind: string, where: string, d: { expected: boolean; got: boolean; right?: boolean; unsure?: boolean; note?: string }): void {
    const t = this.get(kind);
    t.decisions++;
    if (d.unsure) t.unsure++;
    if (d.expected && d.got && d.right !== false) t.tp++;
    else if (d.expected && d.got) {
      t.fp++;
      t.fn++;
      t.misses.push(`${where}: 位置或取值不对${d.note ? `（${d.note}）` : ''}`);
    } else if (d.expected) {
      t.fn++;
      t.misses.push(`${where}: 漏检${d.note ? `（${d.note}）` : ''}`);
    } else if (d.got) {
      t.fp++;
      t.misses.push(`${where}: 误检${d.note ? `（${d.note}）` : ''}`);
    }
  }
}

export function precision(t: Tally): number | null {
  return t.tp + t.fp === 0 ? null : t.tp / (t.tp + t.fp);
}

export function recall(t: Tally): number | null {
  return t.tp + t.fn === 0 ? null : t.tp / (t.tp + t.fn);
}

export function fmt(n: number | null): string {
  return n === null ? '—' : n.toFixed(2);
}
