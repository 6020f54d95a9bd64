// A unit's page: 待整改 apart from 赋分 and 预警, 已整改 at the top, the re-check status of each claim, the trend.
import type { TrackedFinding } from '../../../store/index.ts';
import { checkName, columnName } from '../../../reports/index.ts';
import { esc, statusBadge, table } from '../html.ts';
import { confidenceCell } from './confidence.ts';
import type { RecheckView } from '../recheck-status.ts';
import type { MonthTrend } from '../unit-trend.ts';

const RECHECK_CLASS: Record<string, string> = { 待复查: 'pending', 复查通过: 'rectified', 复查未通过: 'confirmed' };

interface UnitPageInput {
  unitId: string;
  unitName: string;
  findings: TrackedFinding[];
  rechecks: Map<string, RecheckView>;
  trend: MonthTrend[];
  deadline: (f: TrackedFinding) => string;
  isUnitUser: boolean;
}

function recheckCell(v: RecheckView | undefined): string {
  return v ? `<span class="recheck-status ${RECHECK_CLASS[v.status]}" title="${esc(v.text)}">${esc(v.status)}</span>` : '';
}

function list(items: TrackedFinding[], input: UnitPageInput, opts: { deadline: boolean; id: string }): string {
  const headers = ['检查项', '栏目', '问题', '次数', '建议分值', '置信度', '审核状态', '复查', ...(opts.deadline ? ['整改期限'] : [])];
  const rows = items.map((f) => [
    esc(checkName(f.checkId)),
    esc(f.column ? columnName(f.column) : ''),
    `<a href="/findings/${esc(f.id)}">${esc(f.title)}</a>`,
    `<span class="num">${esc(f.occurrences)}</span>`,
    `<span class="num">${esc(f.suggestedPoints)}</span>`,
    confidenceCell(f),
    statusBadge(f.status),
    recheckCell(input.rechecks.get(f.id)),
    ...(opts.deadline ? [esc(input.deadline(f))] : []),
  ]);
  return `<div id="${esc(opts.id)}">${table(headers, rows, 'findings')}</div>`;
}

const NOT_INSPECTED = '<span class="muted">未检查</span>';

function trendRow(t: MonthTrend, max: number): string[] {
  const num = (n: number | null) => (n === null ? NOT_INSPECTED : `<span class="num">${n}</span>`);
  const month = esc(`${t.month.replace('-', '年')}月`);
  const bar =
    t.found === null
      ? '当月未开展全覆盖检查'
      : `<meter min="0" max="${max}" value="${t.found}" aria-label="${esc(t.month)} 发现 ${t.found} 条">${t.found}</meter>`;
  return [month, num(t.found), num(t.added), num(t.remaining), num(t.rectified), bar];
}

function trendBlock(trend: MonthTrend[]): string {
  if (trend.length === 0) return '<p class="empty">还没有完成的全覆盖检查。</p>';
  const max = Math.max(1, ...trend.map((t) => t.found ?? 0));
  return table(
    ['月份', '发现扣分问题', '本月新增', '仍存在', '已整改', ''],
    trend.map((t) => trendRow(t, max)),
    'trend',
  );
}

export function unitPage(input: UnitPageInput): string {
  const open = input.findings.filter((f) => f.kind === 'deduction' && f.status !== 'dismissed' && f.status !== 'rectified');
  const rectified = input.findings.filter((f) => f.kind !== 'warning' && f.status === 'rectified');
  const ranged = input.findings.filter((f) => f.kind === 'ranged' && f.status !== 'rectified');
  const warnings = input.findings.filter((f) => f.kind === 'warning' && f.status !== 'rectified');
  const latest = input.trend.findLast((t) => t.runId !== null);
  const month = latest
    ? `<p class="month-figures">${esc(latest.month.replace('-', '年'))}月：本月新增 <strong id="m-added">${latest.added}</strong> 条，已整改 <strong id="m-rectified">${latest.rectified}</strong> 条，仍存在 <strong id="m-remaining">${latest.remaining}</strong> 条。</p>`
    : '';
  const how = input.isUnitUser ? '整改后请打开问题，填写整改后的网址并提交“已整改”，系统会排队复查：复查通过的问题移到“已整改”。' : '';
  return `${month}
<p>待整改 <strong id="open-count">${open.length}</strong> 条（含待审核）。${how} <a href="/scores/${esc(encodeURIComponent(input.unitId))}">本单位评分草稿</a></p>
${rectified.length ? `<h2>已整改（${rectified.length} 条）</h2>${list(rectified, input, { deadline: false, id: 'rectified' })}` : ''}
<h2>待整改（${open.length} 条）</h2>${list(open, input, { deadline: true, id: 'open' })}
<h2>赋分项目（${ranged.length} 条）</h2><p class="muted">按考核细则赋分的项目，不是扣分问题；分值以考核小组审核为准。</p>${list(ranged, input, { deadline: false, id: 'ranged' })}
<h2>预警（${warnings.length} 条）</h2><p class="muted">尚未构成扣分、但临近期限或需要留意的情况，不计分。</p>${list(warnings, input, { deadline: false, id: 'warnings' })}
<h2>逐月情况</h2>${trendBlock(input.trend)}`;
}
