// 网站监测 (/sites, /sites/:site): the 19号 self-check of the portal and of units with a site of their own, for the office.
import type { Context, Hono } from 'hono';
import type { UserRecord } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { listReportFiles } from '../reports.ts';
import type { AuthEnv } from './auth.ts';
import { siteList, siteStatus } from './site-status.ts';
import { sitePage, sitesPage } from './views/sites.ts';

export interface SiteRouteDeps {
  guard: (c: Context<AuthEnv>, roles: UserRecord['role'][]) => UserRecord | Response;
  render: (c: Context<AuthEnv>, title: string, body: string, status?: 200 | 400 | 403 | 404, error?: string) => Response | Promise<Response>;
  notFound: (c: Context<AuthEnv>) => Response | Promise<Response>;
}

const OFFICE: UserRecord['role'][] = ['admin', 'evaluator'];

export function registerSiteRoutes(app: Hono<AuthEnv>, ctx: ServiceContext, deps: SiteRouteDeps): void {
  app.get('/sites', (c) => {
    const u = deps.guard(c, OFFICE);
    if (u instanceof Response) return u;
    const files = listReportFiles(ctx);
    return deps.render(c, '网站监测', sitesPage(siteList(ctx).map((s) => siteStatus(ctx, s, files))));
  });
  app.get('/sites/:site', (c) => {
    const u = deps.guard(c, OFFICE);
    if (u instanceof Response) return u;
    const site = siteList(ctx).find((s) => s.id === c.req.param('site'));
    if (!site) return deps.notFound(c);
    return deps.render(c, `${site.name}：网站监测`, sitePage(siteStatus(ctx, site)));
  });
}
