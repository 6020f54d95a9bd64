// Run history (with the re-check queue and the schedule) and the user list: the evaluators' and admins' back office.
import { Hono } from 'hono';
import { listRechecks, listRuns, listServiceRuns, listUsers } from '../../store/index.ts';
import type { AuthEnv } from './auth.ts';
import { unitName } from './data.ts';
import { csrfOf } from './page-kit.ts';
import { ADMINS, EVALUATORS } from './roles.ts';
import { usersPage } from './views/pages.ts';
import { runsPage } from './views/runs.ts';
import type { WebDeps } from './web-deps.ts';

export function runRoutes({ ctx, opts, kit, role }: WebDeps): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const store = ctx.store;
  r.get('/runs', role(EVALUATORS), (c) =>
    kit.render(
      c,
      '运行记录',
      runsPage(
        listServiceRuns(store, 100),
        listRuns(store, 50),
        listRechecks(store, { limit: 50 }),
        opts.schedule?.() ?? [],
        csrfOf(c),
        (id) => unitName(ctx, id),
      ),
    ),
  );
  r.post('/runs/recheck-now', role(EVALUATORS), (c) => {
    opts.onRecheckQueued?.();
    return c.redirect('/runs?ok=recheck', 303);
  });
  r.get('/admin/users', role(ADMINS), (c) =>
    kit.render(
      c,
      '用户管理',
      usersPage(listUsers(store), (id) => unitName(ctx, id)),
    ),
  );
  return r;
}
