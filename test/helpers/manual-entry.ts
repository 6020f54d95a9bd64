// One evaluator entry as the store returns it, for scoring and rubric tests: what a test does not set is not entered.
import type { ManualEntry } from '../../store/index.ts';

type Identity = Pick<ManualEntry, 'seq' | 'year' | 'unitId' | 'target' | 'note' | 'by' | 'at'>;

/** An entry with every value field empty (null), entered from the CLI, id `M<seq>`; `over` sets what the test enters. */
export function manualEntry(identity: Identity, over: Partial<ManualEntry> = {}): ManualEntry {
  const { seq, year, unitId, target, note, by, at } = identity;
  return {
    id: `M${seq}`,
    seq,
    year,
    unitId,
    target,
    points: null,
    occurrences: null,
    levelId: null,
    value: null,
    partValues: null,
    bonusOccurrences: null,
    bonusVariants: null,
    note,
    attachment: null,
    by,
    at,
    source: 'cli',
    ...over,
  };
}
