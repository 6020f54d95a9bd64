// JSON API for other office systems: same users, same authorisation (canAccessUnit) as the pages.
// Auth: the session cookie (with X-CSRF-Token on POST) or HTTP Basic with a workspace account.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  listRectifyClaims,
  listRuns,
  listServiceRuns,
  recordDecision,
  reviewHistory,
  ReviewInputError,
  type TrackedFinding,
  type UserRecord,
} from '../../store/index.ts';
import type { ScoresFile } from '../../scoring/index.ts';
import type { ServiceContext } from '../context.ts';
import { canAccessUnit, isEvaluator, type AuthEnv } from './auth.ts';
import { visibleFinding, visibleFindings, MONTH_RE } from './data.ts';
import { clientAddress, throttledAuthenticate, type LoginThrottle } from './login-throttle.ts';

/** The Basic-auth user, null for none or a wrong password, or the wait (ms) while the throttle refuses to check. */
function basicUser(c: Context<AuthEnv>, ctx: ServiceContext, throttle: LoginThrottle): UserRecord | null | number {
  const h = c.req.header('authorization') ?? '';
  const m = /^Basic\s+([A-Za-z0-9+/=]{1,1000})$/i.exec(h);
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const i = text.indexOf(':');
  if (i < 0) return null;
  const { user, waitMs } = throttledAuthenticate(throttle, ctx.store, text.slice(0, i), text.slice(i + 1), clientAddress(c));
  return waitMs > 0 ? waitMs : user;
}

const decisionBody = z.object(
  {
    action: z.enum(['confirm', 'dismiss', 'adjust'], { error: 'action 须为 confirm、dismiss 或 adjust' }),
    reason: z.string({ error: 'reason 须为文字' }).max(2000, 'reason 最多 2000 字').optional(),
    occurrences: z.number({ error: 'occurrences 须为数字或 null' }).nullable().optional(),
    points: z.number({ error: 'points 须为数字或 null' }).nullable().optional(),
  },
  { error: '请求体须为 JSON 对象' },
);

function findingJson(f: TrackedFinding): Record<string, unknown> {
  return {
    id: f.id,
    unitId: f.unitId,
    unitName: f.unitName,
    checkId: f.checkId,
    indicator: f.indicator,
    title: f.title,
    detail: f.detail,
    kind: f.kind,
    occurrences: f.occurrences,
    suggestedPoints: f.suggestedPoints,
    confidence: f.confidence,
    confidenceReason: f.confidenceReason ?? null,
    status: f.status,
    review: f.review,
    lifecycle: f.lifecycle,
    column: f.column,
    subject: f.subject,
    runId: f.runId,
    asOf: f.asOf,
    evidence: f.evidence,
  };
}

/**
 * The API's authentication: `c.var.user` from the session or HTTP Basic; 401 in JSON otherwise, or 429 while
 * the login throttle refuses to check a Basic password.
 */
function apiUser(ctx: ServiceContext, throttle: LoginThrottle): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const r = c.get('session')?.user ?? basicUser(c, ctx, throttle);
    if (typeof r === 'number') {
      c.header('Retry-After', String(Math.ceil(r / 1000)));
      return c.json({ error: '认证失败次数过多，请稍后再试', retryAfterSeconds: Math.ceil(r / 1000) }, 429);
    }
    if (!r) return c.json({ error: '未登录或账号无效' }, 401);
    c.set('user', r);
    await next();
  };
}

/** 403 in JSON for a unit account on an evaluators' endpoint. */
function evaluatorsOnly(message: string): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!isEvaluator(c.get('user'))) return c.json({ error: message }, 403);
    await next();
  };
}

const NOT_FOUND = '不存在或无权查看';

/** POST /api/findings/:id/decision: the same review rules as the page, answered in JSON. */
async function postDecision(ctx: ServiceContext, c: Context<AuthEnv>) {
  const u = c.get('user');
  // 404 before 403: a unit account learns nothing about another unit's findings
  const f = visibleFinding(ctx, u, c.req.param('id') ?? '');
  if (!f) return c.json({ error: NOT_FOUND }, 404);
  if (!isEvaluator(u)) return c.json({ error: '只有考核小组可以审核' }, 403);
  const json: unknown = await c.req.json().catch(() => undefined);
  if (json === undefined) return c.json({ error: '请求体须为 JSON' }, 400);
  const parsed = decisionBody.safeParse(json);
  if (!parsed.success) {
    return c.json(
      {
        error: `请求体不符合要求：${parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：` : '') + i.message).join('；')}`,
      },
      400,
    );
  }
  const body = parsed.data;
  try {
    const e = recordDecision(ctx.store, {
      findingId: f.id,
      action: body.action,
      by: u.displayName,
      reason: body.reason,
      occurrences: body.occurrences ?? null,
      points: body.points ?? null,
      source: 'api',
    });
    return c.json({ ok: true, event: e });
  } catch (err) {
    if (err instanceof ReviewInputError) return c.json({ error: err.message.replace(/^第 1 行，/, '') }, 400);
    throw err;
  }
}

export function apiRoutes(ctx: ServiceContext, deps: { scores: () => ScoresFile; throttle: LoginThrottle }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const signedIn = apiUser(ctx, deps.throttle);
  const notFound = (c: Context<AuthEnv>) => c.json({ error: NOT_FOUND }, 404);

  api.get('/api/me', signedIn, (c) => {
    const u = c.get('user');
    return c.json({ username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId });
  });
  api.get('/api/findings', signedIn, (c) => {
    const u = c.get('user');
    const unit = c.req.query('unit');
    if (unit && !canAccessUnit(u, unit)) return c.json({ error: '无权查看该单位' }, 403);
    const month = c.req.query('month');
    const status = c.req.query('status');
    const list = visibleFindings(ctx, u, {
      unitId: unit,
      checkId: c.req.query('check') || undefined,
      month: month && MONTH_RE.test(month) ? month : undefined,
      status: ['pending', 'confirmed', 'dismissed', 'adjusted', 'rectified'].includes(status ?? '')
        ? (status as TrackedFinding['status'])
        : undefined,
    });
    return c.json({ count: list.length, findings: list.map(findingJson) });
  });
  api.get('/api/findings/:id', signedIn, (c) => {
    const f = visibleFinding(ctx, c.get('user'), c.req.param('id'));
    if (!f) return notFound(c);
    return c.json({
      ...findingJson(f),
      history: reviewHistory(ctx.store, f.id),
      rectifyClaims: listRectifyClaims(ctx.store, { findingId: f.id }),
    });
  });
  api.post('/api/findings/:id/decision', signedIn, (c) => postDecision(ctx, c));
  api.get('/api/scores', signedIn, (c) => {
    const u = c.get('user');
    const scores = deps.scores();
    if (isEvaluator(u)) return c.json(scores);
    return c.json({ ...scores, units: scores.units.filter((s) => canAccessUnit(u, s.unitId)), grades: undefined });
  });
  api.get('/api/units/:unit/scores', signedIn, (c) => {
    const unitId = c.req.param('unit');
    if (!canAccessUnit(c.get('user'), unitId)) return notFound(c);
    const s = deps.scores().units.find((x) => x.unitId === unitId);
    return s ? c.json(s) : notFound(c);
  });
  api.get('/api/runs', signedIn, evaluatorsOnly('只有考核小组可以查看运行记录'), (c) =>
    c.json({ service: listServiceRuns(ctx.store, 100), runs: listRuns(ctx.store, 50) }),
  );
  api.all('/api/*', (c) => c.json({ error: '接口不存在' }, 404));
  return api;
}
