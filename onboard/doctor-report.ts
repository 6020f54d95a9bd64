// zwgk doctor's output: a terminal table with the problems under it, and an HTML page for the office.
import { DECLARED_IN, type ColumnCheck, type Diagnosis, type PageCheck, type UnitDiagnosis } from './doctor.ts';
import { plain, textTable } from './text-table.ts';

function homeText(p: PageCheck): string {
  if (!p.ok) return p.robotsBlocked ? 'robots 禁止' : `无法访问（${p.status ?? p.error ?? ''}）`;
  return `HTTP ${p.status}，${p.ms} ms，${p.encoding ?? '?'}（${p.declaredIn ? DECLARED_IN[p.declaredIn] : '?'}）`;
}

function columnText(c: ColumnCheck): string {
  if (c.source === 'missing') return '未找到';
  const via = c.source === 'override' ? '配置指定' : `链接“${c.label}”`;
  if (!c.page?.ok) return `${via}，无法访问（${c.page?.robotsBlocked ? 'robots 禁止' : (c.page?.status ?? c.page?.error ?? '')}）`;
  const rows = c.rows === null ? '' : c.rows > 0 ? `，${c.rows} 条` : c.placeholder ? `，显示“${c.placeholder}”` : '，未读出条目';
  return `${via}${rows}${c.needsBrowser ? '，需浏览器' : ''}`;
}

function feedsText(u: UnitDiagnosis): string {
  if (u.feeds.length === 0) return '未配置';
  return u.feeds
    .map((f) => (!f.feed ? `${f.account}：无订阅地址` : f.error ? `${f.account}：无法读取` : `${f.account}：最新 ${f.newest ?? '无'}`))
    .join('；');
}

export function doctorTable(d: Diagnosis): string {
  const rows = d.units.map((u) => {
    const found = u.columns.filter((c) => c.source !== 'missing' && c.page?.ok).length;
    const browser = u.columns
      .filter((c) => c.needsBrowser)
      .map((c) => c.name)
      .join('、');
    return [
      u.name,
      homeText(u.home),
      u.home.ok ? `${found}/${u.columns.length}` : '-',
      browser || '-',
      feedsText(u),
      u.blockers.length ? `✗ ${u.blockers.length} 项` : '✓',
    ];
  });
  const lines = [
    `${d.county}：检查日期 ${d.asOf}；浏览器 ${d.browser.present ? `已找到（${d.browser.path}）` : `未找到（${d.browser.path}），由脚本生成的列表将无法读取`}；${d.respectRobots ? '遵守 robots.txt' : '不受 robots.txt 限制（respectRobots: false）'}`,
    '',
    textTable(['单位', '主页', '必查栏目', '需浏览器的栏目', '政务新媒体', '结论'], rows, [24, 56, 8, 24, 40, 8]),
    '',
  ];
  for (const u of d.units) {
    if (!u.blockers.length && !u.notes.length) continue;
    lines.push(`${u.name}（${u.id}）：`);
    for (const b of u.blockers) lines.push(`  ✗ ${plain(b)}`);
    for (const n of u.notes) lines.push(`  · ${plain(n)}`);
  }
  const blocked = d.units.filter((u) => u.blockers.length).length;
  lines.push(
    '',
    blocked === 0
      ? `全部 ${d.units.length} 个单位需要的页面都能读取，可以运行 zwgk inspect。`
      : `${blocked} 个单位有需要处理的事项（见上）：无法读取的页面不会被检查，未找到的栏目将记为缺失。修正配置或联系网站后再运行 zwgk doctor，然后 zwgk inspect。`,
  );
  return lines.join('\n');
}

function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

function link(url: string | null, text: string): string {
  return url && /^https?:\/\//i.test(url) ? `<a href="${esc(url)}" rel="noreferrer">${esc(text)}</a>` : esc(text);
}

function unitSection(u: UnitDiagnosis): string {
  const colRow = (c: ColumnCheck) =>
    `<tr class="${c.source === 'missing' || !c.page?.ok ? 'bad' : ''}"><td>${esc(c.name)}</td><td>${link(c.url, columnText(c))}</td></tr>`;
  const feeds = u.feeds
    .map(
      (f) =>
        `<li>${esc(f.platform)} “${esc(f.account)}”：${f.feed ? link(f.feed, f.error ? `无法读取：${f.error}` : `${f.posts} 条，最新 ${f.newest ?? '无'}`) : '未配置订阅地址'}</li>`,
    )
    .join('');
  return [
    `<section id="${esc(u.id)}"><h2>${esc(u.name)} <small>${u.blockers.length ? `✗ ${u.blockers.length} 项需处理` : '✓ 可以检查'}</small></h2>`,
    `<p>主页：${link(u.home.url, u.home.url)} —— ${esc(homeText(u.home))}</p>`,
    u.blockers.length ? `<ul class="blockers">${u.blockers.map((b) => `<li>${esc(b)}</li>`).join('')}</ul>` : '',
    u.notes.length ? `<ul class="notes">${u.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '',
    `<table><tr><th>必查栏目</th><th>在哪里找到</th></tr>${u.columns.map(colRow).join('')}</table>`,
    u.others.length ? `<table><tr><th>其他栏目（归类）</th><th>在哪里找到</th></tr>${u.others.map(colRow).join('')}</table>` : '',
    `<p>政务新媒体：</p><ul>${feeds || '<li>未配置</li>'}</ul></section>`,
  ].join('\n');
}

export function doctorHtml(d: Diagnosis): string {
  const blocked = d.units.filter((u) => u.blockers.length);
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${esc(d.county)} 检查前诊断（${esc(d.asOf)}）</title>`,
    '<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}tr.bad td{background:#fde8e8}.blockers li{color:#b00}</style>',
    '</head><body>',
    `<h1>${esc(d.county)}：各单位能检查什么、不能检查什么</h1>`,
    `<p>检查日期 ${esc(d.asOf)}。浏览器：${d.browser.present ? `已找到（${esc(d.browser.path)}）` : `未找到（${esc(d.browser.path)}），由脚本生成的列表将无法读取`}。${d.respectRobots ? '遵守 robots.txt。' : '不受 robots.txt 限制。'}</p>`,
    `<p>${blocked.length === 0 ? `全部 ${d.units.length} 个单位需要的页面都能读取。` : `${blocked.length} 个单位有需要处理的事项（页面无法读取或栏目未找到）：${blocked.map((u) => `<a href="#${esc(u.id)}">${esc(u.name)}</a>`).join('、')}。`}</p>`,
    ...d.units.map(unitSection),
    '</body></html>',
  ].join('\n');
}
