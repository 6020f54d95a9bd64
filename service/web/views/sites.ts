// The 网站监测 pages: every configured site at a glance, and one site's availability, failures, 19号 findings and 自查报告.
// Titles, details and excerpts carry crawled text: escaped, and personal numbers masked, like every other page.
import { errorLabel, maskText } from '../../../checks/index.ts';
import type { ProbeRecord } from '../../../store/index.ts';
import type { SiteFinding } from '../../../checks/index.ts';
import type { ReportFile } from '../../reports.ts';
import { esc, extLink, table } from '../html.ts';
import type { AvailabilityPeriod, SiteStatus } from '../site-status.ts';
import { beijingTime } from '../zh.ts';

const LEVEL: Record<AvailabilityPeriod['level'], string> = {
  veto: '达到单项否决线',
  warning: '达到预警线',
  ok: '正常',
  none: '无探测记录',
};
const LEVEL_CLASS: Record<AvailabilityPeriod['level'], string> = { veto: 'confirmed', warning: 'pending', ok: 'rectified', none: 'muted' };
const EFFECT: Record<string, string> = { veto: '单项否决', deduction: '扣分', warning: '预警', info: '提示' };
const VETO_STATE: Record<string, string> = {
  hit: '触发',
  suspected: '疑似（待人工确认）',
  warning: '预警',
  clear: '未发现',
  manual: '需人工核查',
};
const shown = (s: string | null | undefined) => esc(maskText(s ?? '', '卡号'));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

function shareText(p: AvailabilityPeriod): string {
  if (p.counted === 0) return `<span class="muted">${esc(p.label)}无计入的探测</span>`;
  return (
    `<span class="${LEVEL_CLASS[p.level]}">${esc(LEVEL[p.level])}</span>：失败 ${esc(p.failed)} / ${esc(p.counted)} 次（${esc(pct(p.share))}）` +
    `${p.networkDown ? `，另 ${esc(p.networkDown)} 次本机网络中断未计入` : ''}`
  );
}

function reportLinks(files: ReportFile[]): string {
  if (files.length === 0) return '<span class="muted">尚未生成</span>';
  return files.map((f) => `<a href="/reports/file?path=${encodeURIComponent(f.path)}">${esc(f.path.split('/').pop())}</a>`).join('<br>');
}

function verdictText(s: SiteStatus): string {
  if (!s.result) return '<span class="muted">尚无自查结果</span>';
  const r = s.result.result;
  return `${esc(monthLabel(s.result.month))}：${esc(r.verdict)}${r.deductionScore === null ? '' : `（扣分部分 ${esc(r.deductionScore)} 分）`}`;
}

export function sitesPage(statuses: SiteStatus[]): string {
  if (statuses.length === 0) {
    return '<p class="empty">县配置中没有 site:（门户网站首页）或单位的 site:，没有监测的网站。</p>';
  }
  const asOf = statuses[0].asOf;
  return `<p>门户网站和自有网站的单位按《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）自查：可用性探测（每天不少于 ${esc(statuses[0].probesPerDay)} 次），首页更新、网站标识等检查结果。统计截至 ${esc(asOf)}。</p>
${table(
  ['网站', '类别', '首页', statuses[0].week.label, '本月', '最近一次自查', '自查报告', ''],
  statuses.map((s) => [
    esc(s.site.name),
    esc(s.site.kind),
    extLink(s.site.home),
    shareText(s.week),
    shareText(s.month),
    verdictText(s),
    reportLinks(s.reports),
    `<a href="/sites/${encodeURIComponent(s.site.id)}">详情</a>`,
  ]),
  'sites',
)}`;
}

function failureReason(p: ProbeRecord): string {
  return `${errorLabel(p.errorClass, p.status)}${p.message ? `：${p.message}` : ''}`;
}

function failureCounted(p: ProbeRecord): string {
  if (p.source !== 'probe') return '检查时读取，不计入探测占比';
  if (p.networkDown) return '本机网络中断（参照地址也无法访问），不计入';
  return p.referenceChecked ? '计入' : '计入（未能用参照地址排除本机网络原因）';
}

