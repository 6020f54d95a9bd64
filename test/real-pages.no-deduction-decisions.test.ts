// Real pages that meet the 重大行政决策 rules in their own words or layout get no deduction. Each
// scenario serves real-modelled fixtures (test/fixtures/real-modelled/decisions; its README.md
// names the real page each is modelled on and holds the truth) as one unit's portal on a loopback server, runs the
// unit through crawler → store → checks with the as-of date pinned to the pages' own dates, and asserts the check is
// silent (or, for a ranged row, gives its maximum at high confidence). A twin with the content removed or out of
// date is deducted, so each assertion can fail.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../model/index.ts';
import { useUnitPortal } from './helpers/unit-portal.ts';

const decisions = (name: string) => readFileSync(new URL(`./fixtures/real-modelled/decisions/${name}`, import.meta.url), 'utf8');

const site = useUnitPortal();

/** The findings of one unit of class `cls` whose portal is `pages` (`/u/` is its home), judged on `asOf`. */
async function findingsOf(pages: Record<string, string>, cls: 'A' | 'B', year: number, asOf: string): Promise<Finding[]> {
  return (await site.inspect(pages, { year, asOf, unitClass: cls })).findings;
}

/** A ranged finding as [suggestedPoints, confidence]. */
function ranged(findings: Finding[], checkId: string): [number | null, string] | undefined {
  const f = findings.find((x) => x.checkId === checkId);
  return f ? [f.suggestedPoints, f.confidence] : undefined;
}

// A 县直部门's 决策预公开 hub (意见征集 / 结果反馈 / 决策结果, as scpc.gov.cn lays it out) and its 政策文件 column, which
// holds the year's 决策事项目录 as a 文件 (官渡区, 嘉祥县, 海门区 publish theirs so).
describe('重大行政决策 pages of real layouts (decisions.catalog, decisions.precomment)', () => {
  const portal = (over: Record<string, string> = {}) => ({
    '/u/': decisions('jcygk-hub.html'),
    '/u/jcygk/': decisions('jcygk-hub.html'),
    '/u/jcygk/yjzj/': decisions('yjzj-list.html'),
    '/u/jcygk/yjzj/202303/t20230306_1201.html': decisions('yjzj-draft.html'),
    '/u/jcygk/yjzj/202303/t20230306_1202.html': decisions('yjzj-note.html'),
    '/u/jcygk/yjzj/202302/t20230210_1150.html': decisions('yjzj-catalog-consultation.html'),
    '/u/jcygk/jgfk/': decisions('jgfk-list.html'),
    '/u/jcygk/jgfk/202304/t20230420_1260.html': decisions('jgfk-result.html'),
    '/u/jcygk/jcjg/': decisions('jcjg-list.html'),
    '/u/zcwj/': decisions('zcwj-list.html'),
    '/u/zcwj/202309/t20230915_1301.html': decisions('zcwj-catalog.html'),
    ...over,
  });
  let found: Finding[];
  beforeAll(async () => {
    found = await findingsOf(portal(), 'B', 2023, '2023-12-31');
  }, 60_000);

  it('finds the 2023 目录 published as a 文件 in 政策文件: decisions.catalog +3 at high confidence', () => {
    expect(ranged(found, 'decisions.catalog')).toEqual([3, 'high']);
  });

  it('without that 文件, the 墨玉-style 公告 that a 目录 was formed is no 目录: not +3, to a person', async () => {
    const list = decisions('zcwj-list.html').replace(/<li><a href="\/u\/zcwj\/202309\/[^\n]*\n/, '');
    const twin = await findingsOf(portal({ '/u/zcwj/': list }), 'B', 2023, '2023-12-31');
    expect(ranged(twin, 'decisions.catalog')).toEqual([0, 'low']);
  }, 60_000);

  it('reads the 宁津-style consultation with its 说明, 31-day period and 结果反馈: decisions.precomment +3 at high', () => {
    expect(ranged(found, 'decisions.precomment')).toEqual([3, 'high']);
  });

  it('a 7-day period (as 湘阴’s) or an empty 结果反馈 column is an incomplete consultation: not +3, to a person', async () => {
    const short = decisions('yjzj-draft.html').replaceAll('2023年3月6日至2023年4月5日', '2023年3月6日至3月12日');
    const shortTwin = await findingsOf(portal({ '/u/jcygk/yjzj/202303/t20230306_1201.html': short }), 'B', 2023, '2023-12-31');
    const shortFinding = shortTwin.find((f) => f.checkId === 'decisions.precomment')!;
    expect([shortFinding.suggestedPoints, shortFinding.confidence, shortFinding.detail.includes('7 日')]).toEqual([0, 'low', true]);
    const empty = decisions('jgfk-list.html').replace(/<ul>[\s\S]*<\/ul>/, '<p>暂无信息</p>');
    const emptyTwin = await findingsOf(portal({ '/u/jcygk/jgfk/': empty }), 'B', 2023, '2023-12-31');
    const emptyFinding = emptyTwin.find((f) => f.checkId === 'decisions.precomment')!;
    expect([emptyFinding.suggestedPoints, emptyFinding.confidence, emptyFinding.detail.includes('意见征集结果')]).toEqual([0, 'low', true]);
  }, 90_000);
});
