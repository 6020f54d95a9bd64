import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from './auth.ts';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The origin a browser on this site sends: scheme, host and port. Behind an HTTPS proxy (secure cookies) the
 * scheme is https even though the proxy talks plain HTTP to us. Ports are normalised (http://h:80 is http://h).
 */
function expectedOrigin(requestUrl: string, host: string, secure: boolean): string | null {
  try {
    const scheme = secure ? 'https:' : new URL(requestUrl).protocol;
    return new URL(`${scheme}//${host}`).origin;
  } catch {
    return null;
  }
}

function sameOrigin(origin: string, expected: string | null): boolean {
  if (!expected) return false;
  try {
    return new URL(origin).origin === expected;
  } catch {
    return false;
  }
}

/**
 * Every state-changing request must come from this site (Origin, when the browser sends it) and carry the
 * session's token: a hidden `_csrf` field in forms, the `X-CSRF-Token` header for the JSON API.
 * The login form has no session yet: it is protected by the Origin check and SameSite cookies.
 */
export function csrfMiddleware(opts: { secure?: boolean } = {}): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    if (origin && origin !== 'null') {
      if (!host || !sameOrigin(origin, expectedOrigin(c.req.url, host, opts.secure ?? false)))
        return c.text('请求来源不符，已拒绝（CSRF）', 403);
    } else if (origin === 'null') {
      return c.text('请求来源不符，已拒绝（CSRF）', 403);
    }
    const session = c.get('session');
    if (c.req.path === '/login' && !session) return next();
    if (!session) return next(); // the route itself answers 401/redirect
    let token = c.req.header('x-csrf-token') ?? '';
    if (!token) {
      const type = c.req.header('content-type') ?? '';
      if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
        const body = await c.req.parseBody();
        token = typeof body._csrf === 'string' ? body._csrf : '';
      }
    }
    if (!token || !sameToken(token, session.csrfToken)) return c.text('表单已失效或缺少校验码，请刷新页面后重试（CSRF）', 403);
    return next();
  };
}
