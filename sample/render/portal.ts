// The county portal in front of the unit pages: home → 政府信息公开 platform → 乡镇/部门 navigation in several
// styles (link list, a department page with full names, a jump select box, a script-built list), a 政务新媒体
// page. Unit names are written as portals write them, not as the plan's 附件1 does (猗氏镇 for 猗氏镇政府,
// 临猗县工业和科技局 for 工科局), one department appears under its current and its former name, and a few entries
// are not units of the plan (县委 departments, 县政府办公室): zwgk init must report those, not take them.
import type { SiteModel, UnitModel } from '../model.ts';
import { escapeHtml as e } from './escape.ts';

export const PLATFORM_PATH = '/zwgk/';
export const DEPT_PAGE_PATH = '/zwgk/bmxxgk/';
export const NEW_MEDIA_PATH = '/zwgk/zwxmt/';
/** The former 安全生产监督管理局's archived page: listed under its old name beside 应急管理局's current one. */
export const FORMER_NAME_PATH = '/zwgk/archive/ajj/';
/** Entries that are not units of the plan: [text, path]. Their paths answer 404 (nothing of theirs is inspected). */
export const DECOY_ENTRIES: [string, string][] = [
  ['中共临猗县委宣传部', '/dwgk/xcb/'],
  ['县委组织部', '/dwgk/zzb/'],
  ['临猗县人民政府办公室', '/zwgk/zfb/'],
];
const FORMER_NAME = '临猗县安全生产监督管理局';
const FORMER_OF = 'yingji';

