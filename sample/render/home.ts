// Unit disclosure home: column navigation as a left nav (TRS), a mega-menu (Epoint) or plain link lists.
import type { Column, UnitModel } from '../model.ts';
import { columnUrl } from '../urls.ts';
import { escapeHtml } from './escape.ts';
import { crumbsFor, layout } from './layout.ts';

function navLink(unit: UnitModel, col: Column): string {
  return `<a href="${columnUrl(unit, col)}" title="${escapeHtml(col.label)}">${escapeHtml(col.label)}</a>`;
}

const GROUPS: { title: string; keys: (k: string) => boolean }[] = [
  { title: '政府信息公开', keys: (k) => ['guide', 'annualReport', 'catalog'].includes(k) },
  {
    title: '法定公开内容',
    keys: (k) => ['functions', 'deptInfo', 'majorProjects', 'budget', 'policies', 'shuanggongshi', 'decisions'].includes(k),
  },
  { title: '解读回应', keys: (k) => ['interpretations', 'consultation'].includes(k) },
  { title: '重点领域信息公开', keys: (k) => k.startsWith('keyField:') },
  { title: '其他信息', keys: (k) => k.startsWith('nav:') },
];

function nav(unit: UnitModel): string {
  const groups = GROUPS.map((g) => ({ title: g.title, cols: unit.columns.filter((c) => g.keys(c.key)) })).filter((g) => g.cols.length > 0);
  switch (unit.style) {
    case 'trs':
      return `<div class="left-nav">\n${groups.map((g) => `<h3>${g.title}</h3>\n<ul>\n${g.cols.map((c) => `<li>${navLink(unit, c)}</li>`).join('\n')}\n</ul>`).join('\n')}\n</div>`;
    case 'epoint':
      return `<div class="ewb-nav"><ul class="ewb-nav-items">\n${groups.map((g) => `<li class="ewb-nav-item"><span class="ewb-nav-tt">${g.title}</span><div class="ewb-nav-sub">${g.cols.map((c) => navLink(unit, c)).join('')}</div></li>`).join('\n')}\n</ul></div>`;
    case 'hanweb':
      return `<div class="zfxxgk-lm">\n${groups.map((g) => `<div class="lm-box"><div class="lm-tt">${g.title}</div><ul class="lm-list">${g.cols.map((c) => `<li>${navLink(unit, c)}</li>`).join('')}</ul></div>`).join('\n')}\n</div>`;
    case 'kpy':
      return `<div class="xxgk-nav">\n${unit.columns.map((c) => navLink(unit, c)).join('\n｜')}\n</div>`;
    case 'jsp':
      return `<div class="nav-list">\n${groups.map((g) => `<dl><dt>${g.title}</dt>${g.cols.map((c) => `<dd>${navLink(unit, c)}</dd>`).join('')}</dl>`).join('\n')}\n</div>`;
    case 'wcm':
      return `<table class="lm" width="100%">\n${groups.map((g) => `<tr><td class="lm_tt">${g.title}</td><td>${g.cols.map((c) => navLink(unit, c)).join('&nbsp;&nbsp;')}</td></tr>`).join('\n')}\n</table>`;
  }
}

export function renderHome(unit: UnitModel): string {
  const extra = unit.homeLinks.map((l) => `<li><a href="${l.href}">${escapeHtml(l.text)}</a></li>`).join('\n');
  const commented = unit.commentedLinks.map((l) => `<!-- <a href="${l.href}">${escapeHtml(l.text)}</a> -->`).join('\n');
  const main = [
    `<div class="main"><h2 class="unit-name">${escapeHtml(unit.org)}政府信息公开</h2>`,
    nav(unit),
    commented,
    `<div class="links"><ul>\n${extra}\n</ul></div>`,
    `<div class="xmt"><p>政务新媒体：微信公众号“${escapeHtml(unit.feed.account)}”</p></div>`,
    '</div>',
  ].join('\n');
  return layout(unit, {
    title: `${unit.org}政府信息公开`,
    crumbs: crumbsFor(unit, []),
    main,
    meta: { ColumnName: '政府信息公开', ColumnType: '政府信息公开' },
  });
}
