// A column's list page in the unit's CMS style, with that style's pagination.
import type { Column, Item, UnitModel } from '../model.ts';
import { columnUrl } from '../urls.ts';
import { escapeHtml } from './escape.ts';
import { crumbsFor, layout } from './layout.ts';
import { consultationTable, epointRows, hanwebRecords, hrefFrom, jspRows, kpyRows, trsRows, wcmRows } from './rows.ts';
import { catalogTable } from './detail.ts';

export const PAGE_SIZE = 12;

export function pageCount(unit: UnitModel, col: Column): number {
  if (unit.style === 'hanweb' || col.jsRendered) return 1;
  return Math.max(1, Math.ceil(col.items.length / PAGE_SIZE));
}

function pager(unit: UnitModel, col: Column, page: number, pages: number): string {
  if (pages <= 1) return '';
  switch (unit.style) {
    case 'trs':
    case 'wcm':
      return `<div class="page"><script type="text/javascript">\n//WCM置标\ncreatePageHTML(${pages}, ${page}, "index", "html");\n</script></div>`;
    case 'epoint': {
      const links: string[] = [`<a href="${columnUrl(unit, col, 0)}">首页</a>`];
      if (page > 0) links.push(`<a href="${columnUrl(unit, col, page - 1)}">上一页</a>`);
      if (page < pages - 1) links.push(`<a href="${columnUrl(unit, col, page + 1)}">下一页</a>`);
      links.push(`<a href="${columnUrl(unit, col, pages - 1)}">尾页</a>`);
      return `<div class="ewb-page"><span class="ewb-page-num">${page + 1}/${pages}</span>${links.join('')}</div>`;
    }
    case 'kpy': {
      const nums = Array.from({ length: pages }, (_, i) =>
        i === page ? `<span class="current">${i + 1}</span>` : `<a href="${columnUrl(unit, col, i)}">${i + 1}</a>`,
      );
      const next = page < pages - 1 ? `<a href="${columnUrl(unit, col, page + 1)}" class="next">下一页</a>` : '';
      return `<div class="pagination">${nums.join('')}${next}</div>`;
    }
    case 'hanweb':
      return '';
    case 'jsp': {
      // jsp-pager-pageno-list.html: 首页 上一页 1 2 … 下一页 尾页, then 页次：1/N 每页N条
      const links = [`<a href="${columnUrl(unit, col, 0)}">首页</a>`];
      links.push(page > 0 ? `<a href="${columnUrl(unit, col, page - 1)}">上一页</a>` : '<span class="disabled">上一页</span>');
      for (let i = 0; i < Math.min(pages, 5); i++)
        links.push(i === page ? `<span class="current">${i + 1}</span>` : `<a href="${columnUrl(unit, col, i)}">${i + 1}</a>`);
      if (page < pages - 1) links.push(`<a href="${columnUrl(unit, col, page + 1)}" title="下一页">下一页</a>`);
      links.push(`<a href="${columnUrl(unit, col, pages - 1)}" title="尾页">尾页</a>`);
      return `<div class="pagination">${links.join('\n')}\n<span class="totalNum">页次：${page + 1}/${pages} 每页${PAGE_SIZE}条</span></div>`;
    }
  }
}

function rowsHtml(unit: UnitModel, col: Column, rows: Item[]): string {
  if (col.key === 'consultation' && (unit.style === 'epoint' || unit.style === 'hanweb' || unit.style === 'wcm'))
    return consultationTable(unit, col, rows);
  switch (unit.style) {
    case 'trs':
      return trsRows(unit, col, rows);
    case 'wcm':
      return wcmRows(unit, col, rows);
    case 'epoint':
      return epointRows(unit, col, rows);
    case 'hanweb':
      return hanwebRecords(unit, col, rows);
    case 'kpy':
      return kpyRows(unit, col, rows);
    case 'jsp':
      return jspRows(unit, col, rows);
  }
}

/** Rows built in the browser from inline JSON: the static list container is empty. */
function jsRenderedRows(unit: UnitModel, col: Column, rows: Item[]): string {
  const data = rows.map((it) => ({ title: it.title, url: hrefFrom(unit, col, it), date: it.date, top: !!it.pinned }));
  const json = JSON.stringify(data).replaceAll('<', '\\u003c');
  return [
    '<div class="list"><ul class="list_ul" id="list-container"></ul></div>',
    '<script type="text/javascript">',
    `var listData = ${json};`,
    'var box = document.getElementById("list-container");',
    'listData.forEach(function (r) {',
    '  var li = document.createElement("li");',
    '  var a = document.createElement("a"); a.href = r.url; a.title = r.title; a.textContent = r.title; a.target = "_blank";',
    '  var s = document.createElement("span"); s.textContent = r.date;',
    '  if (r.top) { var z = document.createElement("span"); z.className = "zd"; z.textContent = "[置顶]"; li.appendChild(z); }',
    '  li.appendChild(a); li.appendChild(s); box.appendChild(li);',
    '});',
    '</script>',
  ].join('\n');
}

function subNav(unit: UnitModel, col: Column): string {
  if (!col.subs?.length) return '';
  return `<div class="sub-columns"><ul>${col.subs.map((s) => `<li><a href="${columnUrl(unit, s)}" title="${escapeHtml(s.label)}">${escapeHtml(s.label)}</a></li>`).join('')}</ul></div>`;
}

export function renderList(unit: UnitModel, col: Column, page: number, parent?: Column): string {
  const pages = pageCount(unit, col);
  const rows = unit.style === 'hanweb' || col.jsRendered ? col.items : col.items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  let body: string;
  if (col.placeholder) body = `<div class="no-data">${col.placeholder}</div>`;
  else body = (col.jsRendered ? jsRenderedRows(unit, col, rows) : rowsHtml(unit, col, rows)) + pager(unit, col, page, pages);
  if (col.catalog) body += `\n${catalogTable(col)}`;
  const trail = parent ? [{ text: parent.label, href: columnUrl(unit, parent) }, { text: col.label }] : [{ text: col.label }];
  const main = `<div class="main"><div class="column-title"><h2>${escapeHtml(col.label)}</h2></div>\n${subNav(unit, col)}\n<div class="column-list">\n${body}\n</div></div>`;
  return layout(unit, {
    title: col.label,
    crumbs: crumbsFor(unit, trail),
    main,
    meta: { ColumnName: col.label, ColumnType: parent ? parent.label : col.label },
  });
}
