// What a finding page shows above its facts: 已整改 / the re-check status, and 下一条 for a reviewer who came from a list.
import { listRechecks, listRectifyClaims, type TrackedFinding, type UserRecord } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { esc } from './html.ts';
import { nextInList } from './queue-routes.ts';
import { recheckStatus } from './recheck-status.ts';
import { nextBar } from './views/queue.ts';

export interface FindingExtras {
  top: string;
  from?: string;
  indicator: string;
}

const STATUS_CLASS: Record<string, string> = { 待复查: 'pending', 复查通过: 'rectified', 复查未通过: 'confirmed' };

export function findingExtras(ctx: ServiceContext, user: UserRecord, f: TrackedFinding, from: string | undefined): FindingExtras {
  const view = recheckStatus(
    f,
    listRectifyClaims(ctx.store, { findingId: f.id }),
    listRechecks(ctx.store, { unitId: f.unitId, limit: 1000 }),
  );
  const banner = view
    ? `<div class="recheck ${STATUS_CLASS[view.status]}"><strong>${view.status === '复查通过' ? '已整改' : '已提交整改'}　<span class="recheck-status">${esc(view.status)}</span></strong>
<p>${esc(view.text)}</p></div>`
    : '';
  const list = user.role === 'unit' ? null : nextInList(ctx, user, from, f.id);
  const bar = list ? nextBar(list.href, list.next, { index: 0, total: list.remaining }) : '';
  return { top: bar + banner, from: list?.href, indicator: indicatorName(ctx, f.indicator) };
}

/** A rubric row id as the rubric names it (二级指标 三级指标); never the id itself. */
function indicatorName(ctx: ServiceContext, id: string): string {
  for (const cls of Object.values(ctx.rubric.classes)) {
    const row = cls.rows.find((r) => r.id === id);
    if (row) return [row.level1, row.level2, row.level3].filter(Boolean).join(' / ');
  }
  return id === 'notice.monthly' ? '每月全覆盖检查通报' : '（未对应年度考核指标）';
}
