// The web workspace: security headers, body limit, session and CSRF for every request, then one router per area.
// Each route names who may open it with the role middleware (web/roles.ts); the JSON API has its own (web/api.ts).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { scoreFromStore } from '../../scoring/index.ts';
import type { ServiceContext } from '../context.ts';
import { isEvaluator, sessionMiddleware, type AuthEnv } from './auth.ts';
import { csrfMiddleware } from './csrf.ts';
import { layout } from './html.ts';
import { LoginThrottle } from './login-throttle.ts';
import { pageKit } from './page-kit.ts';
import { roleGuard } from './roles.ts';
import type { AppOptions, WebDeps } from './web-deps.ts';
import { apiRoutes } from './api.ts';
import { findingRoutes } from './finding-routes.ts';
import { loginRoutes } from './login-routes.ts';
import { manualRoutes } from './manual-routes.ts';
import { queueRoutes } from './queue-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { runRoutes } from './run-routes.ts';
import { scoreRoutes } from './score-routes.ts';
import { siteRoutes } from './site-routes.ts';
import { unitRoutes } from './unit-routes.ts';

export type { AppOptions } from './web-deps.ts';

const APP_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Forms and the JSON API carry at most a few kilobytes (a decision, a rectify note of 2,000 characters). */
const MAX_BODY_BYTES = 256 * 1024;

export function createApp(ctx: ServiceContext, opts: AppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const kit = pageKit(ctx);
  const deps: WebDeps = { ctx, opts, kit, role: roleGuard(kit) };
  const throttle = new LoginThrottle(ctx.now);
  const scores = (asOf = ctx.asOf()) =>
    scoreFromStore(ctx.store, {
      config: ctx.config,
      rubric: ctx.rubric,
      year: ctx.config.year,
      asOf: asOf < `${ctx.config.year}-12-31` ? asOf : `${ctx.config.year}-12-31`,
    });

  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', APP_CSP);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on form posts, which the CSRF check refuses
    c.res.headers.set('Referrer-Policy', 'same-origin');
    if (!c.res.headers.has('X-Frame-Options')) c.res.headers.set('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // before anything reads a body: an unauthenticated 200 MiB POST must not reach memory
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text('请求内容过大，已拒绝', 413) }));
  app.use('*', sessionMiddleware(ctx.store, ctx.now));
  app.use('*', csrfMiddleware({ secure: opts.secureCookies }));

  app.route('/', loginRoutes(deps, throttle));
  // evaluators
  app.route('/', queueRoutes(deps));
  app.route('/', findingRoutes(deps));
  app.route('/', scoreRoutes(deps, scores));
  app.route('/', manualRoutes(deps));
  app.route('/', runRoutes(deps));
  app.route('/', reportRoutes(deps));
  app.route('/', siteRoutes(deps));
  // units
  app.route('/', unitRoutes(deps));
  app.route('/', apiRoutes(ctx, { scores, throttle }));

  app.notFound((c) => kit.notFound(c));
  app.onError((err, c) => {
    ctx.log(`[web] ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return c.html(layout('出错了', '<p>服务器处理请求时出错，请稍后重试或联系管理员。</p>', null), 500);
  });
  return app;
}

export { isEvaluator };