function perDayTable(s: SiteStatus): string {
  const days = Object.entries(s.week.perDay).sort(([a], [b]) => a.localeCompare(b));
  return table(
    ['日期', '计入的探测', '是否达到每天次数'],
    days.map(([day, n]) => [
      esc(day),
      `<span class="num">${esc(n)}</span>`,
      n >= s.probesPerDay ? '达到' : `<span class="pending">不足 ${esc(s.probesPerDay)} 次</span>`,
    ]),
  );
}

function evidenceText(f: SiteFinding): string {
  if (f.evidence.length === 0) return '<span class="muted">（无）</span>';
  return f.evidence
    .map(
      (e) =>
        `${extLink(e.url)}${e.fetchedAt ? `<br><span class="muted">${esc(beijingTime(e.fetchedAt))}</span>` : ''}` +
        `${e.excerpt ? `<pre class="excerpt">${shown(e.excerpt)}</pre>` : ''}`,
    )
    .join('<hr>');
}

function resultBlock(s: SiteStatus): string {
  if (!s.result) return '<p class="empty">尚无 19号 自查结果：全覆盖检查（zwgk inspect）或 zwgk site-check 运行后显示。</p>';
  const r = s.result.result;
  return `<p>${esc(monthLabel(s.result.month))}自查（检查日期 ${esc(s.result.asOf)}）结论：<strong>${esc(r.verdict)}</strong>。${esc(r.verdictReason)}。</p>
<h3>单项否决指标</h3>
${table(
  ['指标', '结果', '说明'],
  r.vetoes.map((v) => [esc(v.name), esc(VETO_STATE[v.state] ?? v.state), esc(v.note)]),
)}
<h3>发现的问题</h3>
${table(
  ['类别', '问题', '说明', '可信度', '证据'],
  r.findings.map((f) => [
    esc(EFFECT[f.effect] ?? f.effect),
    shown(f.title),
    shown(f.detail),
    f.confidence === 'high' ? '确定' : '<span class="pending">待人工确认</span>',
    evidenceText(f),
  ]),
)}
${r.unverified.length ? `<p class="muted">以下分值或阈值尚未与原文核实，结论仅供内部参考：${esc(r.unverified.join('；'))}。</p>` : ''}
<h3>自查报告</h3><p>${reportLinks(s.reports)}</p>
${
  s.trend.length > 1
    ? `<h3>各月结果</h3>${table(
        ['月份', '结论', '扣分部分得分'],
        s.trend.map((t) => [esc(monthLabel(t.month)), esc(t.verdict), t.deductionScore === null ? '—' : esc(t.deductionScore)]),
      )}`
    : ''
}`;
}

export function sitePage(s: SiteStatus): string {
  return `<p>${esc(s.site.kind)}网站，首页 ${extLink(s.site.home)}。统计截至 ${esc(s.asOf)}。</p>
<h2>可用性（站点无法访问）</h2>
${table(
  ['时段', '探测', '结果'],
  [s.week, s.month].map((p) => [
    `${esc(p.label)}<br><span class="muted">${esc(beijingTime(p.from))} 起</span>`,
    `<span class="num">${esc(p.probes)}</span>`,
    shareText(p),
  ]),
)}
<h3>${esc(s.week.label)}每天的探测</h3>
${perDayTable(s)}
<h3>失败记录（${esc(s.failures.length)} 条，最新在前）</h3>
${table(
  ['时间（北京时间）', '原因', '耗时', '是否计入'],
  s.failures.map((p) => [
    esc(beijingTime(p.at)),
    esc(failureReason(p)),
    `<span class="num">${esc((p.elapsedMs / 1000).toFixed(1))} 秒</span>`,
    esc(failureCounted(p)),
  ]),
)}
<h2>19号 自查结果</h2>
${resultBlock(s)}`;
}
