// What the site-level 19号 checks must find on the sample's own sites (sample/portal-site.ts), after the demo's
// sequence: a first read of each home 14 days before asOf, a week of probes (24 a day, ending on asOf) with
// the site day following the probes, and the inspection's read on asOf. The sample runs on 127.0.0.1 over plain
// http, so site.domain and site.https are true findings on both sites.
export interface SiteTruthEntry {
  siteId: string;
  checkId: string;
  effect: 'veto' | 'warning' | 'deduction' | 'info';
  confidence: 'high' | 'low';
  count: number;
  why: string;
}

export const SAMPLE_SITE_TRUTH: SiteTruthEntry[] = [
  {
    siteId: 'portal',
    checkId: 'site.availability',
    effect: 'warning',
    confidence: 'high',
    count: 1,
    why: '首页每 100 次请求失败 4 次：一周 168 次探测失败 6 次（3.6%），达预警线未达否决线',
  },
  {
    siteId: 'portal',
    checkId: 'site.backdated',
    effect: 'veto',
    confidence: 'low',
    count: 1,
    why: '检查日前 7 天才出现、却标注为检查日前 45 天的通知',
  },
  {
    siteId: 'portal',
    checkId: 'site.domain',
    effect: 'deduction',
    confidence: 'high',
    count: 1,
    why: '示例运行在 127.0.0.1，不是 .gov.cn 域名',
  },
  { siteId: 'portal', checkId: 'site.https', effect: 'deduction', confidence: 'high', count: 1, why: '示例只提供 http' },
  {
    siteId: 'jiaoyu',
    checkId: 'site.availability',
    effect: 'veto',
    confidence: 'high',
    count: 1,
    why: '首页每 100 次请求失败 6 次：一周 168 次探测失败 10 次（6.0%）',
  },
  { siteId: 'jiaoyu', checkId: 'site.home-stale', effect: 'veto', confidence: 'high', count: 1, why: '最新信息为检查日前 20 天' },
  {
    siteId: 'jiaoyu',
    checkId: 'site.identity',
    effect: 'deduction',
    confidence: 'high',
    count: 3,
    why: '页脚无网站标识码、ICP备案编号、公安机关备案标识',
  },
  {
    siteId: 'jiaoyu',
    checkId: 'site.identity',
    effect: 'info',
    confidence: 'low',
    count: 1,
    why: '无党政机关网站标识（该项要求未核实，只提示）',
  },
  { siteId: 'jiaoyu', checkId: 'site.domain', effect: 'deduction', confidence: 'high', count: 1, why: '示例运行在 127.0.0.1' },
  { siteId: 'jiaoyu', checkId: 'site.search', effect: 'deduction', confidence: 'high', count: 1, why: '首页无搜索框' },
  {
    siteId: 'jiaoyu',
    checkId: 'site.error-report-entry',
    effect: 'deduction',
    confidence: 'high',
    count: 1,
    why: '首页无"我为政府网站找错"入口',
  },
  { siteId: 'jiaoyu', checkId: 'site.https', effect: 'deduction', confidence: 'high', count: 1, why: '示例只提供 http' },
];
