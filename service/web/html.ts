// Server-rendered HTML: every dynamic value goes through esc(); pages carry no script at all.
import type { UserRecord } from '../../store/index.ts';

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** A link to a crawled URL: only http(s) becomes a link, opened without referrer or opener. */
export function extLink(url: string | null | undefined): string {
  if (!url) return '';
  return /^https?:\/\//i.test(url) ? `<a href="${esc(url)}" rel="noopener noreferrer" target="_blank">${esc(url)}</a>` : esc(url);
}

/** `?a=1&b=2` from the non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function table(headers: string[], rows: string[][], cls = ''): string {
  if (rows.length === 0) return '<p class="empty">（无）</p>';
  return `<table class="${esc(cls)}"><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

export function csrfField(token: string): string {
  return `<input type="hidden" name="_csrf" value="${esc(token)}">`;
}

export function options(values: [string, string][], selected: string | undefined, blank?: string): string {
  const head = blank === undefined ? '' : `<option value="">${esc(blank)}</option>`;
  return head + values.map(([v, label]) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(label)}</option>`).join('');
}

const CSS = `
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","SimSun",sans-serif;font-size:14px;margin:0;color:#222;background:#f4f5f7}
header{background:#9b1c1c;color:#fff;padding:8px 16px}
header a{color:#fff;text-decoration:none;margin-right:14px}
header .who{float:right}
header form{display:inline}
header button{background:none;border:1px solid #fff;color:#fff;cursor:pointer}
h1{font-size:20px;margin:0 0 12px}
h2{font-size:16px;margin:18px 0 8px;border-left:4px solid #9b1c1c;padding-left:6px}
main{background:#fff;margin:12px;padding:12px 16px;min-height:400px}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-all}
th{background:#f0f0f0}
.num{text-align:right}
.flash{background:#fff7d6;border:1px solid #e0c200;padding:6px;margin-bottom:10px}
.error{background:#fde8e8;border:1px solid #c00;padding:6px;margin-bottom:10px}
.muted{color:#777}
.pending{color:#b45309}.confirmed{color:#9b1c1c}.dismissed{color:#555}.adjusted{color:#1d4ed8}.rectified{color:#15803d}
form.inline{display:inline}
fieldset{border:1px solid #ccc;margin:8px 0;padding:8px}
label{margin-right:10px}
textarea{width:100%;max-width:640px}
iframe.snapshot{width:100%;height:480px;border:1px solid #999}
img.shot{max-width:100%;border:1px solid #999}
table.facts th.k{width:8em}
pre.excerpt{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:6px}
form.filters label{display:inline-block;margin:2px 10px 2px 0}
.pager{margin:8px 0}.pager a,.pager strong{display:inline-block;min-width:1.6em;padding:2px 4px;text-align:center}
fieldset.bulk button{margin:2px 6px 2px 0}
.nextbar{background:#eef2ff;border:1px solid #c7d2fe;padding:8px;margin-bottom:10px}
.nextbar a.next{font-weight:bold}
.recheck{border:2px solid #15803d;background:#ecfdf3;padding:6px 10px;margin-bottom:10px}
.recheck.pending{border-color:#b45309;background:#fff7ed}.recheck.confirmed{border-color:#9b1c1c;background:#fef2f2}
.recheck p{margin:4px 0 0}
.month-figures{font-size:16px}
meter{width:160px}
/* phone: the header wraps, tables scroll sideways inside the page instead of widening it, inputs fill the line */
@media (max-width:640px){
body{font-size:15px}
header{padding:6px 10px}header .who{float:none;display:block;margin-bottom:4px}
header a{display:inline-block;margin:4px 10px 4px 0}
main{margin:0;padding:10px;overflow-wrap:anywhere}
fieldset{min-width:0}pre.excerpt{overflow-x:auto}img.shot{height:auto}
table{display:block;overflow-x:auto;max-width:100%}
th,td{word-break:normal;min-width:3em}
td a{word-break:break-all}
form.filters label,fieldset label{display:block;margin:4px 0}
input[type=text],input[type=url],input[type=month],select,textarea{width:100%;max-width:100%;box-sizing:border-box;font-size:16px}
button{font-size:16px;padding:6px 10px;margin:4px 0}
iframe.snapshot{height:320px}
meter{width:80px}
}
`;

export interface LayoutUser {
  user: UserRecord;
  csrfToken: string;
  unitName?: string;
}

export function layout(title: string, body: string, who: LayoutUser | null, flash?: { ok?: string; error?: string }): string {
  const nav = !who
    ? ''
    : who.user.role === 'unit'
      ? `<a href="/unit">本单位问题</a><a href="/unit/reports">报告下载</a><a href="/unit/selfcheck">自查</a>`
      : `<a href="/queue">审核队列</a><a href="/findings">全部问题</a><a href="/scores">评分草稿</a><a href="/grades">等次总览</a>` +
        `<a href="/manual">人工录入</a><a href="/runs">运行记录</a><a href="/sites">网站监测</a><a href="/reports">报告下载</a>${who.user.role === 'admin' ? '<a href="/admin/users">用户管理</a>' : ''}`;
  const me = who
    ? `<span class="who">${esc(who.user.displayName)}（${esc(ROLE_LABEL[who.user.role])}${who.unitName ? `·${esc(who.unitName)}` : ''}）
<form method="post" action="/logout">${csrfField(who.csrfToken)}<button type="submit">退出</button></form></span>`
    : '';
  const msg =
    (flash?.ok ? `<div class="flash">${esc(flash.ok)}</div>` : '') + (flash?.error ? `<div class="error">${esc(flash.error)}</div>` : '');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="X-UA-Compatible" content="IE=edge"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - 政务公开检查工作台</title><link rel="stylesheet" href="/static/app.css"></head>
<body><header>${me}<strong>政务公开检查工作台</strong>&nbsp;&nbsp;${nav}</header>
<main><h1>${esc(title)}</h1>${msg}${body}</main></body></html>`;
}

export const APP_CSS = CSS;

export const ROLE_LABEL: Record<string, string> = { admin: '管理员', evaluator: '考核小组', unit: '被考核单位' };
export const STATUS_LABEL: Record<string, string> = {
  pending: '待审核',
  confirmed: '已确认',
  dismissed: '已驳回',
  adjusted: '已调整',
  rectified: '已整改',
};
export const KIND_LABEL: Record<string, string> = { deduction: '扣分', bonus: '加分', ranged: '赋分', warning: '预警' };
export const OUTCOME_LABEL: Record<string, string> = {
  running: '运行中',
  complete: '完成',
  failed: '失败',
  interrupted: '中断',
  skipped: '已跳过',
};
export const TRIGGER_LABEL: Record<string, string> = {
  schedule: '定时',
  catchup: '补做',
  once: '单次（--once）',
  manual: '手动',
  queue: '队列',
};
export const JOB_LABEL: Record<string, string> = { monthly: '每月全覆盖检查', newmedia: '每周新媒体检查', recheck: '整改复查与自查' };

export function statusBadge(status: string): string {
  return `<span class="${esc(status)}">${esc(STATUS_LABEL[status] ?? status)}</span>`;
}
