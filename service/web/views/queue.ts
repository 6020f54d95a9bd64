// The review queue and the list of all findings: filters, sort, pages, bulk confirm and the Excel export.
import type { TrackedFinding } from '../../../store/index.ts';
import { CHECK_IDS } from '../../../checks/index.ts';
import { checkName } from '../../../reports/index.ts';
import type { ServiceContext } from '../../context.ts';
import { csrfField, esc, KIND_LABEL, options, statusBadge, STATUS_LABEL, table } from '../html.ts';
import { confidenceCell } from './confidence.ts';
import { KINDS, PAGE_SIZES, queueParams, queueQs, SORT_LABEL, SORTS, type QueuePage, type QueueQuery } from '../queue.ts';

function queueFilterForm(ctx: ServiceContext, action: string, q: QueueQuery, withStatus: boolean): string {
  const units = ctx.config.units.map((u): [string, string] => [u.id, u.name]);
  const checks = CHECK_IDS.map((id): [string, string] => [id, checkName(id)]);
  const kinds = KINDS.map((k): [string, string] => [k, KIND_LABEL[k]]);
  return `<form method="get" action="${esc(action)}" class="filters">
<label>单位 <select name="unit">${options(units, q.unitId, '全部单位')}</select></label>
<label>检查项 <select name="check">${options(checks, q.checkId, '全部检查项')}</select></label>
<label>类别 <select name="kind">${options(kinds, q.kind, '全部类别')}</select></label>
<label>置信度 <select name="confidence">${options(
    [
      ['high', '高'],
      ['low', '低（需人工核实）'],
    ],
    q.confidence,
    '全部',
  )}</select></label>
<label>月份 <input type="month" name="month" value="${esc(q.month ?? '')}" placeholder="YYYY-MM" size="8"></label>
${withStatus ? `<label>状态 <select name="status">${options(Object.entries(STATUS_LABEL), q.status, '全部状态')}</select></label>` : ''}
<label>排序 <select name="sort">${options(
    SORTS.map((s): [string, string] => [s, SORT_LABEL[s]]),
    q.sort,
  )}</select></label>
<label>每页 <select name="per">${options(
    PAGE_SIZES.map((n): [string, string] => [String(n), `${n} 条`]),
    String(q.per),
  )}</select></label>
<button type="submit">筛选</button></form>`;
}

function pager(action: string, q: QueueQuery, p: QueuePage): string {
  if (p.pages <= 1) return '';
  const link = (n: number, text: string) => `<a href="${esc(action + queueQs(q, n))}">${esc(text)}</a>`;
  const around = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, p.pages])]
    .filter((n) => n >= 1 && n <= p.pages)
    .sort((a, b) => a - b);
  const numbers = around
    .map(
      (n, i) =>
        (i > 0 && n - around[i - 1] > 1 ? '… ' : '') + (n === p.page ? `<strong aria-current="page">${n}</strong>` : link(n, String(n))),
    )
    .join(' ');
  return `<nav class="pager" aria-label="分页">第 ${p.page}/${p.pages} 页　${p.page > 1 ? link(p.page - 1, '上一页') : ''} ${numbers} ${p.page < p.pages ? link(p.page + 1, '下一页') : ''}</nav>`;
}

/** Hidden fields carrying the queue's query, so a posted form returns to the same filtered page. */
function queueHiddenFields(q: QueueQuery, page?: number): string {
  return Object.entries(queueParams(q, page))
    .filter(([, v]) => v)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
}

