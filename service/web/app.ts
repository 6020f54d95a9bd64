import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { decodeHtml } from '../../crawler/index.ts';
import { maskText } from '../../checks/index.ts';
import {
  addManualEntries, createSession, deleteSession, getAttachmentText, getRunPage, listManualEntries, listRectifyClaims, listRechecks, listRuns,
  listServiceRuns, listUsers, queueRecheck, recordDecision, recordRectifyClaim, reviewHistory, ReviewInputError, latestCompleteRun,
  type UserRecord,
} from '../../store/index.ts';
import { extraTargets, manualEntryProblems, manualRowsForUnit, scoreFromStore } from '../../scoring/index.ts';
import type { ServiceContext } from '../context.ts';
import { generateRunReports, rectifyDeadline, resolveReportFile } from '../reports.ts';
import { selfcheckRefusal } from '../selfcheck-limits.ts';
import { canAccessUnit, clearSessionCookie, isEvaluator, sessionMiddleware, setSessionCookie, SESSION_COOKIE, type AuthEnv } from './auth.ts';
import { csrfMiddleware } from './csrf.ts';
import { safeNextPath } from './redirect.ts';
import { clientAddress, LoginThrottle, throttledAuthenticate, waitMessage } from './login-throttle.ts';
import { getCookie } from 'hono/cookie';
import { visibleFinding, unitName } from './data.ts';
import { APP_CSS, layout, type LayoutUser } from './html.ts';
import { findingPage } from './views/findings.ts';
import { gradesPage, scoresPage, unitScorePage } from './views/scores.ts';
import { rechecksTable, runsPage } from './views/runs.ts';
import { loginPage, manualPage, selfcheckPage, usersPage } from './views/pages.ts';
import { registerApi } from './api.ts';
import { parseFrom, registerQueueRoutes } from './queue-routes.ts';
import { findingExtras } from './finding-extras.ts';
import { registerUnitRoutes } from './unit-routes.ts';
import { registerReportRoutes } from './report-routes.ts';
import { registerSiteRoutes } from './site-routes.ts';
import { isDraftReport } from '../report-months.ts';

export interface AppOptions {
  secureCookies: boolean;
  /** Called after a re-check or 自查 is queued (the service starts the queue at once). */
  onRecheckQueued?: () => void;
  /** Next fire times of the scheduled jobs, for the run history page. */
  schedule?: () => { label: string; next: string | null }[];
}

const APP_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// A stored page: no scripts, an opaque origin (no access to the app's cookies or pages), nothing loaded from anywhere.
const SNAPSHOT_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

const FLASH: Record<string, string> = {
  confirm: '已确认该问题。', dismiss: '已驳回该问题。', adjust: '已调整该问题。', rectify: '已提交整改说明，已排队复查该单位栏目。',
  selfcheck: '已申请自查，完成后结果会显示在本页。', manual: '已保存录入。', recheck: '复查队列已开始处理。', reports: '报告已重新生成。',
};

/** Forms and the JSON API carry at most a few kilobytes (a decision, a rectify note of 2,000 characters). */
export const MAX_BODY_BYTES = 256 * 1024;

// ?error= carries one of these codes, never text: a link from anywhere must not put words on our pages
const FLASH_ERROR: Record<string, string> = {
  'no-run': '还没有完成的全覆盖检查。', 'rectify-url': '请填写整改后页面的网址（http:// 或 https:// 开头）。',
  'selfcheck-busy': '本单位已有一次自查在排队或进行中，完成后才能再次申请。',
  'selfcheck-limit': '本单位今天的自查次数已用完，请明天再申请。',
};

