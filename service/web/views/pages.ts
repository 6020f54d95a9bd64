// Small pages: login, the unit's home and 自查, manual entries, users.
import type { ManualEntry, RecheckRecord, UserRecord } from '../../../store/index.ts';
import { csrfField, esc, options, ROLE_LABEL, table } from '../html.ts';
import { beijingTime } from '../zh.ts';

export function loginPage(error?: string, next = ''): string {
  return `${error ? `<div class="error">${esc(error)}</div>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${esc(next)}">
<p><label>用户名 <input type="text" name="username" autocomplete="username" required></label></p>
<p><label>密　码 <input type="password" name="password" autocomplete="current-password" required></label></p>
<p><button type="submit">登录</button></p></form>
<p class="muted">账号由管理员用 <code>zwgk user add</code> 创建。</p>`;
}

export function selfcheckPage(rechecks: RecheckRecord[], csrf: string, table_: string): string {
  const waiting = rechecks.some((r) => r.state === 'queued' || r.state === 'running');
  return `<p>自查会按考核规则重新抓取并检查本单位的全部栏目，结果在下表和“本单位问题”中可见；自查发现的新问题不计入考核，只用于提前整改。</p>
<form method="post" action="/unit/selfcheck">${csrfField(csrf)}<button type="submit"${waiting ? ' disabled' : ''}>${waiting ? '已在排队' : '申请自查'}</button></form>
<h2>自查与复查记录</h2>${table_}`;
}

export function manualPage(
  entries: ManualEntry[],
  units: [string, string][],
  targets: [string, string][],
  csrf: string,
  unitName: (id: string) => string,
): string {
  return `<form method="post" action="/manual">${csrfField(csrf)}
<p><label>单位 <select name="unitId" required>${options(units, undefined, '请选择')}</select></label>
<label>指标/项目 <select name="target" required>${options(targets, undefined, '请选择')}</select></label></p>
<p><label>次数 <input type="text" name="occurrences" size="4"></label><label>分值 <input type="text" name="points" size="4"></label>
<label>档次 <input type="text" name="levelId" size="8"></label><label>赋分 <input type="text" name="value" size="4"></label></p>
<p><label>说明（依据的材料，必填） <textarea name="note" rows="2" required></textarea></label></p>
<button type="submit">保存录入</button></form>
<h2>已录入（最新在前）</h2>${table(
    ['编号', '单位', '指标', '次数', '分值', '档次', '赋分', '说明', '录入人', '时间'],
    entries.map((e) => [
      esc(e.id),
      esc(unitName(e.unitId)),
      esc(e.target),
      esc(e.occurrences ?? ''),
      esc(e.points ?? ''),
      esc(e.levelId ?? ''),
      esc(e.value ?? ''),
      esc(e.note),
      esc(e.by),
      esc(beijingTime(e.at)),
    ]),
  )}`;
}

export function usersPage(users: UserRecord[], unitName: (id: string) => string): string {
  return `<p>用户由命令行创建和停用：<code>zwgk user add --username NAME --role admin|evaluator|unit [--unit ID]</code>，<code>zwgk user disable NAME</code>，<code>zwgk user passwd NAME</code>。</p>
${table(
  ['用户名', '姓名', '角色', '单位', '状态', '创建时间'],
  users.map((u) => [
    esc(u.username),
    esc(u.displayName),
    esc(ROLE_LABEL[u.role]),
    esc(u.unitId ? unitName(u.unitId) : ''),
    u.disabled ? '已停用' : '正常',
    esc(beijingTime(u.createdAt)),
  ]),
)}`;
}
