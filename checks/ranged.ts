import type { RubricRow } from '../config/index.ts';
import { rangedBounds } from './rubric-rows.ts';

/** min/max of a ranged rubric row; the defaults are the 2023 rubric's 赋分 -3—3. */
export function bounds(row: RubricRow | null, fallback = 3): { min: number; max: number } {
  return rangedBounds(row) ?? { min: -fallback, max: fallback };
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}
