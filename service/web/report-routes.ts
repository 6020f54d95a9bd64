// Report downloads: by month, final versions apart from drafts, one zip per month. A unit sees only the final
// versions addressed to it; evaluators see everything and may regenerate.
import type { Context, Hono } from 'hono';
import type { UserRecord } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { listReportFiles, type ReportFile } from '../reports.ts';
import { reportMonths, zipReports } from '../report-months.ts';
import type { AuthEnv } from './auth.ts';
import { MONTH_RE } from './data.ts';
import type { RouteDeps } from './queue-routes.ts';
import { reportMonthsPage } from './views/report-months.ts';

type NotFound = (c: Context<AuthEnv>) => Response | Promise<Response>;

/** The files a user may download: a unit only its own final 整改通知单 (and nothing under review). */
function visibleMonths(ctx: ServiceContext, u: UserRecord) {
  const files = listReportFiles(ctx).filter((f: ReportFile) => u.role !== 'unit' || f.unitId === u.unitId);
  return reportMonths(ctx, files).map((m) => (u.role === 'unit' ? { ...m, draft: [] } : m)).filter((m) => m.final.length + m.draft.length > 0);
}

export function registerReportRoutes(app: Hono<AuthEnv>, ctx: ServiceContext, deps: RouteDeps & { notFound: NotFound }): void {
  app.get('/reports', (c) => {
    const u = deps.guard(c, ['admin', 'evaluator']);
    if (u instanceof Response) return u;
    return deps.render(c, '报告下载', reportMonthsPage(visibleMonths(ctx, u), c.get('session')!.csrfToken, true));
  });
  app.get('/unit/reports', (c) => {
    const u = deps.guard(c, ['unit']);
    if (u instanceof Response) return u;
    return deps.render(c, '本单位报告', reportMonthsPage(visibleMonths(ctx, u), null, false));
  });
  app.get('/reports/month/:file', async (c) => {
    const u = deps.guard(c, ['admin', 'evaluator', 'unit']);
    if (u instanceof Response) return u;
    const m = /^(\d{4}-\d{2})-(final|draft)\.zip$/.exec(c.req.param('file'));
    const month = m && MONTH_RE.test(m[1]) ? visibleMonths(ctx, u).find((x) => x.month === m[1]) : undefined;
    const files = month ? (m![2] === 'final' ? month.final : month.draft) : [];
    if (files.length === 0) return deps.notFound(c);
    const [y, mo] = m![1].split('-').map(Number);
    const name = `${y}年${mo}月检查报告${m![2] === 'final' ? '' : '（审核稿）'}.zip`;
    return c.body(new Uint8Array(await zipReports(ctx, files)), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="reports-${m![1]}-${m![2]}.zip"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });
}
