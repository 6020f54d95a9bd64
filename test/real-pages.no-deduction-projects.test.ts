// A 重大建设项目 hub whose sub-columns carry real portals' own names gets no majorprojects.missing deduction.
// Names, each seen on a real portal:
// - 项目批准文件 (批准结果): 闽侯县 minhou.gov.cn, column path …/zwgk/zdlyxxgk/zdxm/xmpzwj/ (xmpzwj = 项目批准文件), item
//   http://minhou.gov.cn/xjwz/zwgk/zdlyxxgk/zdxm/xmpzwj/xmsh/202502/t20250206_4972039.htm (侯发改审批〔2025〕26号
//   函复, a 项目建议书 approval).
// - the other seven (批准服务信息, 招标投标信息, 征收土地信息, 重大设计变更信息, 施工有关信息, 质量安全监督信息,
//   竣工有关信息): the 标准目录's 一级事项 as recorded in ../shared/docs/domain-rules.md §9 (施工有关信息 also reported
//   for 闽清县 mingqing.gov.cn's hub, not re-seen here). The item titles follow the 闽侯 item above.
// The hub markup is a plain left-nav list (the real hubs' markup was not available); the wording is the real one.
// A twin whose 项目批准文件 sub-column is absent is deducted, so the assertion can fail.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/index.ts';
import { unitHome, useUnitPortal } from './helpers/unit-portal.ts';

const site = useUnitPortal();

const SUBS: [label: string, slug: string, title: string][] = [
  ['批准服务信息', 'pzfw', '闽侯县企业投资项目核准办事指南'],
  ['项目批准文件', 'xmpzwj', '关于青口镇域水毁河道护岸修复项目建议书的函复'],
  ['招标投标信息', 'zbtb', '青口镇域水毁河道护岸修复项目招标公告'],
  ['征收土地信息', 'zstd', '闽侯县2023年度第五批次建设用地征收土地公告'],
  ['重大设计变更信息', 'sjbg', '县道护岸修复工程设计变更批复'],
  ['施工有关信息', 'sgyg', '青口镇域水毁河道护岸修复项目施工进度情况'],
  ['质量安全监督信息', 'zlaq', '2023年第三季度在建工程质量安全监督检查情况通报'],
  ['竣工有关信息', 'jgys', '青口镇域水毁河道护岸修复项目竣工验收情况公示'],
];

const list = (label: string, slug: string, title: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${label}</title></head><body><div class="position">当前位置：首页 &gt; 重大建设项目 &gt; ${label}</div><div class="list"><ul><li><a href="/u/zdxm/${slug}/202309/t20230915_1.htm">${title}</a><span>2023-09-15</span></li></ul></div></body></html>`;

const detail = (title: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><div class="info">发布时间：2023-09-15</div><div class="content"><p>${title}。</p></div></body></html>`;

function portal(subs: typeof SUBS): Record<string, string> {
  const pages: Record<string, string> = {
    '/u/': unitHome([['重大建设项目', '/u/zdxm/']]),
    '/u/zdxm/': unitHome(subs.map(([label, slug]) => [label, `/u/zdxm/${slug}/`])),
  };
  for (const [label, slug, title] of subs) {
    pages[`/u/zdxm/${slug}/`] = list(label, slug, title);
    pages[`/u/zdxm/${slug}/202309/t20230915_1.htm`] = detail(title);
  }
  return pages;
}

const missing = (findings: Finding[]) => findings.filter((f) => f.checkId === 'majorprojects.missing').map((f) => f.subject);

describe('重大建设项目 hub with real sub-column names (majorprojects.missing)', () => {
  it('recognises 项目批准文件 as 批准结果 and 施工有关信息 as 施工: no deduction for a B unit', async () => {
    const { findings } = await site.inspect(portal(SUBS), { year: 2023, asOf: '2023-12-31', unitClass: 'B' });
    expect(missing(findings)).toEqual([]);
  }, 90_000);

  it('the twin without its 项目批准文件 sub-column is deducted for 批准结果 only', async () => {
    const twin = SUBS.filter(([label]) => label !== '项目批准文件');
    const { findings } = await site.inspect(portal(twin), { year: 2023, asOf: '2023-12-31', unitClass: 'B' });
    expect(missing(findings)).toEqual(['批准结果']);
  }, 90_000);
});
