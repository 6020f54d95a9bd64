import type { Store } from './db.ts';

/** What an evaluator entered for one unit and one indicator (or 综合加分/重大扣分 item) from 印证材料 or the panel. */
export interface ManualEntryInput {
  year: number;
  unitId: string;
  target: string; // rubric row id, or an extras item id
  points?: number | null;
  occurrences?: number | null;
  levelId?: string | null;
  value?: number | null;
  partValues?: Record<string, number> | null;
  bonusOccurrences?: number | null;
  bonusVariants?: Record<string, number> | null;
  note: string;
  attachment?: string | null;
  by: string;
  source?: string; // 'cli', 'import:<file>', 'web'
  at?: string;
}

export interface ManualEntry {
  id: string; // 'M' + sequence, cited as Basis.entryId
  seq: number;
  year: number;
  unitId: string;
  target: string;
  points: number | null;
  occurrences: number | null;
  levelId: string | null;
  value: number | null;
  partValues: Record<string, number> | null;
  bonusOccurrences: number | null;
  bonusVariants: Record<string, number> | null;
  note: string;
  attachment: string | null;
  by: string;
  at: string;
  source: string;
}

interface EntryRow {
  seq: number;
  year: number;
  unit_id: string;
  target: string;
  points: number | null;
  occurrences: number | null;
  level_id: string | null;
  value: number | null;
  part_values_json: string | null;
  bonus_occurrences: number | null;
  bonus_variants_json: string | null;
  note: string;
  attachment: string | null;
  by_name: string;
  at: string;
  source: string;
}

function toEntry(r: EntryRow): ManualEntry {
  return {
    id: `M${r.seq}`,
    seq: r.seq,
    year: r.year,
    unitId: r.unit_id,
    target: r.target,
    points: r.points,
    occurrences: r.occurrences,
    levelId: r.level_id,
    value: r.value,
    partValues: r.part_values_json ? (JSON.parse(r.part_values_json) as Record<string, number>) : null,
    bonusOccurrences: r.bonus_occurrences,
    bonusVariants: r.bonus_variants_json ? (JSON.parse(r.bonus_variants_json) as Record<string, number>) : null,
    note: r.note,
    attachment: r.attachment,
    by: r.by_name,
    at: r.at,
    source: r.source,
  };
}

/** Appends entries in one transaction. A later entry for the same unit and target replaces the earlier one in scoring; history stays. */
export function addManualEntries(store: Store, inputs: ManualEntryInput[]): ManualEntry[] {
  const ins = store.db.prepare(`INSERT INTO manual_entries (year, unit_id, target, points, occurrences, level_id, value, part_values_json,
    bonus_occurrences, bonus_variants_json, note, attachment, by_name, at, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const tx = store.db.transaction(() =>
    inputs.map((e) => {
      const info = ins.run(
        e.year,
        e.unitId,
        e.target,
        e.points ?? null,
        e.occurrences ?? null,
        e.levelId ?? null,
        e.value ?? null,
        e.partValues ? JSON.stringify(e.partValues) : null,
        e.bonusOccurrences ?? null,
        e.bonusVariants ? JSON.stringify(e.bonusVariants) : null,
        e.note,
        e.attachment ?? null,
        e.by,
        e.at ?? new Date().toISOString(),
        e.source ?? 'cli',
      );
      return toEntry(store.db.prepare('SELECT * FROM manual_entries WHERE seq = ?').get(Number(info.lastInsertRowid)) as EntryRow);
    }),
  );
  return tx.immediate();
}

/** Entries in force: the newest per unit and target. */
export function listManualEntries(store: Store, opts: { year: number; unitId?: string }): ManualEntry[] {
  const rows = store.db
    .prepare(`SELECT e.* FROM manual_entries e JOIN (SELECT unit_id, target, MAX(seq) AS seq FROM manual_entries
    WHERE year = ? GROUP BY unit_id, target) m ON m.seq = e.seq ${opts.unitId ? 'WHERE e.unit_id = ?' : ''} ORDER BY e.unit_id, e.target`)
    .all(...[opts.year, ...(opts.unitId ? [opts.unitId] : [])]) as EntryRow[];
  return rows.map(toEntry);
}

/** Every entry ever made (superseded ones included), oldest first. */
export function manualEntryHistory(store: Store, opts: { year: number; unitId?: string }): ManualEntry[] {
  const rows = opts.unitId
    ? store.db.prepare('SELECT * FROM manual_entries WHERE year = ? AND unit_id = ? ORDER BY seq').all(opts.year, opts.unitId)
    : store.db.prepare('SELECT * FROM manual_entries WHERE year = ? ORDER BY seq').all(opts.year);
  return (rows as EntryRow[]).map(toEntry);
}
