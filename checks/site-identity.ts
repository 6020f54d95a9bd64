// Site identity and function marks of the home page: 网站标识 (19号 D4 / 47号 S7), 域名 (S1), 搜索, 找错 entry, HTTPS.
import type { Evidence } from '../model/index.ts';
import type { MarkFound, SiteObservation } from '../store/index.ts';
import { makeSiteFinding } from './site-finding.ts';
import type { SiteCheckInput, SiteFinding } from './site-types.ts';

const IDENTITY_MARKS: { key: 'siteCode' | 'icp' | 'police' | 'sponsor' | 'contact'; label: string }[] = [
  { key: 'siteCode', label: '网站标识码' },
  { key: 'icp', label: 'ICP备案编号' },
  { key: 'police', label: '公安机关备案标识' },
  { key: 'sponsor', label: '主办/承办单位' },
  { key: 'contact', label: '联系方式' },
];

function homeEvidence(obs: SiteObservation, excerpt: string): Evidence {
  return { url: obs.finalUrl || obs.homeUrl, excerpt, snapshot: obs.contentHash, fetchedAt: obs.observedAt };
}

/** Absence is certain only when the static HTML carries a footer that no script writes. */
function absenceConfidence(obs: SiteObservation): 'high' | 'low' {
  return obs.facts && obs.facts.footerFound && !obs.facts.scriptFooter ? 'high' : 'low';
}

function absenceNote(obs: SiteObservation): string {
  if (!obs.facts?.footerFound) return '未找到页面底部版权信息区，可能由脚本生成，需人工核查。';
  if (obs.facts.scriptFooter) return '页面底部可能由脚本写入，需在浏览器中人工核查。';
  return '';
}

export function checkIdentity(input: SiteCheckInput): SiteFinding[] {
  const obs = input.observation;
  if (!obs?.ok || !obs.facts) return [];
  const out: SiteFinding[] = [];
  for (const mark of IDENTITY_MARKS) {
    if (obs.facts[mark.key]) continue;
    out.push(
      makeSiteFinding(input.site, input.table, {
        checkId: 'site.identity',
        effect: 'deduction',
        subject: mark.label,
        title: `${input.site.name}首页未展示${mark.label}`,
        detail: `首页 ${obs.homeUrl} 未找到${mark.label}。政府网站须在页面底部展示网站标识码、ICP备案编号、公安机关备案标识、主办/承办单位及联系方式（国办发〔2017〕47号；19号"网站标识"）。${absenceNote(obs)}`,
        confidence: absenceConfidence(obs),
        evidence: [homeEvidence(obs, `检查的页面标题：${obs.facts.title ?? '（无）'}`)],
      }),
    );
  }
  // 党政机关网站标识: the requirement itself is unverified (domain-rules §5 S7 ⚠), so its absence is a hint, never a deduction.
  if (!obs.facts.conac) {
    out.push(
      makeSiteFinding(input.site, input.table, {
        checkId: 'site.identity',
        effect: 'info',
        subject: '党政机关网站标识',
        title: `${input.site.name}首页未发现党政机关网站标识`,
        detail: `首页 ${obs.homeUrl} 未找到党政机关网站标识（开办单位经机构编制部门审核后取得的"党政机关"标识）。该项要求尚未与原文核实，仅作提示，不扣分。${absenceNote(obs)}`,
        confidence: 'low',
        unverified: ['党政机关网站标识要求（未核实）'],
        evidence: [homeEvidence(obs, `检查的页面标题：${obs.facts.title ?? '（无）'}`)],
      }),
    );
  }
  return out;
}

export function found(m: MarkFound | null): string {
  return m ? `${m.value ?? ''}（${m.excerpt}）` : '未找到';
}

export function checkDomain(input: SiteCheckInput): SiteFinding[] {
  const host = new URL(input.site.home).hostname.toLowerCase();
  if (host.endsWith('.gov.cn')) return [];
  return [
    makeSiteFinding(input.site, input.table, {
      checkId: 'site.domain',
      effect: 'deduction',
      subject: host,
      title: `${input.site.name}未使用 .gov.cn 域名`,
      detail: `网站地址 ${input.site.home} 的域名 ${host} 不以 .gov.cn 结尾；政府网站应使用 gov.cn 域名，部门网站使用门户网站的下级域名（国办发〔2017〕47号）。`,
      evidence: [{ url: input.site.home, excerpt: host, snapshot: null, fetchedAt: input.observation?.observedAt ?? null }],
    }),
  ];
}

function featureMissing(
  input: SiteCheckInput,
  checkId: 'site.search' | 'site.error-report-entry',
  label: string,
  rule: string,
): SiteFinding[] {
  const obs = input.observation;
  if (!obs?.ok || !obs.facts) return [];
  const mark = checkId === 'site.search' ? obs.facts.search : obs.facts.errorReport;
  if (mark) return [];
  return [
    makeSiteFinding(input.site, input.table, {
      checkId,
      effect: 'deduction',
      subject: label,
      title: `${input.site.name}首页未发现${label}`,
      detail: `首页 ${obs.homeUrl} 未找到${label}。${rule}${obs.facts.scriptFooter || !obs.facts.footerFound ? '页面部分内容可能由脚本生成，需人工核查。' : ''}`,
      confidence: obs.facts.scriptFooter || !obs.facts.footerFound ? 'low' : 'high',
      evidence: [homeEvidence(obs, `页面标题：${obs.facts.title ?? '（无）'}`)],
    }),
  ];
}

export const checkSearch = (input: SiteCheckInput) => featureMissing(input, 'site.search', '站内搜索', '19号"功能设计"要求提供站内搜索。');
export const checkErrorReport = (input: SiteCheckInput) =>
  featureMissing(
    input,
    'site.error-report-entry',
    '"我为政府网站找错"入口',
    '政府网站首页应设置"我为政府网站找错"监督举报入口（19号"功能设计"；国办函〔2017〕47号）。',
  );

export function checkHttps(input: SiteCheckInput): SiteFinding[] {
  const obs = input.observation;
  if (!obs || new URL(obs.finalUrl || obs.homeUrl).protocol === 'https:') return [];
  if (obs.httpsOk === true) {
    return [
      makeSiteFinding(input.site, input.table, {
        checkId: 'site.https',
        effect: 'info',
        subject: input.site.home,
        title: `${input.site.name}可通过 HTTPS 访问，但首页地址仍为 http`,
        detail: `https 地址可以打开，而 ${obs.homeUrl} 未跳转到 https；建议将 http 访问跳转到 https。`,
        confidence: 'high',
        evidence: [homeEvidence(obs, obs.homeUrl)],
      }),
    ];
  }
  return [
    makeSiteFinding(input.site, input.table, {
      checkId: 'site.https',
      effect: 'deduction',
      subject: input.site.home,
      title: `${input.site.name}未提供 HTTPS 访问`,
      detail: `首页 ${obs.homeUrl} 以 http 提供${obs.httpsOk === false ? '，对应的 https 地址无法打开' : '，未能检查 https 地址'}。`,
      confidence: obs.httpsOk === false ? 'high' : 'low',
      unverified: ['HTTPS 扣分要求（未核实）'],
      evidence: [homeEvidence(obs, obs.homeUrl)],
    }),
  ];
}
