// Real pages of the 政务咨询, 双公示 and 重点领域 kinds that meet a rule in their own words or layout get no deduction.
// ../shared/real-pages has no such pages, so each scenario serves real-modelled fixtures (test/fixtures/real-modelled/
// <kind>/, each naming the real page it is modelled on, with the truth in the folder's README) as one unit's column on
// a loopback server, runs the unit through crawler → store → checks with the as-of date pinned to the page's own
// dates, and asserts the check is silent. A twin (the page with its content removed or out of date) is deducted, so
// each assertion can fail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/index.ts';
import { type InspectedUnit, useUnitPortal } from './helpers/unit-portal.ts';

const fixture = (kind: string, name: string) => readFileSync(new URL(`./fixtures/real-modelled/${kind}/${name}`, import.meta.url), 'utf8');

const site = useUnitPortal();

/** A unit's 信息公开 page: a left nav with its 指南 (which discovery knows) and the columns under test. */
const home = (nav: [string, string][]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>信息公开</title></head><body><div class="left-nav"><ul><li><a href="/u/zfxxgkzn/">政府信息公开指南</a></li>${nav
    .map(([label, path]) => `<li><a href="${path}">${label}</a></li>`)
    .join('')}</ul></div></body></html>`;

/** Runs one unit of class `unitClass` whose portal is `pages` (path → html; `/u/` is its home) for year `year`. */
const inspect = (pages: Record<string, string>, year: number, asOf: string, unitClass: 'A' | 'B' = 'A'): Promise<InspectedUnit> =>
  site.inspect(pages, { year, asOf, unitClass });

/** The findings of one check and kind, as [subject or column, confidence]. */
function findings(all: Finding[], checkId: string, kind: Finding['kind'] = 'deduction'): [string, string][] {
  return all
    .filter((f) => f.checkId === checkId && f.kind === kind)
    .map((f): [string, string] => [f.subject ?? f.column ?? '', f.confidence])
    .sort();
}

// 佳木斯市人民政府 政民互动 (test/fixtures/real-modelled/consultation): the letter page gives the question's time as
// 咨询时间, the reply's as 处理时间 and the reply as 处理结果 (state 处理情况：办理完毕), with unpadded hours.
describe('佳木斯 政民互动 letters as a unit’s 政务咨询 column', () => {
  const letter = (id: string) => fixture('consultation', `jms-letter-${id}.html`);
  const portal = (over: Record<string, string> = {}) => ({
    '/u/': home([['政务咨询', '/html/zmhd/page/jms_10030002_1.html']]),
    '/html/zmhd/page/jms_10030002_1.html': fixture('consultation', 'jms-wszx-list.html'),
    '/html/zmhd/content/40403.html': letter('40403'),
    '/html/zmhd/content/40421.html': letter('40421'),
    '/html/zmhd/content/40449.html': letter('40449'),
    ...over,
  });
  const url = (id: string) => `${site.origin}/html/zmhd/content/${id}.html`;

  it('reads 咨询时间, 处理时间 and 处理结果: three replies in time, no consultation.late', async () => {
    const unit = await inspect(portal(), 2018, '2018-12-31');
    const d = unit.obs.details.find((x) => x.url === url('40421'))!;
    expect([d.fields.咨询时间, d.fields.处理时间, d.fields.处理情况]).toEqual(['2018-12-17 14:45:34', '2018-12-18 9:06:47', '办理完毕']);
    const found = unit.findingsOn('2018-12-31');
    expect(findings(found, 'consultation.late')).toEqual([]);
    expect(findings(found, 'consultation.timely', 'bonus')).toEqual([
      [url('40403'), 'high'],
      [url('40421'), 'high'],
      [url('40449'), 'high'],
    ]);
  }, 60_000);

  it('twins: replied six working days later is late; 办理中 with no reply is late as unanswered', async () => {
    const lateReply = letter('40421').replace('2018-12-18 9:06:47', '2018-12-27 9:06:47');
    const late = (await inspect(portal({ '/html/zmhd/content/40421.html': lateReply }), 2018, '2018-12-31')).findingsOn('2018-12-31');
    expect(findings(late, 'consultation.late')).toEqual([[url('40421'), 'high']]);
    const open = letter('40421')
      .replace('办理完毕', '办理中')
      .replace(/<table class="xjxq hf"[\s\S]*?<\/table>/, '');
    const unanswered = await inspect(portal({ '/html/zmhd/content/40421.html': open }), 2018, '2018-12-31');
    const f = unanswered.findingsOn('2018-12-31').filter((x) => x.checkId === 'consultation.late');
    expect(f.map((x) => [x.subject, x.confidence, x.title.startsWith('政务咨询逾期未回复')])).toEqual([[url('40421'), 'high', true]]);
  }, 60_000);
});

// 上海市市场监督管理局 行政处罚公示 (test/fixtures/real-modelled/shuanggongshi): the 行政处罚 half of 双公示 only, a
// table whose title is the third cell's link and whose date is the fourth cell.
describe('上海 市场监管 行政处罚公示 as a B unit’s 双公示 column', () => {
  const portal = () => ({
    '/u/': home([['行政处罚公示', '/1073/index.html']]),
    '/1073/index.html': fixture('shuanggongshi', 'scjgj-xzcfgs-list.html'),
  });

  it('reads the dated 处罚 rows: no shuanggongshi.missing in 2023; the same page for 2024 is deducted', async () => {
    const unit = await inspect(portal(), 2023, '2023-12-31', 'B');
    const col = unit.obs.columns.find((c) => c.columnKey === 'shuanggongshi')!;
    expect([col.status, col.items.map((i) => i.date)]).toEqual(['ok', ['2023-12-06', '2023-11-21', '2023-10-30']]);
    expect(findings(unit.findingsOn('2023-12-31'), 'shuanggongshi.missing')).toEqual([]);
    const later = await inspect(portal(), 2024, '2024-12-31', 'B');
    expect(findings(later.findingsOn('2024-12-31'), 'shuanggongshi.missing')).toEqual([['shuanggongshi', 'high']]);
  }, 60_000);
});

// 江苏省文化和旅游厅 双公示 (test/fixtures/real-modelled/shuanggongshi/jsswlt-sgs-list.html): entries that only open by
// onclick="openDetail('…')", with no link and no date. Before they were recognised the column read as blank: a
// column.blank and a shuanggongshi.missing, both at high confidence.
describe('江苏 文旅厅 双公示 list of script-opened entries as a B unit’s 双公示 column', () => {
  const list = fixture('shuanggongshi', 'jsswlt-sgs-list.html');
  const portal = (page: string) => ({ '/u/': home([['双公示', '/jsswlt_sgs/front/list.do']]), '/jsswlt_sgs/front/list.do': page });

  it('sees three unreadable entries: no column.blank, only a low shuanggongshi.missing for a person', async () => {
    const unit = await inspect(portal(list), 2023, '2023-12-31', 'B');
    const col = unit.obs.columns.find((c) => c.columnKey === 'shuanggongshi')!;
    expect([col.status, col.note]).toEqual(['unrendered', '列表有 3 个条目通过脚本（onclick）打开，没有可读取的链接和日期']);
    const found = unit.findingsOn('2023-12-31');
    expect(findings(found, 'column.blank')).toEqual([]);
    expect(findings(found, 'shuanggongshi.missing')).toEqual([['shuanggongshi', 'low']]);
  }, 60_000);

  it('twin: the entries replaced by 暂无信息 are a blank column, deducted at high confidence', async () => {
    const empty = list.replace(/<table class="tg_tb"[\s\S]*<\/table>/, '<div class="tg_tb">暂无信息</div>');
    const found = (await inspect(portal(empty), 2023, '2023-12-31', 'B')).findingsOn('2023-12-31');
    expect(findings(found, 'column.blank')).toEqual([['shuanggongshi', 'high']]);
    expect(findings(found, 'shuanggongshi.missing')).toEqual([['shuanggongshi', 'high']]);
  }, 60_000);
});
