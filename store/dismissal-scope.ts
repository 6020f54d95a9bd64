// 确认无误 (the `dismiss` decision) on a content finding — a typo, expression, sensitive word or personal number
// judged correct or public on purpose — is about the text the evaluator read. It carries to later months while that
// text is unchanged and lapses when it changes: the finding is then pending again, since nobody has judged the new text.
// Findings of other checks carry their decision by id alone, as before.
import type { Store } from './db.ts';
import type { Evidence, Finding } from '../checks/types.ts';
import type { ReviewState } from './review.ts';

/**
 * What a content finding's reviewer judged: its title (holds the counts, e.g. 3 个身份证号) and each evidence item's
 * masked value and excerpt. Addresses and fetch times are left out, so a portal move or a re-fetch changes nothing.
 * Null for findings whose evidence names no `found` value (not a content check).
 */
export function judgedContent(f: Pick<Finding, 'title' | 'evidence'>): string | null {
  if (!f.evidence.some((e) => e.found !== undefined)) return null;
  return JSON.stringify([f.title, ...f.evidence.map((e) => [e.found ?? '', e.excerpt])]);
}

export interface LapsedDismissal {
  by: string;
  at: string;
  reason: string;
  runId: number; // the run whose evidence was judged
}

/**
 * Whether the newest decision on a finding, a dismissal, no longer holds for this version of it: the judged run's
 * version and this one are both content findings and what they show differs. A dismissal recorded without a run,
 * or whose run no longer holds the finding, keeps holding.
 */
export function lapsedDismissal(
  store: Store,
  state: ReviewState,
  current: Pick<Finding, 'id' | 'title' | 'evidence'>,
): LapsedDismissal | null {
  if (state.status !== 'dismissed') return null;
  const now = judgedContent(current);
  if (now === null) return null;
  const logged = store.db.prepare('SELECT run_id FROM review_log WHERE seq = ?').get(state.seq) as { run_id: number | null } | undefined;
  if (!logged || logged.run_id === null) return null;
  const judged = store.db.prepare('SELECT title, evidence_json FROM findings WHERE id = ? AND run_id = ?').get(current.id, logged.run_id) as
    | { title: string; evidence_json: string }
    | undefined;
  if (!judged) return null;
  const then = judgedContent({ title: judged.title, evidence: JSON.parse(judged.evidence_json) as Evidence[] });
  if (then === null || then === now) return null;
  return { by: state.by, at: state.at, reason: state.reason, runId: logged.run_id };
}
