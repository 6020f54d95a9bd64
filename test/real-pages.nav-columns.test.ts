// The other columns of a unit's navigation (nav:<label>) on real pages of ../shared/real-pages, against the
// columns their truth notes name beyond the fixed keys, and the kind each label gets. The header menu of the county
// (走进恩格贝, 投资恩格贝 …), the footer (网站地图, 联系我们) and a directory of departments are not the unit's columns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnKindOf, discoverNavColumns, pageSubColumns } from '../crawler/index.ts';
import { sharedPath } from './helpers/shared-material.ts';

const dir = sharedPath('real-pages/pages');
const read = (file: string) => readFileSync(join(dir!, file), 'utf8');
const labels = (html: string, url: string) => discoverNavColumns(html, url).map((c) => c.label.replace(/\s+/g, ''));

describe.skipIf(dir === null)('navigation columns on real pages', () => {
  it('恩格贝 信息公开 left nav: the eight columns its truth notes name, not the header menu or the footer', () => {
    const got = discoverNavColumns(read('nm-ordos-engebei-xxgknb-list.html'), 'http://egb.invalid/xxgk/xxgknb/index.html');
    // truth notes: "Left nav also: 信息公开规定, 信息公开制度, 信息公开目录, 依申请公开, 信息公开查询, 人事信息, 政府采购, 应急管理"
    expect(got.map((c) => c.label)).toEqual([
      '信息公开规定',
      '信息公开制度',
      '信息公开目录',
      '依申请公开',
      '信息公开查询',
      '人事信息',
      '政府采购',
      '应急管理',
    ]);
    expect(got.find((c) => c.label === '人事信息')!.url).toBe('http://egb.invalid/xxgk/rsxx/');
  });

  it('邯郸 信息公开 left nav: its other columns, not the directory of departments beside it', () => {
    const got = labels(read('hb-handan-xxgk-gkzn.jsp'), 'http://hdzfxxgk.hd.gov.cn/zfxxgkzn/');
    // truth notes: 政府信息公开制度, 依申请公开, 领导分工, 规划计划, 收费项目, 政府采购, 社会公益事业, 公共资源配置, 应急管理
    for (const want of ['政府信息公开制度', '依申请公开', '规划计划', '收费项目', '政府采购', '社会公益事业', '公共资源配置', '应急管理'])
      expect(got).toContain(want);
    expect(got).not.toContain('市教育局');
    expect(got).not.toContain('机构职责'); // a fixed key (functions), observed as that
  });

  it('names real navs use get their kind, and the word that gave it', () => {
    expect(columnKindOf('人事信息')).toEqual({ kind: '人事规划', word: '人事' });
    expect(columnKindOf('规划计划')).toEqual({ kind: '人事规划', word: '规划计划' });
    expect(columnKindOf('政府信息 公开制度')).toEqual({ kind: '静态', word: '制度' });
    expect(columnKindOf('县区动态')).toEqual({ kind: '动态', word: '动态' });
    expect(columnKindOf('省内要闻')).toEqual({ kind: '动态', word: '要闻' });
    expect(columnKindOf('公示公告')).toEqual({ kind: '通知公告', word: '公示公告' });
    expect(columnKindOf('新闻发布会')).toEqual({ kind: '静态', word: '新闻发布会' }); // not 新闻 (动态): the longest word wins
    expect(columnKindOf('政府采购')).toBeNull();
    expect(columnKindOf('应急管理')).toBeNull();
  });
});