function rows(p: QueuePage, withSelect: boolean, back: string): string {
  const headers = ['选择', '序号', '单位', '检查项', '问题', '类别', '次数', '建议分值', '置信度', '状态', '检查日期'];
  return table(
    headers,
    p.items.map((f, i) => [
      withSelect && f.status === 'pending' && f.kind !== 'warning'
        ? `<input type="checkbox" name="id" value="${esc(f.id)}" aria-label="选择第 ${p.first + i + 1} 条"${f.confidence === 'low' ? ' class="low"' : ''}>`
        : '',
      `<span class="num">${p.first + i + 1}</span>`,
      `<a href="/units/${esc(encodeURIComponent(f.unitId))}">${esc(f.unitName)}</a>`,
      esc(checkName(f.checkId)),
      `<a href="/findings/${esc(f.id)}${esc(back)}">${esc(f.title)}</a>`,
      esc(KIND_LABEL[f.kind] ?? f.kind),
      `<span class="num">${esc(f.occurrences)}</span>`,
      `<span class="num">${esc(f.suggestedPoints)}</span>`,
      confidenceCell(f),
      statusBadge(f.status),
      esc(f.asOf),
    ]),
    'findings',
  );
}

interface QueueView {
  title: string;
  action: '/queue' | '/findings';
  q: QueueQuery;
  page: QueuePage;
  /** Pending, confirmable (not 预警) findings under the filter, by confidence: what the bulk buttons would touch. */
  confirmable: { high: number; low: number };
  csrf: string;
}

export function queueView(ctx: ServiceContext, v: QueueView): string {
  const isQueue = v.action === '/queue';
  const back = `?from=${encodeURIComponent(v.action + queueQs(v.q, v.page.page))}`;
  const summary = `<p>共 <strong id="total-count">${v.page.total}</strong> 条${isQueue ? '待审核问题' : '问题'}${isQueue && !v.q.kind ? '（不含预警，可按类别筛选预警）' : ''}。
<a href="/queue/export.xlsx${esc(queueQs({ ...v.q, status: isQueue ? 'pending' : v.q.status }))}">导出为 Excel 审核表</a>（填写“决定、审核人、理由”后用 <code>zwgk review import 文件</code> 导入）</p>`;
  const bulk =
    v.confirmable.high + v.confirmable.low > 0
      ? `<fieldset class="bulk"><legend>批量确认</legend>
<p><label>确认理由（必填，记入每条问题的审核记录） <input type="text" name="reason" size="40" required maxlength="500"></label></p>
<p><button type="submit" name="scope" value="selected">确认勾选的问题</button>
${v.confirmable.high ? `<button type="submit" name="scope" value="filtered">确认当前筛选下全部高置信度问题（${v.confirmable.high} 条）</button>` : ''}</p>
${v.confirmable.low ? `<p class="muted">当前筛选下有 ${v.confirmable.low} 条低置信度问题，证据不完整，不会被批量确认；请逐条核实后勾选或在问题页面确认。</p>` : ''}
</fieldset>`
      : '';
  const list = rows(v.page, bulk !== '', back);
  const body = bulk
    ? `<form method="post" action="/queue/confirm">${csrfField(v.csrf)}${queueHiddenFields(v.q, v.page.page)}<input type="hidden" name="from" value="${esc(v.action)}">${bulk}${list}</form>`
    : list;
  return `${queueFilterForm(ctx, v.action, v.q, !isQueue)}${summary}${pager(v.action, v.q, v.page)}${body}${pager(v.action, v.q, v.page)}`;
}

/** The 下一条 bar on a finding page opened from a queue: the next pending finding in that queue's order. */
export function nextBar(from: string, next: TrackedFinding | null, position: { index: number; total: number } | null): string {
  const backLink = `<a href="${esc(from)}">返回列表</a>`;
  if (!next) return `<nav class="nextbar">${backLink}　<span class="muted">该列表中已没有其他待审核问题。</span></nav>`;
  const where = position ? `（剩余待审核 ${position.total} 条）` : '';
  return `<nav class="nextbar">${backLink}　<a class="next" href="/findings/${esc(next.id)}?from=${esc(encodeURIComponent(from))}">下一条：${esc(next.unitName)} ${esc(next.title)}</a>${esc(where)}</nav>`;
}
