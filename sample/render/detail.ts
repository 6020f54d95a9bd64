// Detail pages (documents, news, questions) and article columns; the metadata block varies by CMS style.
import type { Column, Item, UnitModel } from '../model.ts';
import { columnUrl } from '../urls.ts';
import { escapeHtml } from './escape.ts';
import { crumbsFor, layout } from './layout.ts';

function indexNo(unit: UnitModel, it: Item): string {
  const code = `11140821${String(unit.id.length * 7919 + unit.id.charCodeAt(0)).padStart(6, '0')}X`;
  return `${code}/${it.date.slice(0, 4)}-${String(it.serial).padStart(5, '0')}`;
}

const ATTR_LABEL: Record<UnitModel['style'], string> = {
  trs: '公开方式',
  wcm: '公开形式',
  epoint: '公开方式',
  hanweb: '公开属性',
  kpy: '公开方式',
  jsp: '公开方式',
};

function fields(unit: UnitModel, it: Item): [string, string][] {
  const f: [string, string][] = [
    ['索引号', indexNo(unit, it)],
    ['发布机构', unit.org],
  ];
  if (it.docNo) f.push(['文号', it.docNo]);
  if (it.writtenDate) f.push(['成文日期', it.writtenDate]);
  f.push(['发布日期', unit.style === 'epoint' ? `${it.date} ${it.time}` : it.date]);
  if (it.attr === 'field') f.push([ATTR_LABEL[unit.style], '主动公开']);
  return f;
}

function metaBlock(unit: UnitModel, it: Item): string {
  const f = fields(unit, it);
  const e = (s: string): string => escapeHtml(s);
  switch (unit.style) {
    case 'trs': {
      const cells: string[] = [];
      for (let i = 0; i < f.length; i += 2) {
        const pair = f
          .slice(i, i + 2)
          .map(([k, v]) => `<th>${k}：</th><td>${e(v)}</td>`)
          .join('');
        cells.push(`<tr>${pair}</tr>`);
      }
      return `<div class="xxgk_table"><table>${cells.join('')}</table></div>`;
    }
    case 'wcm':
      return `<table class="xxgk">${f.map(([k, v]) => `<tr><td class="t1">${k.length === 3 ? k.split('').join(' ') : k}：</td><td>${e(v)}</td></tr>`).join('')}</table>`;
    case 'epoint':
      return `<div id="symbol">${f.map(([k, v]) => `<p><span>${k}：</span>${e(v)}</p>`).join('')}</div>`;
    case 'hanweb':
      return `<div class="xxgk-info"><ul>${f.map(([k, v]) => `<li><span>${k}：</span>${e(v)}</li>`).join('')}</ul></div>`;
    case 'jsp':
      return ''; // the 党政 page has no metadata block: an info line under the title (infoLine)
    case 'kpy':
      return `<div class="meta-data"><dl>${f.map(([k, v]) => `<dd><label><font>${k === '索引号' ? '索 引 号' : k}</font></label><div class="display-block">${e(v)}</div></dd>`).join('')}</dl></div>`;
  }
}

function bodyClass(unit: UnitModel): string {
  switch (unit.style) {
    case 'trs':
    case 'wcm':
      return 'TRS_Editor';
    case 'epoint':
      return 'ewb-article-detail';
    case 'hanweb':
      return 'jgzn_content';
    case 'kpy':
      return 'zoomcon';
    case 'jsp':
      return 'content';
  }
}