// Fixtures of our own, each modelled on a real page's structure and wording.
describe('navigation columns on real-modelled pages', () => {
  // modelled on the township 信息公开 page of domain-rules.md §12 (left menu 政府信息公开指南, 政府信息公开制度,
  // 法定主动公开内容, 政府信息公开年报) with the grouped TRS left nav of ../shared/real-pages hb-handan-xxgk-gkzn
  const township = `<html><body>
<div class="head"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<div class="xxgk-left">
  <h3>政府信息公开</h3>
  <ul><li><a href="./zfxxgkzn/">政府信息公开指南</a></li><li><a href="./zfxxgkzd/">政府信息公开制度</a></li><li><a href="./zfxxgknb/">政府信息公开年报</a></li></ul>
  <h3>法定主动公开内容</h3>
  <ul><li><a href="./jgzn/">机构职能</a></li><li><a href="./rsxx/">人事信息</a></li><li><a href="./ghjh/">规划计划</a></li>
  <li><a href="./tzgg/">通知公告</a></li><li><a href="./tjxx/">统计信息</a></li><li><a href="./gzdt/">工作动态</a></li></ul>
</div>
<div class="list"><ul>
  <li><a href="./tzgg/202312/t20231201_1.html">关于做好2024年元旦春节期间安全生产工作的通知</a><span>2023-12-01</span></li>
  <li><a href="./gzdt/202311/t20231120_2.html">镇党委召开理论学习中心组学习会议</a><span>2023-11-20</span></li>
</ul></div>
<div class="yqlj"><a href="http://www.gov.cn/">中国政府网</a><a href="http://www.shanxi.gov.cn/">山西省人民政府</a><a href="/wzdt/">网站地图</a><a href="/lxwm/">联系我们</a></div>
</body></html>`;

  it('a grouped left nav: every column no fixed key claims, in order; not the header, the rows or the links block', () => {
    const got = discoverNavColumns(township, 'http://town.test/zwgk/xz/');
    expect(got.map((c) => c.label)).toEqual(['政府信息公开制度', '人事信息', '规划计划', '通知公告', '统计信息']);
    expect(got.map((c) => columnKindOf(c.label)?.kind ?? null)).toEqual(['静态', '人事规划', '人事规划', '通知公告', '人事规划']);
  });

  // modelled on the 平潭 指南 _lists page (../shared/docs/real-portals.md §1.1): a header mega-menu
  // div.submenu.menu_bd .row > div > a[title] and the 信息公开 left nav of h3 blocks
  it('a left nav of h3 blocks beside a header mega-menu: the blocks, not the mega-menu', () => {
    const html = `<div class="submenu menu_bd"><div class="row"><div><a href="/zwgk/" title="政府信息公开">政府信息公开</a></div>
<div><a href="/ldzc/" title="领导之窗">领导之窗</a></div><div><a href="/zfjg/" title="政府机构">政府机构</a></div>
<div><a href="/ztzl/" title="专题专栏">专题专栏</a></div></div></div>
<div class="left_nav"><h3><a href="/zwgk/zfxxgkzn/">政府信息公开指南</a></h3><h3><a href="/zwgk/fdzdgknr/">法定主动公开内容</a></h3>
<h3><a href="/zwgk/zfxxgknb/">政府信息公开年报</a></h3><h3><a href="/zwgk/zfxxgksq/">政府信息公开申请</a></h3>
<h3><a href="/zwgk/dfbmpt/">地方部门平台链接</a></h3></div>
<div class="list"><ul><li><a href="/zwgk/zfxxgkzn/202311/t20231104_51587.htm" title="平潭综合实验区政府信息公开指南">平潭综合实验区政府信息公开指南</a><span>2023-11-04</span></li></ul></div>`;
    expect(labels(html, 'http://pt.test/zwgk/zfxxgkzn/')).toEqual(['法定主动公开内容', '政府信息公开申请', '地方部门平台链接']);
    expect(columnKindOf('政府信息公开申请')).toEqual({ kind: '静态', word: '公开申请' });
  });

  it('a block of short links with none of the unit’s known columns is not its navigation', () => {
    const html = `<div class="links"><a href="/a/">办事大厅</a><a href="/b/">便民服务</a><a href="/c/">网上信访</a><a href="/d/">人事考试</a></div>
<div class="left"><a href="/x/zn/">政府信息公开指南</a><a href="/x/nb/">政府信息公开年报</a><a href="/x/rs/">人事信息</a></div>`;
    expect(labels(html, 'http://town.test/x/')).toEqual(['人事信息']);
  });

  // modelled on a TRS 人事信息 column page whose body is a list of its sub-columns (人事任免, 公务员招考, 事业单位招聘:
  // the 人事信息 tree of domain-rules.md §11), with the left nav of hb-handan-xxgk-gkzn and its pager
  const leftNav = `<div class="left"><ul><li><a href="../zfxxgkzn/">政府信息公开指南</a></li><li class="on"><a href="./">人事信息</a></li>
<li><a href="../ghjh/">规划计划</a></li><li><a href="../tzgg/">通知公告</a></li></ul></div>`;
  it('counts the sub-columns of a column page, not its rows, its pager or the unit’s nav around it', () => {
    const html = `${leftNav}<div class="sub"><ul><li><a href="./rsrm/">人事任免</a></li><li><a href="./gwyzk/index.html">公务员招考</a></li>
<li><a href="./sydwzp/">事业单位招聘</a></li></ul></div><div class="page"><a href="index_1.html">下一页</a></div>`;
    expect(pageSubColumns(html, 'http://town.test/zwgk/xz/rsxx/')).toBe(3);
    const list = `${leftNav}<ul class="list"><li><a href="./202310/t20231008_3.html">关于张三同志任职的通知</a><span>2023-10-08</span></li></ul>`;
    expect(pageSubColumns(list, 'http://town.test/zwgk/xz/rsxx/')).toBe(0);
  });

  // modelled on a 大汉 JCMS column page (/col/col<id>/index.html, ../shared/docs/domain-rules.md §12): its
  // sub-columns are other /col/ folders, not folders below it, listed in a menu of their own
  it('counts a menu of sub-columns elsewhere on the site, but not the unit’s nav without a link to the page', () => {
    const unitNav = `<div class="lm"><a href="/col/col101/index.html">政府信息公开指南</a><a href="/col/col105/index.html">规划计划</a><a href="/col/col106/index.html">通知公告</a></div>`;
    const subs = `<div class="zlm"><a href="/col/col201/index.html">人事任免</a><a href="/col/col202/index.html">公务员招考</a><a href="/col/col203/index.html">事业单位招聘</a></div>`;
    const siblings = ['http://dh.test/col/col101/index.html', 'http://dh.test/col/col105/index.html'];
    expect(pageSubColumns(unitNav + subs, 'http://dh.test/col/col104/index.html', siblings)).toBe(3);
    expect(pageSubColumns(unitNav, 'http://dh.test/col/col104/index.html', siblings)).toBe(0);
  });
});
