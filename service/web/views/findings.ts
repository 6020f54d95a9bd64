import type { ReviewEvent, RectifyClaim, TrackedFinding, UserRecord } from '../../../store/index.ts';
import { checkName, checkRule, columnName } from '../../../reports/index.ts';
import { beijingTime, sourceLabel } from '../zh.ts';
import { csrfField, esc, extLink, KIND_LABEL, statusBadge, STATUS_LABEL, table } from '../html.ts';

function lifecycleText(f: TrackedFinding): string {
  const lapsed = f.lapsedDismissal;
  if (lapsed && f.lifecycle.phase !== 'rectified')
    return `${beijingTime(lapsed.at)} ${lapsed.by} 曾标注“确认无误”（第 ${lapsed.runId} 次检查的内容）；此后内容已变化，重新列入待审核`;
  if (f.lifecycle.phase === 'rectified') return `已整改（第 ${f.lifecycle.rectifiedRunId} 次检查，${f.lifecycle.rectifiedAsOf}）`;
  if (f.lifecycle.phase === 'repeated') return `连续 ${f.lifecycle.runs.length} 次检查发现`;
  return '首次发现';
}

function evidenceBlock(f: TrackedFinding): string {
  if (f.evidence.length === 0) return '<p class="muted">（无证据记录）</p>';
  return f.evidence
    .map(
      (e, i) => `<fieldset><legend>证据 ${i + 1}</legend>
<p>网址：${extLink(e.url)}${e.fetchedAt ? `　抓取时间：${esc(beijingTime(e.fetchedAt))}（北京时间）` : ''}</p>
${e.excerpt ? `<p>摘录：</p><pre class="excerpt">${esc(e.excerpt)}</pre>` : ''}
${
  e.snapshot
    ? `<p>存档页面（按抓取时原样显示，已禁用脚本；<a href="/snapshots/${esc(f.id)}/${i}" target="_blank" rel="noopener">新窗口打开</a>）：</p>
<iframe class="snapshot" sandbox="" referrerpolicy="no-referrer" src="/snapshots/${esc(f.id)}/${i}" title="存档页面"></iframe>`
    : '<p class="muted">无存档页面</p>'
}
${e.screenshot ? `<p>截图：</p><img class="shot" alt="页面截图" src="/screenshots/${esc(f.id)}/${i}">` : ''}
</fieldset>`,
    )
    .join('\n');
}

function historyBlock(events: ReviewEvent[]): string {
  return table(
    ['时间', '审核人', '变化', '理由', '次数', '分值', '来源'],
    events.map((e) => [
      esc(beijingTime(e.at)),
      esc(e.by),
      `${esc(STATUS_LABEL[e.before.status])} → ${esc(STATUS_LABEL[e.after.status])}`,
      esc(e.reason),
      esc(e.occurrences ?? ''),
      esc(e.points ?? ''),
      esc(sourceLabel(e.source)),
    ]),
  );
}

function claimsBlock(claims: RectifyClaim[]): string {
  return table(
    ['时间', '单位填报人', '整改后网址', '说明', '复查'],
    claims.map((c) => [esc(beijingTime(c.at)), esc(c.by), extLink(c.url), esc(c.note), c.recheckId ? `复查任务 ${esc(c.recheckId)}` : '']),
  );
}

/** A content finding is dismissed as 确认无误: it stays closed in later months while the judged text is unchanged. */
function dismissForm(f: TrackedFinding): string {
  if (!f.evidence.some((e) => e.found !== undefined))
    return '<label>驳回理由（必填） <input type="text" name="reason" size="40" required></label> <button type="submit" name="do" value="dismiss">驳回</button>';
  return `<label>确认无误的理由（必填） <input type="text" name="reason" size="40" required></label> <button type="submit" name="do" value="dismiss">确认无误（驳回）</button>
<span class="muted">此处内容不变时，以后各月不再列出；内容变化后重新列入待审核。</span>`;
}

function reviewForms(f: TrackedFinding, csrf: string, from?: string): string {
  const action = `/findings/${esc(f.id)}/decide`;
  const back = from ? `<input type="hidden" name="from" value="${esc(from)}">` : '';
  return `<h2>审核</h2>
<form method="post" action="${action}">${csrfField(csrf)}${back}<input type="hidden" name="action" value="confirm">
<label>理由（可选） <input type="text" name="reason" size="40"></label> <button type="submit" name="do" value="confirm">确认问题</button></form>
<form method="post" action="${action}">${csrfField(csrf)}${back}<input type="hidden" name="action" value="dismiss">
${dismissForm(f)}</form>
<form method="post" action="${action}">${csrfField(csrf)}${back}<input type="hidden" name="action" value="adjust">
<label>次数 <input type="text" name="occurrences" size="4"></label><label>分值 <input type="text" name="points" size="4"></label>
<label>调整理由（必填） <input type="text" name="reason" size="30" required></label> <button type="submit" name="do" value="adjust">调整</button></form>`;
}

function rectifyForm(f: TrackedFinding, csrf: string): string {
  if (f.lifecycle.phase === 'rectified' || f.status === 'dismissed') return '';
  return `<h2>标记“已整改”</h2>
<p class="muted">提交后将排队复查该栏目；只有复查抓取成功且问题不再出现，才会记为已整改。</p>
<form method="post" action="/findings/${esc(f.id)}/rectify">${csrfField(csrf)}
<p><label>整改后的网址（必填） <input type="url" name="url" size="60" required></label></p>
<p><label>整改说明 <textarea name="note" rows="3"></textarea></label></p>
<button type="submit">提交已整改</button></form>`;
}

export function findingPage(
  f: TrackedFinding,
  user: UserRecord,
  csrf: string,
  history: ReviewEvent[],
  claims: RectifyClaim[],
  deadline: string,
  extras: { top: string; from?: string; indicator?: string } = { top: '' },
): string {
  const evaluator = user.role !== 'unit';
  const facts: [string, string][] = [
    ['单位', esc(f.unitName)],
    ['检查项', esc(checkName(f.checkId))],
    ['依据', esc(checkRule(f.checkId))],
    ['考核指标', esc(extras.indicator ?? '')],
    ['栏目', esc(f.column ? columnName(f.column) : '')],
    ['对象', /^https?:/.test(f.subject) ? extLink(f.subject) : esc(f.subject)],
    ['类别', esc(KIND_LABEL[f.kind] ?? f.kind)],
    ['次数', esc(f.occurrences)],
    ['建议分值', esc(f.suggestedPoints)],
    ['置信度', `${f.confidence === 'low' ? '低（需人工核实）' : '高'}${f.confidenceReason ? `：${esc(f.confidenceReason)}` : ''}`],
    ['状态', statusBadge(f.status)],
    ['跟踪', esc(lifecycleText(f))],
    ['检查日期', `${esc(f.asOf)}（第 ${esc(f.runId)} 次检查）`],
    ['整改期限', esc(deadline)],
  ];
  return `${extras.top}<p class="title-line"><strong>${esc(f.title)}</strong></p>
<table class="facts">${facts.map(([k, v]) => `<tr><th class="k">${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>
<h2>问题说明</h2><p>${esc(f.detail)}</p>
<h2>证据</h2>${evidenceBlock(f)}
${evaluator ? reviewForms(f, csrf, extras.from) : rectifyForm(f, csrf)}
<h2>整改填报</h2>${claimsBlock(claims)}
<h2>审核记录</h2>${historyBlock(history)}
<p><a href="${esc(extras.from ?? (evaluator ? '/queue' : '/unit'))}">返回列表</a></p>`;
}
