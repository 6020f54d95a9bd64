// The classes of scores.json as documents name them (rubric order, labels, unit counts).
import { classInfo, type ClassInfo } from '../config/index.ts';
import type { ScoresFile } from './types.ts';

/** scores.classes; for a scores.json written before it carried them, the classes of its units under their keys. */
export function scoreClasses(scores: ScoresFile): ClassInfo[] {
  if (scores.classes?.length) return scores.classes;
  const keys = [...new Set(scores.units.map((u) => u.class))];
  return keys.map((k) => classInfo(k, undefined, scores.units.filter((u) => u.class === k).length));
}

export function classOf(scores: ScoresFile, key: string): ClassInfo {
  return scoreClasses(scores).find((c) => c.key === key) ?? classInfo(key, undefined, 0);
}
