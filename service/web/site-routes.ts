// 网站监测 (/sites, /sites/:site): the 19号 self-check of the portal and of units with a site of their own, for the office.
import { Hono } from 'hono';
import { listReportFiles } from '../reports.ts';
import type { AuthEnv } from './auth.ts';
import { EVALUATORS } from './roles.ts';
import { siteList, siteStatus } from './site-status.ts';
import { sitePage, sitesPage } from './views/sites.ts';
import type { WebDeps } from './web-deps.ts';

export function siteRoutes({ ctx, kit, role }: WebDeps): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  r.get('/sites', role(EVALUATORS), (c) => {
    const files = listReportFiles(ctx);
    return kit.render(c, '网站监测', sitesPage(siteList(ctx).map((s) => siteStatus(ctx, s, files))));
  });
  r.get('/sites/:site', role(EVALUATORS), (c) => {
    const site = siteList(ctx).find((s) => s.id === c.req.param('site'));
    if (!site) return kit.notFound(c);
    return kit.render(c, `${site.name}：网站监测`, sitePage(siteStatus(ctx, site)));
  });
  return r;
}
