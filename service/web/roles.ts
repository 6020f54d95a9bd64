// Who may open a page: one middleware per route instead of a check at the top of every handler.
import type { MiddlewareHandler } from 'hono';
import type { UserRecord } from '../../store/index.ts';
import type { AuthEnv } from './auth.ts';
import type { PageKit } from './page-kit.ts';

type Role = UserRecord['role'];
export type RoleGuard = (roles: readonly Role[]) => MiddlewareHandler<AuthEnv>;

export const EVALUATORS: readonly Role[] = ['admin', 'evaluator'];
export const EVERYONE: readonly Role[] = ['admin', 'evaluator', 'unit'];
export const UNIT_USERS: readonly Role[] = ['unit'];
export const ADMINS: readonly Role[] = ['admin'];

/**
 * Lets the request through with `c.var.user` set when the logged-in user has one of the roles; sends anyone
 * not logged in to the login page (coming back here afterwards) and answers 403 to a user with another role.
 */
export function roleGuard(kit: PageKit): RoleGuard {
  return (roles) => async (c, next) => {
    const s = c.get('session');
    if (!s) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    if (!roles.includes(s.user.role)) return kit.render(c, '无权访问', '<p>您的账号无权访问此页面。</p>', 403);
    c.set('user', s.user);
    await next();
  };
}
