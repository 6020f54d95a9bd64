// Page shell shared by every CMS style: head metadata (政府网站 meta set), header, breadcrumb and footer.
import type { UnitModel } from '../model.ts';
import { escapeHtml } from './escape.ts';

export interface PageParts {
  title: string;
  crumbs: { text: string; href?: string }[];
  main: string;
  meta?: Record<string, string>;
  bodyClass?: string;
}

function charsetMeta(unit: UnitModel): string {
  if (unit.encoding === 'utf-8') return '<meta charset="utf-8">';
  const cs = unit.encoding === 'gbk' ? 'gbk' : 'gb18030';
  return `<meta http-equiv="Content-Type" content="text/html; charset=${cs}">`;
}

export const SITE_NAME = '临猗县人民政府';

export function layout(unit: UnitModel, p: PageParts): string {
  const upper = unit.style === 'wcm';
  const meta = { SiteName: SITE_NAME, SiteDomain: 'www.sxlinyi.gov.cn', SiteIDCode: '1408210001', ...(p.meta ?? {}) };
  const metaTags = Object.entries(meta)
    .map(([k, v]) => `<meta name="${k}" content="${escapeHtml(v)}">`)
    .join('\n');
  const sep = unit.style === 'wcm' ? '&nbsp;&gt;&gt;&nbsp;' : ' &gt; ';
  const crumbs = p.crumbs
    .map((c) => (c.href ? `<a href="${c.href}" class="CurrChnlCls">${escapeHtml(c.text)}</a>` : `<span>${escapeHtml(c.text)}</span>`))
    .join(sep);
  const header = `<div class="header"><div class="logo"><a href="/zwgk/${unit.id}/">${SITE_NAME} · ${escapeHtml(unit.org)}</a></div></div>`;
  const footer = [
    '<div class="footer">',
    `<p>主办单位：临猗县人民政府办公室　承办单位：${escapeHtml(unit.org)}</p>`,
    '<p>网站标识码：1408210001　<a href="https://beian.miit.gov.cn/" target="_blank">晋ICP备05004327号-1</a>　',
    '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=14082102000123" target="_blank">晋公网安备 14082102000123号</a></p>',
    '<p><a href="http://www.gov.cn/" target="_blank">中国政府网</a>　<a href="http://www.shanxi.gov.cn/" target="_blank">山西省人民政府</a></p>',
    '</div>',
  ].join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    charsetMeta(unit),
    `<title>${escapeHtml(p.title)}_${SITE_NAME}</title>`,
    metaTags,
    '<link rel="stylesheet" href="/css/zwgk.css">',
    '<script src="/js/common.js"></script>',
    '</head>',
    `<body${p.bodyClass ? ` class="${p.bodyClass}"` : ''}>`,
    header,
    `<div class="crumb">您的当前位置：${crumbs}</div>`,
    p.main,
    footer,
    '</body>',
    '</html>',
  ].join('\n');
  return upper
    ? html.replace(/<(\/?)(div|p|a|span|table|tr|td|ul|li)\b/g, (_m, slash: string, tag: string) => `<${slash}${tag.toUpperCase()}`)
    : html;
}

export function crumbsFor(unit: UnitModel, trail: { text: string; href?: string }[]): { text: string; href?: string }[] {
  return [{ text: '首页', href: '/' }, { text: '政府信息公开', href: `/zwgk/${unit.id}/` }, ...trail];
}
