import type { Store } from './db.ts';
import type { Finding } from '../model/index.ts';

/** Replaces the findings of a run (checks are re-run on the stored observations, so this is idempotent). */
export function saveFindings(store: Store, runId: number, findings: Finding[]): void {
  const db = store.db;
  db.transaction(() => {
    db.prepare('DELETE FROM findings WHERE run_id = ?').run(runId);
    const stmt = db.prepare(`INSERT INTO findings (run_id, id, key, unit_id, check_id, indicator, column_key, subject, kind, title, detail,
      occurrences, suggested_points, confidence, monthly, evidence_json, confidence_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
    for (const f of findings) {
      stmt.run(
        runId,
        f.id,
        f.key,
        f.unitId,
        f.checkId,
        f.indicator,
        f.column,
        f.subject,
        f.kind,
        f.title,
        f.detail,
        f.occurrences,
        f.suggestedPoints,
        f.confidence,
        f.monthly ? 1 : 0,
        JSON.stringify(f.evidence),
        f.confidenceReason ?? null,
      );
    }
  }).immediate();
}

export function loadFindings(store: Store, runId: number, unitNames: Map<string, string> = new Map()): Finding[] {
  const rows = store.db.prepare('SELECT * FROM findings WHERE run_id = ? ORDER BY unit_id, check_id, id').all(runId) as Record<
    string,
    unknown
  >[];
  return rows.map((r) => ({
    id: r.id as string,
    key: r.key as string,
    unitId: r.unit_id as string,
    unitName: unitNames.get(r.unit_id as string) ?? (r.unit_id as string),
    checkId: r.check_id as Finding['checkId'],
    indicator: r.indicator as string,
    column: r.column_key as string | null,
    subject: r.subject as string,
    kind: r.kind as Finding['kind'],
    title: r.title as string,
    detail: r.detail as string,
    occurrences: r.occurrences as number,
    suggestedPoints: r.suggested_points as number,
    confidence: r.confidence as Finding['confidence'],
    ...(r.confidence_reason ? { confidenceReason: r.confidence_reason as string } : {}),
    monthly: !!r.monthly,
    evidence: JSON.parse(r.evidence_json as string),
    status: 'pending',
  }));
}
