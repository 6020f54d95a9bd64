// The unit view: /unit for a unit's own account, /units/:unit for evaluators (the same page, scoped by canAccessUnit),
// and the unit's 自查 (self-check) requests.
import { Hono, type Context } from 'hono';
import { listRechecks, listRuns, queueRecheck } from '../../store/index.ts';
import { rectifyDeadline } from '../reports.ts';
import { selfcheckRefusal } from '../selfcheck-limits.ts';
import { canAccessUnit, type AuthEnv } from './auth.ts';
import { unitName, visibleFindings } from './data.ts';
import { csrfOf } from './page-kit.ts';
import { recheckStatuses } from './recheck-status.ts';
import { EVERYONE, UNIT_USERS } from './roles.ts';
import { unitTrend } from './unit-trend.ts';
import { selfcheckPage } from './views/pages.ts';
import { rechecksTable } from './views/runs.ts';
import { unitPage } from './views/unit.ts';
import type { WebDeps } from './web-deps.ts';

export function unitRoutes({ ctx, opts, kit, role }: WebDeps): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const page = (c: Context<AuthEnv>, unitId: string, isUnitUser: boolean) => {
    const u = c.get('user');
    // bonus nominations are the evaluators' business until confirmed
    const findings = visibleFindings(ctx, u, { unitId }).filter((f) => f.unitId === unitId && (!isUnitUser || f.kind !== 'bonus'));
    const runs = listRuns(ctx.store, 10_000).filter((x) => x.asOf.startsWith(`${ctx.config.year}-`));
    return kit.render(
      c,
      `${unitName(ctx, unitId)}：${isUnitUser ? '本单位问题' : '单位情况'}`,
      unitPage({
        unitId,
        unitName: unitName(ctx, unitId),
        findings,
        rechecks: recheckStatuses(ctx.store, unitId, findings),
        trend: unitTrend(findings, runs),
        deadline: (f) => rectifyDeadline(ctx, f.asOf),
        isUnitUser,
      }),
    );
  };
  r.get('/unit', role(UNIT_USERS), (c) => page(c, c.get('user').unitId!, true));
  r.get('/units/:unit', role(EVERYONE), (c) => {
    const u = c.get('user');
    const unitId = c.req.param('unit');
    if (!ctx.config.units.some((x) => x.id === unitId) || !canAccessUnit(u, unitId)) return kit.notFound(c);
    return page(c, unitId, u.role === 'unit');
  });

  r.get('/unit/selfcheck', role(UNIT_USERS), (c) => {
    const rechecks = listRechecks(ctx.store, { unitId: c.get('user').unitId! });
    return kit.render(
      c,
      '自查',
      selfcheckPage(
        rechecks,
        csrfOf(c),
        rechecksTable(rechecks, (id) => unitName(ctx, id)),
      ),
    );
  });
  r.post('/unit/selfcheck', role(UNIT_USERS), (c) => {
    const u = c.get('user');
    const refused = selfcheckRefusal(ctx, u.unitId!);
    if (refused) return c.redirect(`/unit/selfcheck?error=${refused}`, 303);
    queueRecheck(ctx.store, { unitId: u.unitId!, reason: 'selfcheck', by: u.displayName, at: ctx.now().toISOString() });
    opts.onRecheckQueued?.();
    return c.redirect('/unit/selfcheck?ok=selfcheck', 303);
  });
  return r;
}
