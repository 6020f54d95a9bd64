// The county portal's own home and one department's site of its own, for the 19号 site-level checks (issue 19).
// Each variant is data: which footer marks it shows, whether its news stops, which item it back-dates and what
// share of its home requests fail. Pages depend on the portal's "site day" (settable, so a test or the demo can
// read the home on two days) and on a per-home request counter (the failure share is exact per 100 requests).
import { addDays, days } from './dates.ts';
import { escapeHtml } from './render/escape.ts';

export interface PortalSiteVariant {
  id: string; // the site id of the county config (portal) or the unit id (a unit's own site)
  path: string; // home path on the sample server
  kind: '门户' | '部门';
  name: string;
  sponsor: string;
  marks: { siteCode: boolean; icp: boolean; police: boolean; conac: boolean };
  search: boolean;
  errorReport: boolean;
  newsStopsDaysBefore: number | null; // the newest item is this many days before the sample's asOf, whatever the day
  backdated: { shownFromDaysBefore: number; datedDaysBefore: number } | null; // published late with an old date
  failPercent: number; // of every 100 requests of the home, this many fail with 503
}

export const SITE_CODE = '1408210001';
export const PORTAL_SITES: PortalSiteVariant[] = [
  {
    id: 'portal',
    path: '/portal/',
    kind: '门户',
    name: '临猗县人民政府（示例）',
    sponsor: '临猗县人民政府办公室',
    marks: { siteCode: true, icp: true, police: true, conac: true },
    search: true,
    errorReport: true,
    newsStopsDaysBefore: null,
    backdated: { shownFromDaysBefore: 7, datedDaysBefore: 45 },
    failPercent: 4,
  },
  {
    id: 'jiaoyu',
    path: '/dept/jiaoyu/',
    kind: '部门',
    name: '临猗县教育局（示例）',
    sponsor: '临猗县教育局',
    marks: { siteCode: false, icp: false, police: false, conac: false },
    search: false,
    errorReport: false,
    newsStopsDaysBefore: 20,
    backdated: null,
    failPercent: 6,
  },
];

const NEWS = [
  '召开常务会议研究部署重点工作',
  '开展安全生产大检查',
  '推进优化营商环境工作',
  '举行冬季供暖保障调度会',
  '部署秋冬季农业生产',
  '开展政务公开专项培训',
  '召开民生实事推进会',
  '开展城乡环境整治行动',
];

/**
 * Dated news of the home on `day`, newest first: one item on every other day of a fixed calendar (even days from
 * asOf), so an item keeps its date from day to day; frozen where the variant's news stops.
 */
function newsItems(v: PortalSiteVariant, asOf: string, day: string): { date: string; title: string; slug: string }[] {
  const last = v.newsStopsDaysBefore === null ? day : [day, addDays(asOf, -v.newsStopsDaysBefore)].sort()[0];
  const newest = addDays(last, -(((days(last, asOf) % 2) + 2) % 2));
  const items = Array.from({ length: 8 }, (_, i) => {
    const date = addDays(newest, -2 * i);
    const topic = (((days(date, asOf) / 2) % NEWS.length) + NEWS.length) % NEWS.length; // fixed by the date: the same item every day
    return { date, title: `${v.sponsor.replace(/^临猗县/, '')}${NEWS[topic]}`, slug: `${date.replaceAll('-', '')}-${topic}` };
  });
  if (v.backdated && day >= addDays(asOf, -v.backdated.shownFromDaysBefore)) {
    const date = addDays(asOf, -v.backdated.datedDaysBefore);
    items.splice(1, 0, { date, title: '关于进一步做好政府信息主动公开工作的通知', slug: `${date.replaceAll('-', '')}-notice` });
  }
  return items;
}

function footer(v: PortalSiteVariant): string {
  const parts = [
    `<p>主办：${escapeHtml(v.sponsor)}　联系电话：0359-4012345　版权所有</p>`,
    v.marks.siteCode ? `<p>网站标识码：${SITE_CODE}</p>` : '',
    v.marks.icp ? '<p><a href="https://beian.miit.gov.cn/" target="_blank">晋ICP备00000001号-1</a></p>' : '',
    // Image-only badge: the number is only in the link, as on many county portals.
    v.marks.police
      ? '<p><a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=14082102000001" target="_blank"><img src="/images/dot.gif" alt=""></a></p>'
      : '',
    v.marks.conac ? '<span id="_ideConac"></span>' : '',
    v.errorReport ? `<script id="_jiucuo_" sitecode="${SITE_CODE}" src="https://pucha.kaipuyun.cn/exposure/jiucuo.js"></script>` : '',
  ];
  return `<div class="footer">${parts.filter(Boolean).join('\n')}</div>`;
}

export function renderPortalHome(v: PortalSiteVariant, asOf: string, day: string): string {
  const news = newsItems(v, asOf, day)
    .map((n) => `<li><a href="${v.path}xwdt/${n.slug}.html">${escapeHtml(n.title)}</a><span>${n.date}</span></li>`)
    .join('\n');
  const search = v.search
    ? `<form action="${v.path}search/" method="get"><input type="text" name="q"><input type="submit" value="搜索"></form>`
    : '';
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(v.name)}</title></head><body>
<div class="top"><h1>${escapeHtml(v.name)}</h1>${search}</div>
<div class="nav"><a href="${v.path}">首页</a> <a href="${v.path}xwdt/">新闻动态</a> <a href="/zwgk/">政府信息公开</a></div>
<div class="news"><h2>新闻动态</h2><ul>
${news}
</ul></div>
${footer(v)}
</body></html>`;
}

export interface PortalSiteServer {
  /** The page for a path of a site variant, or null when the path is not one of them. */
  handle(path: string): { status: number; html: string } | null;
  setDay(day: string): void;
}

export function portalSites(asOf: string): PortalSiteServer {
  let day = asOf;
  const hits = new Map<string, number>();
  return {
    setDay: (d) => {
      day = d;
    },
    handle(path) {
      const v = PORTAL_SITES.find((x) => path === x.path || path === `${x.path}index.html`);
      if (v) {
        const n = (hits.get(v.id) ?? 0) + 1;
        hits.set(v.id, n);
        // Request n fails when it crosses a whole failure: exactly failPercent of every 100 requests.
        if (Math.floor((n * v.failPercent) / 100) > Math.floor(((n - 1) * v.failPercent) / 100)) {
          return { status: 503, html: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>' };
        }
        return { status: 200, html: renderPortalHome(v, asOf, day) };
      }
      const article = PORTAL_SITES.find((x) => path.startsWith(`${x.path}xwdt/`));
      if (!article) return null;
      return {
        status: 200,
        html: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(article.name)}</title></head><body><h1>新闻动态</h1><p>示例内容。</p></body></html>`,
      };
    },
  };
}
