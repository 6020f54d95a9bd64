import type { RecheckRecord, RunRecord, ServiceRunRecord } from '../../../store/index.ts';
import { csrfField, esc, JOB_LABEL, OUTCOME_LABEL, table, TRIGGER_LABEL } from '../html.ts';
import { beijingTime, countsInWords } from '../zh.ts';

const KIND: Record<string, string> = { inspection: '全覆盖检查', newmedia: '新媒体检查', selfcheck: '自查/复查' };
const RUN_STATUS: Record<string, string> = { running: '运行中', complete: '完成', failed: '失败', interrupted: '中断（可继续）' };
const RECHECK_STATE: Record<string, string> = { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' };

const duration = (ms: number | null): string =>
  ms === null ? '' : ms < 60_000 ? `${Math.round(ms / 1000)} 秒` : `${Math.round(ms / 60_000)} 分钟`;

export function runsPage(
  service: ServiceRunRecord[],
  runs: RunRecord[],
  rechecks: RecheckRecord[],
  next: { label: string; next: string | null }[],
  csrf: string,
  unitName: (id: string) => string,
): string {
  return `<h2>计划任务</h2>${table(
    ['任务', '下次运行（北京时间）'],
    next.map((n) => [esc(n.label), esc(n.next ?? '')]),
  )}
<form method="post" action="/runs/recheck-now">${csrfField(csrf)}<button type="submit">立即处理复查队列</button></form>
<h2>服务运行记录</h2>${table(
    ['编号', '任务', '触发', '计划时间', '开始', '用时', '结果', '检查任务', '数量', '说明'],
    service.map((r) => [
      esc(r.id),
      esc(JOB_LABEL[r.job] ?? r.job),
      esc(TRIGGER_LABEL[r.trigger] ?? r.trigger),
      esc(beijingTime(r.dueAt)),
      esc(beijingTime(r.startedAt)),
      esc(duration(r.durationMs)),
      esc(OUTCOME_LABEL[r.outcome] ?? r.outcome),
      esc(r.runId ?? ''),
      esc(countsInWords(r.counts)),
      esc(r.message ?? ''),
    ]),
  )}
<h2>检查任务</h2>${table(
    ['编号', '类型', '检查日期', '开始', '结束', '状态', '单位', '抓取页面'],
    runs.map((r) => [
      esc(r.id),
      esc(KIND[r.kind] ?? r.kind),
      esc(r.asOf),
      esc(beijingTime(r.startedAt)),
      esc(beijingTime(r.finishedAt)),
      esc(RUN_STATUS[r.status] ?? r.status),
      esc(`${r.stats.unitsDone ?? ''}/${r.stats.units ?? ''}`),
      esc(r.stats.pagesFetched ?? ''),
    ]),
  )}
<h2>复查与自查队列</h2>${rechecksTable(rechecks, unitName)}`;
}

export function rechecksTable(rechecks: RecheckRecord[], unitName: (id: string) => string): string {
  return table(
    ['编号', '单位', '原因', '申请人', '申请时间', '状态', '检查任务', '结果', '完成时间'],
    rechecks.map((r) => [
      esc(r.id),
      esc(unitName(r.unitId)),
      r.reason === 'rectify' ? '已整改复查' : '自查',
      esc(r.requestedBy),
      esc(beijingTime(r.requestedAt)),
      esc(RECHECK_STATE[r.state] ?? r.state),
      esc(r.runId ?? ''),
      esc(r.message ?? ''),
      esc(beijingTime(r.finishedAt)),
    ]),
  );
}
