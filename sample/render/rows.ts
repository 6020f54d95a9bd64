// List rows in the markup of each CMS style (docs: /work/shared/docs/real-portals.md §2).
import type { Column, Item, UnitModel } from '../model.ts';
import { rowHref } from '../urls.ts';
import { escapeHtml } from './escape.ts';
import { cnDate } from '../dates.ts';

export function hrefFrom(unit: UnitModel, col: Column, it: Item): string {
  const abs = rowHref(unit, it);
  // TRS/WCM publish relative links for documents of the same column.
  if ((unit.style === 'trs' || unit.style === 'wcm') && !it.href && it.home?.slug === col.slug) {
    return `.${abs.slice(`/zwgk/${unit.id}/${col.slug}`.length)}`;
  }
  return abs;
}

const PIN = '<span class="zd">[置顶]</span>';

export function trsRows(unit: UnitModel, col: Column, rows: Item[]): string {
  const li = rows.map(
    (it) =>
      `<li${it.pinned ? ' class="top"' : ''}>${it.pinned ? PIN : ''}<a href="${hrefFrom(unit, col, it)}" title="${escapeHtml(it.title)}" target="_blank">${escapeHtml(it.title)}</a><span>${it.date}</span></li>`,
  );
  return `<div class="list"><ul class="list_ul">\n${li.join('\n')}\n</ul></div>`;
}

export function wcmRows(unit: UnitModel, col: Column, rows: Item[]): string {
  const out: string[] = [];
  rows.forEach((it, i) => {
    out.push(
      `<TR><TD class="bt_link"><IMG src="/images/dot.gif" alt="">${it.pinned ? '<FONT color="red">[置顶]</FONT>' : ''}<A href="${hrefFrom(unit, col, it)}" target="_blank" title="${escapeHtml(it.title)}">${escapeHtml(it.title)}</A></TD><TD width="60" align="right">${it.date.slice(5)}</TD></TR>`,
    );
    if (i % 5 === 4) out.push('<TR><TD class="GroupBlankLine" colspan="2"></TD></TR>');
  });
  return `<TABLE width="100%" border="0" cellspacing="0" cellpadding="0"><TBODY>\n${out.join('\n')}\n</TBODY></TABLE>`;
}

export function epointRows(unit: UnitModel, col: Column, rows: Item[]): string {
  const li = rows.map(
    (it) =>
      `<div class="ewb-info-item clearfix">${it.pinned ? '<span class="ewb-top">置顶</span>' : ''}<div class="ewb-info-tt"><a href="${hrefFrom(unit, col, it)}" title="${escapeHtml(it.title)}" target="_blank">${escapeHtml(it.title)}</a></div><div class="ewb-info-date">${cnDate(it.date)}</div></div>`,
  );
  return `<div class="ewb-info-list">\n${li.join('\n')}\n</div>`;
}

export function hanwebRecords(unit: UnitModel, col: Column, rows: Item[]): string {
  const rec = rows.map(
    (it) =>
      `<record><![CDATA[\n<li${it.pinned ? ' class="zd"' : ''}>${it.pinned ? '<i>置顶</i>' : ''}<a href="${hrefFrom(unit, col, it)}" title="${escapeHtml(it.title)}" target="_blank">${escapeHtml(it.title)}</a><span class="bt-data-time">${it.date}</span></li>\n]]></record>`,
  );
  return [
    `<div id="${col.cid}"><ul class="List_list">`,
    '<script type="text/xml"><datastore>',
    `<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=${col.cid}&unitid=${col.cid + 7}&webname=%E4%B8%B4%E7%8C%97%E5%8E%BF&permissiontype=0"></a>]]></nextgroup>`,
    `<recordset>\n${rec.join('\n')}\n</recordset>`,
    '</datastore></script>',
    '</ul></div>',
    `<script>var totalRecord = ${rows.length};</script>`,
  ].join('\n');
}

export function kpyRows(unit: UnitModel, col: Column, rows: Item[]): string {
  const li = rows.map(
    (it) =>
      `<li>${it.pinned ? '<b class="top">置顶</b>' : ''}<a href="${hrefFrom(unit, col, it)}" target="_blank" title="${escapeHtml(it.title)}">${escapeHtml(it.title)}</a><span class="time">${it.date}</span></li>`,
  );
  return `<ul class="common_newslist">\n${li.join('\n')}\n</ul>`;
}

/** 党政 JSP portal: title and date cells in a table (dates in brackets, as on jsp-pager-pageno-list.html's rows). */
export function jspRows(unit: UnitModel, col: Column, rows: Item[]): string {
  const tr = rows.map(
    (it) =>
      `<tr><td class="news-title">${it.pinned ? '<span class="zd">[置顶]</span>' : '·'}<a href="${hrefFrom(unit, col, it)}" title="${escapeHtml(it.title)}" target="_blank">${escapeHtml(it.title)}</a></td><td class="time" width="100">[${it.date}]</td></tr>`,
  );
  return `<table class="news-table" width="100%">\n${tr.join('\n')}\n</table>`;
}

/** 政务咨询 as a table with 留言时间/回复时间 cells (used by some styles instead of plain rows). */
export function consultationTable(unit: UnitModel, col: Column, rows: Item[]): string {
  const tr = rows.map((it) => {
    const q = it.question!;
    return `<tr><td><a href="${hrefFrom(unit, col, it)}" title="${escapeHtml(it.title)}" target="_blank">${escapeHtml(it.title)}</a></td><td>${q.asked}</td><td>${q.replied ?? ''}</td><td>${q.replied ? '已回复' : '办理中'}</td></tr>`;
  });
  return `<table class="zx-table"><thead><tr><th>标题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr></thead><tbody>\n${tr.join('\n')}\n</tbody></table>`;
}
