import type { Store } from './db.ts';

export interface GradeOverrideRecord {
  year: number;
  unitId: string;
  grade: string;
  reason: string;
  by: string;
  at: string;
}

/** Appends an evaluator's grade override; the newest per unit and year is in force. */
export function addGradeOverride(store: Store, o: Omit<GradeOverrideRecord, 'at'> & { at?: string }): GradeOverrideRecord {
  const at = o.at ?? new Date().toISOString();
  store.db
    .prepare('INSERT INTO grade_overrides (year, unit_id, grade, reason, by_name, at) VALUES (?,?,?,?,?,?)')
    .run(o.year, o.unitId, o.grade, o.reason, o.by, at);
  return { ...o, at };
}

export function currentGradeOverrides(store: Store, year: number): Map<string, GradeOverrideRecord> {
  const rows = store.db
    .prepare(`SELECT g.* FROM grade_overrides g JOIN (SELECT unit_id, MAX(seq) AS seq FROM grade_overrides WHERE year = ?
    GROUP BY unit_id) m ON m.seq = g.seq`)
    .all(year) as { year: number; unit_id: string; grade: string; reason: string; by_name: string; at: string }[];
  return new Map(
    rows.map((r) => [r.unit_id, { year: r.year, unitId: r.unit_id, grade: r.grade, reason: r.reason, by: r.by_name, at: r.at }]),
  );
}