function shell(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${e(title)}_临猗县人民政府</title>`,
    '<meta name="SiteName" content="临猗县人民政府">',
    '<meta name="SiteDomain" content="www.sxlinyi.gov.cn">',
    '<meta name="SiteIDCode" content="1408210001">',
    '<link rel="stylesheet" href="/css/zwgk.css">',
    '</head>',
    '<body>',
    '<div class="header"><div class="logo">临猗县人民政府</div>',
    '<ul class="mainnav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjly/">走进临猗</a></li></ul></div>',
    body,
    '<div class="footer"><p>主办单位：临猗县人民政府办公室</p><p>网站标识码：1408210001　晋ICP备05004327号-1</p></div>',
    '</body>',
    '</html>',
  ].join('\n');
}

/** How the portal writes a unit's name: short (猗氏镇, 县医保局) or the full organisation name. */
function written(unit: UnitModel, full: boolean): string {
  return full ? unit.org : unit.short;
}

function home(unit: UnitModel): string {
  return `/zwgk/${unit.id}/`;
}

export function renderPortalHome(): string {
  return shell(
    '首页',
    [
      '<div class="banner"><h1>临猗县人民政府</h1></div>',
      '<div class="news"><h2>临猗要闻</h2><ul><li><a href="/xwzx/ywdt/">全县政务公开工作推进会召开</a><span>2023-12-12</span></li></ul></div>',
      '<div class="quick"><h2>政务公开</h2><ul>',
      '<li><a href="/zwgk/">政府信息公开</a></li>',
      '<li><a href="/zwgk/zfxxgkzn/">政府信息公开指南</a></li>',
      '<li><a href="/zwgk/zwxmt/">政务新媒体</a></li>',
      '</ul></div>',
    ].join('\n'),
  );
}

/** Towns as a link list (short names); some departments in a jump select box and a script-built list. */
export function renderPlatform(site: SiteModel): string {
  const towns = site.units.filter((u) => u.cls === 'A');
  const depts = site.units.filter((u) => u.cls === 'B');
  const townLinks = towns.map((u, i) => `<li><a href="${home(u)}" target="_blank">${e(written(u, i % 4 === 3))}</a></li>`).join('\n');
  // every third department is in the jump box, every third+1 in the script-built list, the rest only on the 部门 page
  const inSelect = depts.filter((_, i) => i % 3 === 0);
  const inScript = depts.filter((_, i) => i % 3 === 1);
  const options = inSelect.map((u) => `<option value="${home(u)}">${e(written(u, false))}</option>`).join('\n');
  const data = JSON.stringify(inScript.map((u) => ({ name: written(u, false), url: home(u) })));
  return shell(
    '政府信息公开',
    [
      '<div class="crumb">您的当前位置：<a href="/">首页</a> &gt; <span>政府信息公开</span></div>',
      '<div class="left-nav"><h3>政府信息公开</h3><ul>',
      '<li><a href="/zwgk/zfxxgkzn/">政府信息公开指南</a></li><li><a href="/zwgk/fdzdgknr/">法定主动公开内容</a></li>',
      '<li><a href="/zwgk/zfxxgknb/">政府信息公开年报</a></li><li><a href="/zwgk/bmxxgk/">部门信息公开</a></li>',
      '<li><a href="/zwgk/zwxmt/">政务新媒体</a></li></ul></div>',
      '<div class="xzxxgk"><h3>乡镇信息公开</h3><ul class="xz-list">',
      townLinks,
      '</ul></div>',
      '<div class="bmtz"><span>县直部门：</span>',
      '<select id="bmSelect" onchange="if(this.value){window.open(this.value)}"><option value="">--请选择部门--</option>',
      options,
      '</select></div>',
      '<div class="bmlist"><h3>部门导航</h3><ul id="bmList"></ul></div>',
      `<script>var bmData = ${data.replace(/</g, '\\u003c')};`,
      'var html = "";for (var i = 0; i < bmData.length; i++) { html += \'<li><a href="\' + bmData[i].url + \'">\' + bmData[i].name + "</a></li>"; }',
      'document.getElementById("bmList").innerHTML = html;</script>',
    ].join('\n'),
  );
}

/** Every department with its full organisation name in a grid, the former 安监局 and decoys among them. */
export function renderDeptPage(site: SiteModel): string {
  const depts = site.units.filter((u) => u.cls === 'B');
  const cells: string[] = depts.map((u) => `<a href="${home(u)}">${e(written(u, true))}</a>`);
  const formerAt = depts.findIndex((u) => u.id === FORMER_OF);
  if (formerAt >= 0) cells.splice(formerAt + 1, 0, `<a href="${FORMER_NAME_PATH}">${e(FORMER_NAME)}</a>`);
  for (const [text, path] of DECOY_ENTRIES) cells.push(`<a href="${path}">${e(text)}</a>`);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 4)
    rows.push(
      `<tr>${cells
        .slice(i, i + 4)
        .map((c) => `<td>${c}</td>`)
        .join('')}</tr>`,
    );
  return shell(
    '部门信息公开',
    [
      '<div class="crumb">您的当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <span>部门信息公开</span></div>',
      '<div class="bmxxgk"><h2>部门信息公开</h2><table class="bm-table">',
      ...rows,
      '</table></div>',
    ].join('\n'),
  );
}

export function renderFormerNamePage(): string {
  return shell(
    FORMER_NAME,
    `<div class="main"><h2>${e(FORMER_NAME)}</h2><p>本单位已于机构改革中撤并，相关信息请访问临猗县应急管理局。</p></div>`,
  );
}

/** 政务新媒体矩阵: unit, platform, account and (where the county publishes one) a subscription address. */
export function renderNewMediaPage(site: SiteModel): string {
  const rows = site.units.map(
    (u) =>
      `<tr><td>${e(written(u, u.cls === 'B'))}</td><td>微信公众号</td><td>${e(u.feed.account)}</td><td><a href="/feeds/${u.id}.xml">订阅（RSS）</a></td></tr>`,
  );
  rows.push('<tr><td>中共临猗县委宣传部</td><td>微信公众号</td><td>临猗发布</td><td></td></tr>');
  return shell(
    '政务新媒体',
    [
      '<div class="crumb">您的当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <span>政务新媒体</span></div>',
      '<div class="xmt"><h2>临猗县政务新媒体矩阵</h2><table class="xmt-table"><tr><th>主办单位</th><th>平台</th><th>账号名称</th><th>订阅地址</th></tr>',
      ...rows,
      '</table></div>',
    ].join('\n'),
  );
}

/** Pages of the portal outside the units' own pages, by path. */
export function portalPages(site: SiteModel): Map<string, () => string> {
  return new Map<string, () => string>([
    ['/', renderPortalHome],
    ['/index.html', renderPortalHome],
    [PLATFORM_PATH, () => renderPlatform(site)],
    [`${PLATFORM_PATH}index.html`, () => renderPlatform(site)],
    [DEPT_PAGE_PATH, () => renderDeptPage(site)],
    [NEW_MEDIA_PATH, () => renderNewMediaPage(site)],
    [FORMER_NAME_PATH, renderFormerNamePage],
  ]);
}