function questionBlock(it: Item): string {
  const q = it.question!;
  const rows: [string, string][] = [
    ['留言标题', it.title],
    ['留言人', q.asker],
    ['留言时间', `${q.asked} ${q.askedTime}`],
    ['留言内容', q.text],
  ];
  if (q.replied) rows.push(['回复单位', ''], ['回复时间', `${q.replied} ${q.repliedTime}`], ['回复内容', q.reply]);
  else rows.push(['办理状态', '办理中']);
  return `<table class="zx-detail">${rows.map(([k, v]) => `<tr><th>${k}：</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** A 党政 detail page's one line of metadata: 发布时间, 来源, 文号 and 公开方式 where the document has them, 浏览次数. */
function infoLine(unit: UnitModel, it: Item): string {
  const parts = [`发布时间：${it.date} ${it.time}`, `来源：${escapeHtml(unit.org)}`];
  if (it.docNo) parts.push(`文号：${escapeHtml(it.docNo)}`);
  if (it.attr === 'field') parts.push('公开方式：主动公开');
  return `<div class="info">${parts.map((p) => `<span>${p}</span>`).join('　')}　<span>浏览次数：<span id="hits">${(it.serial * 37) % 900}</span></span></div>`;
}

export function renderDetail(unit: UnitModel, col: Column, it: Item): string {
  const isQuestion = !!it.question;
  const body = it.body.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') + plantedBlocks(it);
  const dateLine =
    unit.style === 'epoint'
      ? `<div class="ewb-article-sources">时间发布：${it.date} ${it.time}</div>`
      : unit.style === 'jsp'
        ? infoLine(unit, it)
        : `<div class="article-info"><span class="time">发布时间：${it.date} ${it.time}</span><span class="source">来源：${escapeHtml(unit.org)}</span></div>`;
  const main = isQuestion
    ? `<div class="main"><h1 class="article-title">${escapeHtml(it.title)}</h1>\n${questionBlock(it).replace('<td></td>', `<td>${escapeHtml(unit.org)}</td>`)}\n</div>`
    : `<div class="main">\n${metaBlock(unit, it)}\n<h1 class="article-title">${escapeHtml(it.title)}</h1>\n${dateLine}\n<div class="${bodyClass(unit)}" id="zoom">\n${body}${col.catalog ? `\n${catalogTable(col)}` : ''}\n</div></div>`;
  const meta: Record<string, string> = { ColumnName: col.label, ArticleTitle: it.title, ContentSource: unit.org };
  if (unit.style === 'trs' || unit.style === 'kpy') meta.PubDate = `${it.date} ${it.time}`;
  return layout(unit, { title: it.title, crumbs: crumbsFor(unit, [{ text: col.label, href: columnUrl(unit, col) }]), main, meta });
}

export function renderArticle(unit: UnitModel, col: Column): string {
  const a = col.article!;
  const main = `<div class="main"><h1 class="article-title">${escapeHtml(a.title)}</h1>\n<div class="article-info"><span class="time">发布时间：${a.date}</span></div>\n<div class="${bodyClass(unit)}" id="zoom">\n${a.html}\n</div></div>`;
  const meta: Record<string, string> = { ColumnName: col.label, ArticleTitle: a.title };
  if (unit.style === 'trs' || unit.style === 'kpy') meta.PubDate = a.date;
  return layout(unit, { title: a.title, crumbs: crumbsFor(unit, [{ text: col.label }]), main, meta });
}

export function catalogTable(col: Column): string {
  const rows = (col.catalog ?? []).map(
    (r, i) =>
      `<tr><td>${i + 1}</td><td>${r.href ? `<a href="${escapeHtml(r.href)}" target="_blank">${escapeHtml(r.item)}</a>` : escapeHtml(r.item)}</td><td>${escapeHtml(r.content)}</td><td>${escapeHtml(r.basis)}</td><td>${escapeHtml(r.limit)}</td><td>${escapeHtml(r.subject)}</td><td>${escapeHtml(r.channel)}</td><td>全社会</td><td>主动</td></tr>`,
  );
  return `<table class="bzml" border="1"><thead><tr><th>序号</th><th>公开事项</th><th>公开内容（要素）</th><th>公开依据</th><th>公开时限</th><th>公开主体</th><th>公开渠道和载体</th><th>公开对象</th><th>公开方式</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** A 公示 table and attachment links planted for the content-safety checks (sample/content/privacy.ts). */
function plantedBlocks(it: Item): string {
  let out = '';
  if (it.table) {
    const row = (cells: string[], tag: string): string => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
    out += `\n<table class="gs" border="1"><thead>${row(it.table.header, 'th')}</thead><tbody>${it.table.rows.map((r) => row(r, 'td')).join('')}</tbody></table>`;
  }
  for (const a of it.attachments ?? []) out += `\n<p>附件：<a href="${escapeHtml(a.path)}">${escapeHtml(a.title)}</a></p>`;
  return out;
}
