// The unit view: /unit for a unit's own account, /units/:unit for evaluators (the same page, scoped by canAccessUnit).
import type { Context, Hono } from 'hono';
import { listRuns } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { rectifyDeadline } from '../reports.ts';
import { canAccessUnit, type AuthEnv } from './auth.ts';
import { unitName, visibleFindings } from './data.ts';
import type { RouteDeps } from './queue-routes.ts';
import { recheckStatuses } from './recheck-status.ts';
import { unitTrend } from './unit-trend.ts';
import { unitPage } from './views/unit.ts';

export function registerUnitRoutes(app: Hono<AuthEnv>, ctx: ServiceContext, deps: RouteDeps & { notFound: (c: Context<AuthEnv>) => Response | Promise<Response> }): void {
  const page = (c: Context<AuthEnv>, unitId: string, isUnitUser: boolean) => {
    const u = c.get('session')!.user;
    // bonus nominations are the evaluators' business until confirmed
    const findings = visibleFindings(ctx, u, { unitId }).filter((f) => f.unitId === unitId && (!isUnitUser || f.kind !== 'bonus'));
    const runs = listRuns(ctx.store, 10_000).filter((r) => r.asOf.startsWith(`${ctx.config.year}-`));
    return deps.render(c, `${unitName(ctx, unitId)}：${isUnitUser ? '本单位问题' : '单位情况'}`, unitPage({
      unitId, unitName: unitName(ctx, unitId), findings, rechecks: recheckStatuses(ctx.store, unitId, findings), trend: unitTrend(findings, runs),
      deadline: (f) => rectifyDeadline(ctx, f.asOf), isUnitUser,
    }));
  };
  app.get('/unit', (c) => {
    const u = deps.guard(c, ['unit']);
    if (u instanceof Response) return u;
    return page(c, u.unitId!, true);
  });
  app.get('/units/:unit', (c) => {
    const u = deps.guard(c, ['admin', 'evaluator', 'unit']);
    if (u instanceof Response) return u;
    const unitId = c.req.param('unit');
    if (!ctx.config.units.some((x) => x.id === unitId) || !canAccessUnit(u, unitId)) return deps.notFound(c);
    return page(c, unitId, u.role === 'unit');
  });
}