export function createApp(ctx: ServiceContext, opts: AppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const store = ctx.store;
  const sessionTtlMs = ctx.settings.sessionHours * 3_600_000;
  const throttle = new LoginThrottle(ctx.now);

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
  app.use('*', sessionMiddleware(store, ctx.now));
  app.use('*', csrfMiddleware({ secure: opts.secureCookies }));

  const who = (c: Context<AuthEnv>): LayoutUser | null => {
    const s = c.get('session');
    return s ? { user: s.user, csrfToken: s.csrfToken, unitName: s.user.unitId ? unitName(ctx, s.user.unitId) : undefined } : null;
  };
  const flash = (c: Context<AuthEnv>): { ok?: string; error?: string } => {
    const error = FLASH_ERROR[c.req.query('error') ?? ''];
    return { ok: FLASH[c.req.query('ok') ?? ''], error: error ? '操作未完成：' + error : undefined };
  };
  /** `error` (a validation message of our own) is shown in place of a ?error= code. */
  const render = (c: Context<AuthEnv>, title: string, body: string, status: 200 | 400 | 403 | 404 = 200, error?: string) =>
    c.html(layout(title, body, who(c), error ? { error: '操作未完成：' + error } : flash(c)), status);
  const notFound = (c: Context<AuthEnv>) => render(c, '未找到', '<p>页面不存在，或您无权查看。</p>', 404);

  /** The logged-in user with one of the roles, or a redirect to the login page / 403. */
  const guard = (c: Context<AuthEnv>, roles: UserRecord['role'][]): UserRecord | Response => {
    const s = c.get('session');
    if (!s) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    if (!roles.includes(s.user.role)) return render(c, '无权访问', '<p>您的账号无权访问此页面。</p>', 403);
    return s.user;
  };
  const EVAL: UserRecord['role'][] = ['admin', 'evaluator'];
  const ALL: UserRecord['role'][] = ['admin', 'evaluator', 'unit'];
  const formText = async (c: Context<AuthEnv>): Promise<Record<string, string>> => {
    const body = await c.req.parseBody();
    return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  };
  const num = (v: string | undefined): number | null => (v === undefined || v.trim() === '' ? null : Number(v));

  app.get('/static/app.css', (c) => c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));

  app.get('/login', (c) => c.html(layout('登录', loginPage(undefined, safeNextPath(c.req.query('next'))), null)));
  app.post('/login', async (c) => {
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
  app.post('/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) deleteSession(store, token);
    clearSessionCookie(c, { secure: opts.secureCookies });
    return c.redirect('/login', 303);
  });

  app.get('/', (c) => {
    const u = guard(c, ALL);
    if (u instanceof Response) return u;
    return c.redirect(u.role === 'unit' ? '/unit' : '/queue', 303);
  });

  // ---- evaluators
  registerQueueRoutes(app, ctx, { guard, render });
  app.get('/findings/:id', (c) => {
    const u = guard(c, ALL);
    if (u instanceof Response) return u;
    const f = visibleFinding(ctx, u, c.req.param('id'));
    if (!f) return notFound(c);
    const s = c.get('session')!;
    return render(c, `问题 ${f.id}`, findingPage(f, u, s.csrfToken, reviewHistory(store, f.id), listRectifyClaims(store, { findingId: f.id }), rectifyDeadline(ctx, f.asOf),
      findingExtras(ctx, u, f, c.req.query('from'))));
  });
  app.post('/findings/:id/decide', async (c) => {
    const u = guard(c, EVAL);
    if (u instanceof Response) return u;
    const f = visibleFinding(ctx, u, c.req.param('id'));
    if (!f) return notFound(c);
    const form = await formText(c);
    const action = form.action as 'confirm' | 'dismiss' | 'adjust';
    try {
      recordDecision(store, { findingId: f.id, action, by: u.displayName, reason: form.reason, occurrences: action === 'adjust' ? num(form.occurrences) : null,
        points: action === 'adjust' ? num(form.points) : null, source: 'web' });
    } catch (err) {
      if (err instanceof ReviewInputError) {
        const s = c.get('session')!;
        return render(c, `问题 ${f.id}`, findingPage(f, u, s.csrfToken, reviewHistory(store, f.id), listRectifyClaims(store, { findingId: f.id }), rectifyDeadline(ctx, f.asOf)),
          400, err.message.replace(/^第 1 行，/, ''));
      }
      throw err;
    }
    const from = parseFrom(form.from)?.href;
    return c.redirect(`/findings/${f.id}?ok=${action}${from ? `&from=${encodeURIComponent(from)}` : ''}`, 303);
  });
  app.get('/snapshots/:id/:index', (c) => {
    const u = guard(c, ALL);
    if (u instanceof Response) return u;
    const f = visibleFinding(ctx, u, c.req.param('id'));
    const ev = f?.evidence[Number(c.req.param('index'))];
    const bytes = ev?.snapshot && /^[0-9a-f]{64}$/.test(ev.snapshot) ? store.snapshots.get(ev.snapshot) : null;
    if (!f || !ev || !bytes) return notFound(c);
    const page = getRunPage(store, f.runId, ev.url);
    const contentType = page?.contentType ?? null;
    const headers = { 'Content-Security-Policy': SNAPSHOT_CSP, 'X-Frame-Options': 'SAMEORIGIN', 'Cache-Control': 'private, no-store' };
    // personal numbers published on the page are shown masked here too ('卡号' lets every Luhn-valid card number count as labelled)
    if (page?.role === 'attachment') {
      // never the file itself: the text read from it, masked
      const a = getAttachmentText(store, f.runId, ev.url);
      if (!a) return notFound(c);
      return c.body(`${a.name}（${a.format} 附件的文字内容，个人信息已脱敏）\n\n${maskText(a.error ?? a.text, '卡号')}`, 200, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    }
    const html = !contentType || /html/i.test(contentType);
    const text = maskText(decodeHtml(bytes, contentType).text, '卡号');
    return c.body(text, 200, {
      'Content-Type': html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'Content-Security-Policy': SNAPSHOT_CSP, 'X-Frame-Options': 'SAMEORIGIN', 'Cache-Control': 'private, no-store',
    });
  });
  app.get('/screenshots/:id/:index', (c) => {
    const u = guard(c, ALL);
    if (u instanceof Response) return u;
    const f = visibleFinding(ctx, u, c.req.param('id'));
    const id = f?.evidence[Number(c.req.param('index'))]?.screenshot;
    const png = id && /^[0-9a-f]{64}$/.test(id) ? store.screenshots.get(id) : null;
    if (!png) return notFound(c);
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=3600' });
  });

  const scores = (asOf = ctx.asOf()) => scoreFromStore(store, { config: ctx.config, rubric: ctx.rubric, year: ctx.config.year, asOf: asOf < `${ctx.config.year}-12-31` ? asOf : `${ctx.config.year}-12-31` });
  app.get('/scores', (c) => {
    const u = guard(c, EVAL);
    if (u instanceof Response) return u;
    return render(c, '评分草稿', scoresPage(scores()));
  });
  app.get('/scores/:unit', (c) => {
    const u = guard(c, ALL);
    if (u instanceof Response) return u;
    const unitId = c.req.param('unit');
    if (!canAccessUnit(u, unitId)) return notFound(c);
    const s = scores().units.find((x) => x.unitId === unitId);
    if (!s) return notFound(c);
    return render(c, `${s.unitName} 评分草稿`, unitScorePage(s));
  });
  app.get('/grades', (c) => {
    const u = guard(c, EVAL);
    if (u instanceof Response) return u;
    return render(c, '等次总览', gradesPage(scores()));
  });

  const unitOptions = (): [string, string][] => ctx.config.units.map((x) => [x.id, x.name]);
  const manualTargets = (): [string, string][] => {
    const rows = new Map<string, string>();
    for (const unit of ctx.config.units) for (const r of manualRowsForUnit(ctx.rubric, unit)) rows.set(r.id, `${r.level2} ${r.level3}`.trim());
    for (const x of extraTargets(ctx.rubric)) rows.set(x.target, x.label);
    return [...rows];
  };
  app.get('/manual', (c) => {
    const u = guard(c, EVAL);
    if (u instanceof Response) return u;
    const entries = listManualEntries(store, { year: ctx.config.year }).reverse();
    return render(c, '人工录入', manualPage(entries, unitOptions(), manualTargets(), c.get('session')!.csrfToken, (id) => unitName(ctx, id)));
  });
  app.post('/manual', async (c) => {
    const u = guard(c, EVAL);
    if (u instanceof Response) return u;
    const f = await formText(c);
    const entry = {
      year: ctx.config.year, unitId: f.unitId ?? '', target: f.target ?? '', occurrences: num(f.occurrences), points: num(f.points),
      levelId: f.levelId?.trim() || null, value: num(f.value), note: (f.note ?? '').trim(), by: u.displayName, source: 'web',
    };
    const problems = manualEntryProblems(entry, { config: ctx.config, rubric: ctx.rubric });
    if (problems.length) {
      const entries = listManualEntries(store, { year: ctx.config.year }).reverse();
      return render(c, '人工录入', manualPage(entries, unitOptions(), manualTargets(), c.get('session')!.csrfToken, (id) => unitName(ctx, id)),
        400, problems.map((p) => `${p.column}：${p.message}`).join('；'));
    }
    addManualEntries(store, [entry]);
    return c.redirect('/manual?ok=manual', 303);
  });

  app.get('/runs', (c) => {
    const u = guard(c, EVAL);
    if (u instanceof Response) return u;
    return render(c, '运行记录', runsPage(listServiceRuns(store, 100), listRuns(store, 50), listRechecks(store, { limit: 50 }), opts.schedule?.() ?? [],
      c.get('session')!.csrfToken, (id) => unitName(ctx, id)));
  });
  app.post('/runs/recheck-now', (c) => {
    const u = guard(c, EVAL);
    if (u instanceof Response) return u;
    opts.onRecheckQueued?.();
    return c.redirect('/runs?ok=recheck', 303);
  });

  registerReportRoutes(app, ctx, { guard, render, notFound });
  registerSiteRoutes(app, ctx, { guard, render, notFound });
  app.post('/reports/generate', async (c) => {
    const u = guard(c, EVAL);
    if (u instanceof Response) return u;
    const run = latestCompleteRun(store, 'inspection');
    if (!run) return c.redirect('/reports?error=no-run', 303);
    await generateRunReports(ctx, run.id);
    return c.redirect('/reports?ok=reports', 303);
  });
  app.get('/reports/file', (c) => {
    const u = guard(c, ALL);
    if (u instanceof Response) return u;
    const file = resolveReportFile(ctx, c.req.query('path') ?? '');
    // a unit gets only the final versions addressed to it
    if (!file || (u.role === 'unit' && (file.unitId !== u.unitId || isDraftReport(file)))) return notFound(c);
    const name = file.path.split('/').pop()!;
    const body = readFileSync(resolve(ctx.outDir, 'reports', file.path));
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="report${name.slice(name.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  app.get('/admin/users', (c) => {
    const u = guard(c, ['admin']);
    if (u instanceof Response) return u;
    return render(c, '用户管理', usersPage(listUsers(store), (id) => unitName(ctx, id)));
  });

  // ---- units
  registerUnitRoutes(app, ctx, { guard, render, notFound });
  app.get('/unit/selfcheck', (c) => {
    const u = guard(c, ['unit']);
    if (u instanceof Response) return u;
    const rechecks = listRechecks(store, { unitId: u.unitId! });
    return render(c, '自查', selfcheckPage(rechecks, c.get('session')!.csrfToken, rechecksTable(rechecks, (id) => unitName(ctx, id))));
  });
  app.post('/unit/selfcheck', (c) => {
    const u = guard(c, ['unit']);
    if (u instanceof Response) return u;
    const refused = selfcheckRefusal(ctx, u.unitId!);
    if (refused) return c.redirect(`/unit/selfcheck?error=${refused}`, 303);
    queueRecheck(store, { unitId: u.unitId!, reason: 'selfcheck', by: u.displayName, at: ctx.now().toISOString() });
    opts.onRecheckQueued?.();
    return c.redirect('/unit/selfcheck?ok=selfcheck', 303);
  });
  app.post('/findings/:id/rectify', async (c) => {
    const u = guard(c, ['unit']);
    if (u instanceof Response) return u;
    const f = visibleFinding(ctx, u, c.req.param('id'));
    if (!f) return notFound(c);
    const form = await formText(c);
    const url = (form.url ?? '').trim();
    if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000) return c.redirect(`/findings/${f.id}?error=rectify-url`, 303);
    recordRectifyClaim(store, { findingId: f.id, unitId: f.unitId, url, note: (form.note ?? '').trim().slice(0, 2000), by: u.displayName, at: ctx.now().toISOString() });
    opts.onRecheckQueued?.();
    return c.redirect(`/findings/${f.id}?ok=rectify`, 303);
  });

  registerApi(app, ctx, { scores, onRecheckQueued: opts.onRecheckQueued, throttle });
  app.notFound((c) => notFound(c));
  app.onError((err, c) => {
    ctx.log(`[web] ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return c.html(layout('出错了', '<p>服务器处理请求时出错，请稍后重试或联系管理员。</p>', null), 500);
  });
  return app;
}

export { isEvaluator };
