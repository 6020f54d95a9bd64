import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AhoCorasick } from '../checks/content/aho-corasick.ts';

function naive(patterns: string[], text: string) {
  const out: { pattern: number; start: number; end: number }[] = [];
  patterns.forEach((p, pattern) => {
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push({ pattern, start: i, end: i + p.length });
  });
  return out.sort((a, b) => a.end - b.end || a.pattern - b.pattern);
}

describe('AhoCorasick', () => {
  it('finds overlapping and nested patterns (he/she/hers)', () => {
    const ac = new AhoCorasick(['he', 'she', 'hers', '截止', '截止日期']);
    const hits = ac
      .search('ushers 截止日期')
      .map((m) => m.pattern)
      .sort();
    expect(hits).toEqual([0, 1, 2, 3, 4]);
  });
  it('agrees with a naive search on random Chinese text', () => {
    const alpha = fc.constantFrom('政', '务', '公', '开', '县', 'a', '1');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: alpha, minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }),
        fc.string({ unit: alpha, maxLength: 80 }),
        (patterns, text) => {
          const got = new AhoCorasick(patterns).search(text).sort((a, b) => a.end - b.end || a.pattern - b.pattern);
          expect(got).toEqual(naive(patterns, text));
        },
      ),
    );
  });
  it('stays exact with tens of thousands of patterns (more than 32 767 states)', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const patterns = [
      ...new Set(
        Array.from({ length: 30_000 }, (_, i) =>
          Array.from({ length: 2 + (i % 5) }, () => String.fromCharCode(0x4e00 + rand(3000))).join(''),
        ),
      ),
    ];
    const text = Array.from({ length: 400 }, (_, i) =>
      i % 7 === 0 ? patterns[rand(patterns.length)] : String.fromCharCode(0x4e00 + rand(3000)),
    ).join('');
    const got = new AhoCorasick(patterns).search(text).sort((a, b) => a.end - b.end || a.pattern - b.pattern);
    expect(got.length).toBeGreaterThan(50);
    expect(got).toEqual(naive(patterns, text));
  });
  it('reports duplicate patterns under each index', () => {
    expect(new AhoCorasick(['公开', '公开']).search('政务公开').map((m) => m.pattern)).toEqual([0, 1]);
  });
  it('refuses an empty pattern with a message naming it', () => {
    expect(() => new AhoCorasick(['a', ''])).toThrow('第 2 项');
  });
});
