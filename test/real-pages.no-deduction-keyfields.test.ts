// A 重点领域 column that publishes every content group of its key field in the words of the real 基层政务公开标准目录
// gets no keyfield.coverage deduction. ../shared/real-pages has no such column, so the scenario serves a real-modelled
// fixture (test/fixtures/real-modelled/keyfields/, naming the real pages it is modelled on) as one unit's column under
// its 重点领域 hub on a loopback server and runs it through crawler → store → checks. A twin with one content group
// truly absent gets no full score, so each assertion can fail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unitHome, useUnitPortal } from './helpers/unit-portal.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/real-modelled/keyfields/${name}`, import.meta.url), 'utf8');

const site = useUnitPortal();

const hub = `<!doctype html><html><head><meta charset="utf-8"><title>重点领域信息公开</title></head><body><ul class="sub-nav"><li><a href="/zdly/shjzly/">社会救助</a></li></ul></body></html>`;

/** The 社会救助 keyfield.coverage finding of a unit whose 社会救助 column is `list`, inspected on 2023-12-31. */
async function coverage(list: string) {
  const pages = { '/u/': unitHome([['重点领域信息公开', '/zdly/']]), '/zdly/': hub, '/zdly/shjzly/': list };
  const unit = await site.inspect(pages, { year: 2023, asOf: '2023-12-31', unitClass: 'B', keyFields: ['社会救助'] });
  const found = unit.findings.filter((f) => f.checkId === 'keyfield.coverage' && f.subject === '社会救助');
  return found.map((f) => [f.suggestedPoints, f.confidence, f.detail.split('。')[0]]);
}

// 社会救助领域 标准目录 (宝坻区, 大竹县, 盖州市, 腾冲市荷花镇): 监督检查 is published as 信访通讯地址 and 投诉举报电话.
describe('社会救助 column worded as the 基层政务公开标准目录', () => {
  const list = fixture('shjz-list.html');

  it('reads 信访通讯地址/投诉举报电话 as 监督检查: full score, high confidence', async () => {
    expect(await coverage(list)).toEqual([[3, 'high', '专栏最新一条 2023-11-20（41 天前），所列内容均已公开']]);
  }, 60_000);

  it('twin: without the 办事指南 entry the row is not full and names what is missing', async () => {
    const twin = list.replace(/<li><a [^>]*>最低生活保障办事指南<\/a><span>[^<]*<\/span><\/li>/, '');
    expect(twin).not.toContain('办事指南</a>');
    expect(await coverage(twin)).toEqual([[0, 'low', '未找到以下内容：办事指南']]);
  }, 60_000);
});
