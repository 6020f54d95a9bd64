// link.broken: one finding per page; each broken target counted once per unit, on the first page it appears.
// A link whose answer is positive (the server says the page is not there, the name does not resolve) is high; one that
// failed only by timing out, a 5xx or a refused connection after the retries may be passing trouble: a finding of its
// own per page, low, for a person to open the link again.
import type { LinkObservation } from '../store/index.ts';
import type { Check } from './context.ts';
import type { Finding } from '../model/index.ts';
import { makeFinding } from './finding.ts';
import { homeUnreachable, notCrawled, pageFor } from './observed.ts';
import { deductionPoints, rubricRow } from './rubric-rows.ts';
import { errorLabel } from './site.ts';
import { UNVERIFIED_PREFIX } from './finding-identity.ts';

/** Crawl order of pages: home first, then the order pages were stored, then order of appearance. */
function pageOrder(obs: Parameters<Check['run']>[2], url: string): number {
  if (obs.home && (obs.home.url === url || obs.home.finalUrl === url)) return -1;
  const i = obs.pages.findIndex((p) => p.url === url || p.finalUrl === url);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

/**
 * 4xx statuses that say something about the one who asks rather than the page (RFC 9110 §15.5: 401/403/407 access,
 * 408 request timeout, 425/429 asked too early or too often): a firewall refusing a crawler answers so too.
 */
const NOT_ABOUT_THE_PAGE = new Set([401, 403, 407, 408, 425, 429]);
/** Failures every visitor meets the same way: the host name does not resolve, the redirects never end. */
const POSITIVE_CLASSES = new Set(['dns', 'redirect_loop', 'too_many_redirects']);

/** The answer itself says the link does not work (404/410 and their kind), not only that it did not answer in time. */
function positivelyBroken(l: Pick<LinkObservation, 'errorClass' | 'status'>): boolean {
  if (l.errorClass === 'http_status') return l.status !== null && l.status >= 400 && l.status < 500 && !NOT_ABOUT_THE_PAGE.has(l.status);
  return l.errorClass !== null && POSITIVE_CLASSES.has(l.errorClass);
}

/** The unit's first sighting of each broken target, grouped by page (in crawl order) and by how sure the answer is. */
function brokenByPage(obs: Parameters<Check['run']>[2]): Map<string, { sure: LinkObservation[]; unsure: LinkObservation[] }> {
  const broken = obs.links
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.outcome === 'broken')
    .sort((a, b) => pageOrder(obs, a.l.pageUrl) - pageOrder(obs, b.l.pageUrl) || a.i - b.i)
    .map(({ l }) => l);
  const counted = new Set<string>();
  const byPage = new Map<string, { sure: LinkObservation[]; unsure: LinkObservation[] }>();
  for (const link of broken) {
    if (counted.has(link.target)) continue;
    counted.add(link.target);
    const group = byPage.get(link.pageUrl) ?? { sure: [], unsure: [] };
    (positivelyBroken(link) ? group.sure : group.unsure).push(link);
    byPage.set(link.pageUrl, group);
  }
  return byPage;
}

/** Crawled text in a finding: one line, no quote marks of its own to break the quoting, bounded. */
function linkText(text: string): string {
  const t = text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[“”"]/g, "'")
    .trim();
  return t ? `“${t.slice(0, 80)}”` : '（无文字）';
}

/** Where the page is, in words: the unit's home, a column's own page, or another page of a column. */
function pagePlace(obs: Parameters<Check['run']>[2], pageUrl: string, columnKey: string | null): string {
  if (obs.home && (obs.home.url === pageUrl || obs.home.finalUrl === pageUrl)) return `单位首页 ${pageUrl}`;
  const col = columnKey ? obs.columns.find((c) => c.columnKey === columnKey) : undefined;
  const name = col?.label ?? (columnKey?.includes(':') ? columnKey.slice(columnKey.indexOf(':') + 1) : null);
  if (!name) return `页面 ${pageUrl}`;
  return `栏目“${name}”的${col?.url === pageUrl ? '栏目页' : '页面'} ${pageUrl}`;
}

export const linkBroken: Check = {
  id: 'link.broken',
  family: 'links',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const perLink = deductionPoints(rubricRow(ctx, unit, 'notice.monthly'));
    const out: Finding[] = [];
    for (const [pageUrl, { sure, unsure }] of brokenByPage(obs)) {
      const page = pageFor(obs, pageUrl);
      const place = pagePlace(obs, pageUrl, page?.columnKey ?? null);
      for (const links of [sure, unsure]) {
        if (links.length === 0) continue;
        const certain = links === sure;
        const lines = links.map(
          (l) => `${linkText(l.text)} → ${l.target}：${errorLabel(l.errorClass, l.status)}${l.method ? `（${l.method}）` : ''}`,
        );
        out.push(
          makeFinding(unit, {
            checkId: 'link.broken',
            indicator: 'notice.monthly',
            column: page?.columnKey ?? null,
            subject: certain ? pageUrl : `${UNVERIFIED_PREFIX}${pageUrl}`,
            kind: 'deduction',
            title: certain ? `页面存在 ${links.length} 个无法访问的链接` : `页面有 ${links.length} 个链接暂时无法访问（待核实）`,
            detail: `${place}上的链接经检测（HEAD 被拒时以 GET 复核，重试后）仍无法访问：${lines.join('；')}。属于政府网站检查指标"可用性"中的错链、断链（国办秘函〔2019〕19号）。同一目标在本单位只计一次。`,
            occurrences: links.length,
            suggestedPoints: -perLink * links.length,
            monthly: true,
            ...(certain
              ? { confidenceReason: '服务器明确答复页面不存在（如 HTTP 404/410）或域名无法解析' }
              : {
                  confidence: 'low' as const,
                  confidenceReason: '重试后仍超时、连接失败或服务器出错（5xx、403/429 等），可能是临时故障或拒绝抓取，需人工再次打开确认',
                }),
            evidence: [
              {
                url: pageUrl,
                excerpt: lines.slice(0, 5).join('；'),
                snapshot: page?.contentHash ?? null,
                screenshot: page?.screenshot ?? null,
                fetchedAt: page?.fetchedAt ?? links[0].checkedAt,
              },
            ],
          }),
        );
      }
    }
    return out;
  },
};
