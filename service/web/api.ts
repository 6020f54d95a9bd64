// JSON API for other office systems: same users, same authorisation (canAccessUnit) as the pages.
// Auth: the session cookie (with X-CSRF-Token on POST) or HTTP Basic with a workspace account.
import type { Context, Hono } from 'hono';
import {
  authenticate, listRectifyClaims, listRuns, listServiceRuns, recordDecision, reviewHistory, ReviewInputError, type TrackedFinding, type UserRecord,
} from '../../store/index.ts';
import type { ScoresFile } from '../../scoring/index.ts';
import type { ServiceContext } from '../context.ts';
import { canAccessUnit, isEvaluator, type AuthEnv } from './auth.ts';
import { visibleFinding, visibleFindings, MONTH_RE } from './data.ts';

function basicUser(c: Context<AuthEnv>, ctx: ServiceContext): UserRecord | null {
  const h = c.req.header('authorization') ?? '';
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(h);
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? null : authenticate(ctx.store, text.slice(0, i), text.slice(i + 1));
}

function findingJson(f: TrackedFinding): Record<string, unknown> {
  return {
    id: f.id, unitId: f.unitId, unitName: f.unitName, checkId: f.checkId, indicator: f.indicator, title: f.title, detail: f.detail, kind: f.kind,
    occurrences: f.occurrences, suggestedPoints: f.suggestedPoints, confidence: f.confidence, confidenceReason: f.confidenceReason ?? null, status: f.status, review: f.review, lifecycle: f.lifecycle,
    column: f.column, subject: f.subject, runId: f.runId, asOf: f.asOf, evidence: f.evidence,
  };
}

export function registerApi(app: Hono<AuthEnv>, ctx: ServiceContext, deps: { scores: () => ScoresFile; onRecheckQueued?: () => void }): void {
  const userOf = (c: Context<AuthEnv>): UserRecord | null => c.get('session')?.user ?? basicUser(c, ctx);
  const denied = (c: Context<AuthEnv>) => c.json({ error: '未登录或账号无效' }, 401);
  const notFound = (c: Context<AuthEnv>) => c.json({ error: '不存在或无权查看' }, 404);

  app.get('/api/me', (c) => {
    const u = userOf(c);
    if (!u) return denied(c);
    return c.json({ username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId });
  });
  app.get('/api/findings', (c) => {
    const u = userOf(c);
    if (!u) return denied(c);
    const unit = c.req.query('unit');
    if (unit && !canAccessUnit(u, unit)) return c.json({ error: '无权查看该单位' }, 403);
    const month = c.req.query('month');
    const status = c.req.query('status');
    const list = visibleFindings(ctx, u, {
      unitId: unit, checkId: c.req.query('check') || undefined, month: month && MONTH_RE.test(month) ? month : undefined,
      status: ['pending', 'confirmed', 'dismissed', 'adjusted', 'rectified'].includes(status ?? '') ? (status as TrackedFinding['status']) : undefined,
    });
    return c.json({ count: list.length, findings: list.map(findingJson) });
  });
  app.get('/api/findings/:id', (c) => {
    const u = userOf(c);
    if (!u) return denied(c);
    const f = visibleFinding(ctx, u, c.req.param('id'));
    if (!f) return notFound(c);
    return c.json({ ...findingJson(f), history: reviewHistory(ctx.store, f.id), rectifyClaims: listRectifyClaims(ctx.store, { findingId: f.id }) });
  });
  app.post('/api/findings/:id/decision', async (c) => {
    const u = userOf(c);
    if (!u) return denied(c);
    const f = visibleFinding(ctx, u, c.req.param('id'));
    if (!f) return notFound(c);
    if (!isEvaluator(u)) return c.json({ error: '只有考核小组可以审核' }, 403);
    const body = (await c.req.json().catch(() => null)) as { action?: string; reason?: string; occurrences?: number | null; points?: number | null } | null;
    if (!body) return c.json({ error: '请求体须为 JSON' }, 400);
    try {
      const e = recordDecision(ctx.store, { findingId: f.id, action: body.action as 'confirm', by: u.displayName, reason: body.reason,
        occurrences: body.occurrences ?? null, points: body.points ?? null, source: 'api' });
      return c.json({ ok: true, event: e });
    } catch (err) {
      if (err instanceof ReviewInputError) return c.json({ error: err.message.replace(/^第 1 行，/, '') }, 400);
      throw err;
    }
  });
  app.get('/api/scores', (c) => {
    const u = userOf(c);
    if (!u) return denied(c);
    const scores = deps.scores();
    if (isEvaluator(u)) return c.json(scores);
    return c.json({ ...scores, units: scores.units.filter((s) => canAccessUnit(u, s.unitId)), grades: undefined });
  });
  app.get('/api/units/:unit/scores', (c) => {
    const u = userOf(c);
    if (!u) return denied(c);
    const unitId = c.req.param('unit');
    if (!canAccessUnit(u, unitId)) return notFound(c);
    const s = deps.scores().units.find((x) => x.unitId === unitId);
    return s ? c.json(s) : notFound(c);
  });
  app.get('/api/runs', (c) => {
    const u = userOf(c);
    if (!u) return denied(c);
    if (!isEvaluator(u)) return c.json({ error: '只有考核小组可以查看运行记录' }, 403);
    return c.json({ service: listServiceRuns(ctx.store, 100), runs: listRuns(ctx.store, 50) });
  });
  app.all('/api/*', (c) => c.json({ error: '接口不存在' }, 404));
}
