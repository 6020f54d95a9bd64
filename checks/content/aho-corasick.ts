// Multi-pattern matching over UTF-16 code units. modern-ahocorasick (the best-kept npm package) did not finish
// building a 30 000-pattern dictionary within minutes on this machine, so this is a small dense automaton:
// goto transitions in one open-addressing hash table keyed by (state, char), failure links and output chains
// resolved at build time, so scanning costs one table probe per character.

interface AcMatch {
  pattern: number; // index into the pattern list
  start: number; // UTF-16 offset, inclusive
  end: number; // exclusive
}

export class AhoCorasick {
  // (state, char) → next state; a state beyond 32 767 would overflow a packed state * 65536 + char in 32 bits
  private keyState: Int32Array; // -1 = empty slot
  private keyChar: Uint16Array;
  private vals: Int32Array;
  private mask: number;
  private fail: Int32Array;
  private out: Int32Array; // first pattern ending at a state, -1 none
  private outNext: Int32Array; // next state on the output chain with a pattern, -1 none
  private extra: Map<number, number[]>; // further patterns ending at the same state (duplicates)
  private lengths: Int32Array;

  constructor(patterns: readonly string[]) {
    let total = 1;
    for (const p of patterns) total += p.length;
    let size = 1;
    while (size < total * 2) size <<= 1;
    this.mask = size - 1;
    this.keyState = new Int32Array(size).fill(-1);
    this.keyChar = new Uint16Array(size);
    this.vals = new Int32Array(size);
    const out: number[] = [-1];
    this.extra = new Map();
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    let states = 1;
    const children: number[][] = [[]];
    patterns.forEach((p, idx) => {
      if (p.length === 0) throw new Error(`词表第 ${idx + 1} 项为空`);
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let next = this.get(s, c);
        if (next < 0) {
          next = states++;
          out.push(-1);
          children.push([]);
          this.set(s, c, next);
          children[s].push(c);
        }
        s = next;
      }
      if (out[s] < 0) out[s] = idx;
      else (this.extra.get(s) ?? this.extra.set(s, []).get(s)!).push(idx);
    });
    this.out = Int32Array.from(out);
    this.fail = new Int32Array(states);
    this.outNext = new Int32Array(states).fill(-1);
    const queue: number[] = [];
    for (const c of children[0]) queue.push(this.get(0, c));
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const c of children[s]) {
        const t = this.get(s, c);
        let f = this.fail[s];
        while (f > 0 && this.get(f, c) < 0) f = this.fail[f];
        const g = this.get(f, c);
        this.fail[t] = g >= 0 && g !== t ? g : 0;
        const ft = this.fail[t];
        this.outNext[t] = this.out[ft] >= 0 ? ft : this.outNext[ft];
        queue.push(t);
      }
    }
  }

  private slot(state: number, c: number): number {
    let h = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask;
    while (this.keyState[h] !== -1 && (this.keyState[h] !== state || this.keyChar[h] !== c)) h = (h + 1) & this.mask;
    return h;
  }
  private get(state: number, c: number): number {
    const h = this.slot(state, c);
    return this.keyState[h] === -1 ? -1 : this.vals[h];
  }
  private set(state: number, c: number, to: number): void {
    const h = this.slot(state, c);
    this.keyState[h] = state;
    this.keyChar[h] = c;
    this.vals[h] = to;
  }

  /** Calls `onMatch` for every occurrence, overlaps included, in order of end offset. */
  scan(text: string, onMatch: (m: AcMatch) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = this.get(s, c);
      while (next < 0 && s > 0) {
        s = this.fail[s];
        next = this.get(s, c);
      }
      s = next < 0 ? 0 : next;
      for (let o = this.out[s] >= 0 ? s : this.outNext[s]; o >= 0; o = this.outNext[o]) {
        const end = i + 1;
        const emit = (p: number) => onMatch({ pattern: p, start: end - this.lengths[p], end });
        emit(this.out[o]);
        const more = this.extra.get(o);
        if (more) for (const p of more) emit(p);
      }
    }
  }

  search(text: string): AcMatch[] {
    const out: AcMatch[] = [];
    this.scan(text, (m) => out.push(m));
    return out;
  }
}
