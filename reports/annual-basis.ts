// How a score's basis is shown: 评分依据 text and evidence links, shared by the .xlsx and the summary.
import { STATUS_LABELS } from './labels.ts';
import type { Basis, IndicatorScore, ScoresFile } from './types.ts';
import type { FindingStatus } from '../checks/index.ts';

function statusMark(b: Basis): string {
  return b.status === 'pending'
    ? '【待确认】'
    : b.status && b.status !== 'confirmed' && b.status in STATUS_LABELS
      ? `【${STATUS_LABELS[b.status as FindingStatus]}】`
      : '';
}

export function basisText(basis: Basis[]): string {
  return basis.map((b) => `${statusMark(b)}${b.text}`).join('\n');
}

/** One line per basis: its URL, or the manual entry it rests on. */
export function basisLinks(basis: Basis[]): string {
  return basis.map((b) => b.url ?? (b.entryId ? `人工录入：${b.entryId}` : '（无证据链接）')).join('\n');
}

export interface PendingRow {
  unitName: string;
  item: string;
  problem: string;
  url: string;
  points: string;
  source: string;
}

/** Basis entries of the scores file still pending review (their points are in pendingDeduction, not the total). */
export function pendingBasis(scores: ScoresFile): (PendingRow & { findingId?: string })[] {
  const out: (PendingRow & { findingId?: string })[] = [];
  for (const u of scores.units) {
    for (const r of u.indicators) {
      for (const b of r.basis) {
        if (b.status !== 'pending') continue;
        out.push({
          findingId: b.findingId,
          unitName: u.unitName,
          item: r.level3 || r.level2,
          problem: b.text,
          url: b.url ?? (b.entryId ? `人工录入：${b.entryId}` : ''),
          points: r.pendingDeduction ? `-${r.pendingDeduction}（本项合计）` : '',
          source: '评分草稿',
        });
      }
    }
  }
  return out;
}

/**
 * 重大扣分项 candidates not yet decided: findings a person confirmed that the rubric ties to an extras item. Never in
 * a total; the evaluator decides and enters the item (`target`) or not.
 */
export function candidateRows(scores: ScoresFile): (PendingRow & { target: string })[] {
  return scores.units.flatMap((u) =>
    (u.extraCandidates ?? [])
      .filter((c) => !c.entered)
      .map((c) => ({
        target: c.target,
        unitName: u.unitName,
        item: `${c.kind === 'penalty' ? '重大扣分项' : '综合加分项'}候选：${c.label}`,
        problem: c.findings.map((b) => b.text).join('\n'),
        url: c.findings
          .map((b) => b.url ?? '')
          .filter(Boolean)
          .join('\n'),
        points: c.points === null ? '酌情' : `${c.kind === 'penalty' ? '-' : ''}${c.points}（须考核小组认定）`,
        source: '重大扣分项候选',
      })),
  );
}
