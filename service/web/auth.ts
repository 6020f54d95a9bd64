import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { getSession, type SessionRecord, type Store, type UserRecord } from '../../store/index.ts';

export const SESSION_COOKIE = 'zwgk_session';

export interface AuthEnv {
  /** `user` is set by the role middleware (web/roles.ts, web/api.ts) on the routes it guards, and only there. */
  Variables: { session: SessionRecord | null; user: UserRecord };
}

interface CookiePolicy {
  secure: boolean;
}

/** Loads the session named by the cookie (if any) into c.var.session. */
export function sessionMiddleware(store: Store, now: () => Date): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('session', token ? getSession(store, token, now()) : null);
    await next();
  };
}

export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number, policy: CookiePolicy): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: policy.secure, path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context, policy: CookiePolicy): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: policy.secure });
}

/**
 * The one place that decides whether a user may see a unit's data. Evaluators and admins see every unit;
 * a unit user only its own. Pages and /api/ both ask this.
 */
export function canAccessUnit(user: UserRecord, unitId: string): boolean {
  if (user.role === 'admin' || user.role === 'evaluator') return true;
  return user.role === 'unit' && user.unitId === unitId;
}

export function isEvaluator(user: UserRecord): boolean {
  return user.role === 'admin' || user.role === 'evaluator';
}
