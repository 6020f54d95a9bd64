// Report downloads: by month, final versions apart from drafts, one zip per month. A unit sees only the final
// versions addressed to it; evaluators see everything and may regenerate.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { latestCompleteRun, type UserRecord } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { generateRunReports, listReportFiles, resolveReportFile, type ReportFile } from '../reports.ts';
import { isDraftReport, reportMonths, zipReports } from '../report-months.ts';
import type { AuthEnv } from './auth.ts';
import { MONTH_RE } from './data.ts';
import { csrfOf } from './page-kit.ts';
import { EVALUATORS, EVERYONE, UNIT_USERS } from './roles.ts';
import { reportMonthsPage } from './views/report-months.ts';
import type { WebDeps } from './web-deps.ts';

/** The files a user may download: a unit only its own final 整改通知单 (and nothing under review). */
function visibleMonths(ctx: ServiceContext, u: UserRecord) {
  const files = listReportFiles(ctx).filter((f: ReportFile) => u.role !== 'unit' || f.unitId === u.unitId);
  return reportMonths(ctx, files)
    .map((m) => (u.role === 'unit' ? { ...m, draft: [] } : m))
    .filter((m) => m.final.length + m.draft.length > 0);
}

export function reportRoutes({ ctx, kit, role }: WebDeps): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  r.get('/reports', role(EVALUATORS), (c) =>
    kit.render(c, '报告下载', reportMonthsPage(visibleMonths(ctx, c.get('user')), csrfOf(c), true)),
  );
  r.get('/unit/reports', role(UNIT_USERS), (c) =>
    kit.render(c, '本单位报告', reportMonthsPage(visibleMonths(ctx, c.get('user')), null, false)),
  );
  r.get('/reports/month/:file', role(EVERYONE), async (c) => {
    const m = /^(\d{4}-\d{2})-(final|draft)\.zip$/.exec(c.req.param('file'));
    const month = m && MONTH_RE.test(m[1]) ? visibleMonths(ctx, c.get('user')).find((x) => x.month === m[1]) : undefined;
    const files = month ? (m![2] === 'final' ? month.final : month.draft) : [];
    if (files.length === 0) return kit.notFound(c);
    const [y, mo] = m![1].split('-').map(Number);
    const name = `${y}年${mo}月检查报告${m![2] === 'final' ? '' : '（审核稿）'}.zip`;
    return c.body(new Uint8Array(await zipReports(ctx, files)), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="reports-${m![1]}-${m![2]}.zip"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });
  r.post('/reports/generate', role(EVALUATORS), async (c) => {
    const run = latestCompleteRun(ctx.store, 'inspection');
    if (!run) return c.redirect('/reports?error=no-run', 303);
    await generateRunReports(ctx, run.id);
    return c.redirect('/reports?ok=reports', 303);
  });
  r.get('/reports/file', role(EVERYONE), (c) => {
    const u = c.get('user');
    const file = resolveReportFile(ctx, c.req.query('path') ?? '');
    // a unit gets only the final versions addressed to it
    if (!file || (u.role === 'unit' && (file.unitId !== u.unitId || isDraftReport(file)))) return kit.notFound(c);
    const name = file.path.split('/').pop()!;
    const body = readFileSync(resolve(ctx.outDir, 'reports', file.path));
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="report${name.slice(name.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });
  return r;
}
