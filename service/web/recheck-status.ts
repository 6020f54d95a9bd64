// Where a finding stands after a unit said 已整改: 待复查 until the re-check ran, then 复查通过 or 复查未通过.
import {
  listRechecks,
  listRectifyClaims,
  type RecheckRecord,
  type RectifyClaim,
  type Store,
  type TrackedFinding,
} from '../../store/index.ts';
import { beijingTime } from './zh.ts';

type RecheckStatus = '待复查' | '复查通过' | '复查未通过';

export interface RecheckView {
  status: RecheckStatus;
  /** One sentence a clerk can act on. */
  text: string;
  claim: RectifyClaim | null;
}

/** The finding's re-check status, from its newest 已整改 claim, that claim's re-check and the finding's lifecycle. */
export function recheckStatus(f: TrackedFinding, claims: RectifyClaim[], rechecks: RecheckRecord[]): RecheckView | null {
  const claim = claims.filter((c) => c.findingId === f.id).sort((a, b) => b.id - a.id)[0] ?? null;
  if (f.lifecycle.phase === 'rectified') {
    return {
      status: '复查通过',
      claim,
      text: `${f.lifecycle.rectifiedAsOf} 的复查（第 ${f.lifecycle.rectifiedRunId} 次检查）打开了相关页面，问题已不再出现。`,
    };
  }
  if (!claim) return null;
  const r = rechecks.find((x) => x.id === claim.recheckId);
  if (!r || r.state === 'queued' || r.state === 'running') {
    return {
      status: '待复查',
      claim,
      text: `单位于 ${beijingTime(claim.at)} 提交已整改，${r?.state === 'running' ? '复查正在进行' : '已排队等待复查'}。`,
    };
  }
  if (r.state === 'failed') {
    return { status: '复查未通过', claim, text: `复查未能完成（${r.message ?? '抓取失败'}），无法确认整改；请核对网址后重新提交已整改。` };
  }
  // done: the re-check run either saw the finding again or could not open its page
  const seenAgain = r.runId !== null && f.lifecycle.runs.includes(r.runId);
  return {
    status: '复查未通过',
    claim,
    text: seenAgain
      ? `${beijingTime(r.finishedAt)} 复查时问题仍然存在，请继续整改后重新提交。`
      : `${beijingTime(r.finishedAt)} 复查时未能打开相关页面，无法确认整改；请核对网址后重新提交。`,
  };
}

/** Re-check status of every finding of a unit, reading its claims and re-checks once. */
export function recheckStatuses(store: Store, unitId: string, findings: TrackedFinding[]): Map<string, RecheckView> {
  const claims = listRectifyClaims(store, { unitId });
  const rechecks = listRechecks(store, { unitId, limit: 1000 });
  const out = new Map<string, RecheckView>();
  for (const f of findings) {
    const v = recheckStatus(f, claims, rechecks);
    if (v) out.set(f.id, v);
  }
  return out;
}
