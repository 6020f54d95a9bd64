// The route table: every path the portal answers, resolved to a lazy page renderer.
import type { Column, UnitModel, SiteModel } from './model.ts';
import { columnUrl, detailUrl } from './urls.ts';
import { renderHome } from './render/home.ts';
import { pageCount, renderList } from './render/list.ts';
import { renderArticle, renderDetail } from './render/detail.ts';
import { layout, crumbsFor } from './render/layout.ts';

export type Route =
  | { kind: 'html'; unit: UnitModel; render: () => string }
  | { kind: 'pdf'; unit: UnitModel; serial: number }
  | { kind: 'file'; unit: UnitModel; file: string }; // a committed attachment (sample/attachments/)

/** Route key: path plus the only queries the portal reads (Epoint page, JSP pageNo and content id). */
export function routeKey(pathname: string, search: URLSearchParams): string {
  const page = search.get('page');
  if (page && page !== '1') return `${pathname}?page=${page}`;
  const pageNo = search.get('pageNo');
  if (pageNo && pageNo !== '1') return `${pathname}?pageNo=${pageNo}`;
  const id = search.get('id');
  return id && pathname.endsWith('/content.jsp') ? `${pathname}?id=${id}` : pathname;
}

function addColumn(routes: Map<string, Route>, unit: UnitModel, col: Column, parent?: Column): void {
  if (col.kind === 'article') {
    routes.set(columnUrl(unit, col), { kind: 'html', unit, render: () => renderArticle(unit, col) });
    return;
  }
  const pages = pageCount(unit, col);
  for (let p = 0; p < pages; p++) {
    const url = columnUrl(unit, col, p);
    const render = (): string => renderList(unit, col, p, parent);
    routes.set(url, { kind: 'html', unit, render });
    if (p === 0 && url.endsWith('/')) routes.set(`${url}index.html`, { kind: 'html', unit, render });
  }
  for (const it of col.items) {
    if (it.broken || it.home?.slug !== col.slug) continue;
    for (const a of it.attachments ?? []) routes.set(a.path, { kind: 'file', unit, file: a.file });
    if (it.href) routes.set(it.href, { kind: 'pdf', unit, serial: it.serial });
    else routes.set(detailUrl(unit, it.home, it), { kind: 'html', unit, render: () => renderDetail(unit, col, it) });
  }
  for (const sub of [...(col.subs ?? []), ...(col.places ?? [])]) addColumn(routes, unit, sub, col);
}

function simplePage(unit: UnitModel, title: string, text: string): string {
  return layout(unit, {
    title,
    crumbs: crumbsFor(unit, [{ text: title }]),
    main: `<div class="main"><h2>${title}</h2><p>${text}</p></div>`,
  });
}

export function buildRoutes(site: SiteModel): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const unit of site.units) {
    routes.set(`/zwgk/${unit.id}/`, { kind: 'html', unit, render: () => renderHome(unit) });
    routes.set(`/zwgk/${unit.id}/index.html`, { kind: 'html', unit, render: () => renderHome(unit) });
    for (const col of unit.columns) addColumn(routes, unit, col);
    for (const path of unit.head405Paths) {
      routes.set(path, { kind: 'html', unit, render: () => simplePage(unit, '网上咨询投诉', '请填写咨询投诉内容，我们将及时办理。') });
    }
  }
  return routes;
}

/** Minimal, valid and deterministic PDF for attachment rows. */
export function pdfBytes(serial: number): Buffer {
  const text = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% attachment ${serial}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}
