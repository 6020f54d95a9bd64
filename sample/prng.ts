// Small seeded PRNG (mulberry32): the sample portal must be byte-identical for the same seed.

export interface Rng {
  next(): number; // [0, 1)
  int(min: number, max: number): number; // inclusive
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** Derives an independent stream per name so adding content in one place does not shift another. */
export function childRng(seed: number, name: string): Rng {
  let h = seed >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return createRng(h);
}

/** Deterministic 32-hex id (开普云-style document names). */
export function hexId(seed: number, name: string): string {
  const rng = childRng(seed, name);
  let out = '';
  for (let i = 0; i < 4; i++)
    out += Math.floor(rng.next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  return out;
}
