// Log in and out, the style sheet, and / (which sends each role to its start page).
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createSession, deleteSession } from '../../store/index.ts';
import { clearSessionCookie, setSessionCookie, SESSION_COOKIE, type AuthEnv } from './auth.ts';
import { APP_CSS, layout } from './html.ts';
import { clientAddress, type LoginThrottle, throttledAuthenticate, waitMessage } from './login-throttle.ts';
import { formText } from './page-kit.ts';
import { safeNextPath } from './redirect.ts';
import { EVERYONE } from './roles.ts';
import { loginPage } from './views/pages.ts';
import type { WebDeps } from './web-deps.ts';

export function loginRoutes({ ctx, opts, role }: WebDeps, throttle: LoginThrottle): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const store = ctx.store;
  const sessionTtlMs = ctx.settings.sessionHours * 3_600_000;

  r.get('/static/app.css', (c) => c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));

  r.get('/login', (c) => c.html(layout('登录', loginPage(undefined, safeNextPath(c.req.query('next'))), null)));
  r.post('/login', async (c) => {
    const f = await formText(c);
    const { user, waitMs } = throttledAuthenticate(throttle, store, f.username ?? '', f.password ?? '', clientAddress(c));
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      return c.html(layout('登录', loginPage(waitMessage(waitMs), f.next ?? ''), null), 429);
    }
    if (!user) return c.html(layout('登录', loginPage('用户名或密码错误，或账号已停用。', f.next ?? ''), null), 401);
    const s = createSession(store, user.id, sessionTtlMs, ctx.now());
    setSessionCookie(c, s.token, Math.floor(sessionTtlMs / 1000), { secure: opts.secureCookies });
    return c.redirect(safeNextPath(f.next), 303);
  });
  r.post('/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) deleteSession(store, token);
    clearSessionCookie(c, { secure: opts.secureCookies });
    return c.redirect('/login', 303);
  });

  r.get('/', role(EVERYONE), (c) => c.redirect(c.get('user').role === 'unit' ? '/unit' : '/queue', 303));
  return r;
}
