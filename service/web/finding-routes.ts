// One finding: its page, the evaluators' decision, the unit's 整改 claim, and the stored page and screenshot behind its evidence.
import { Hono, type Context } from 'hono';
import { decodeHtml } from '../../crawler/index.ts';
import { maskText } from '../../checks/index.ts';
import {
  getAttachmentText,
  getRunPage,
  listRectifyClaims,
  recordDecision,
  recordRectifyClaim,
  reviewHistory,
  ReviewInputError,
  type TrackedFinding,
} from '../../store/index.ts';
import { rectifyDeadline } from '../reports.ts';
import type { AuthEnv } from './auth.ts';
import { visibleFinding } from './data.ts';
import { findingExtras, type FindingExtras } from './finding-extras.ts';
import { csrfOf, formNumber, formText } from './page-kit.ts';
import { parseFrom } from './queue-routes.ts';
import { EVALUATORS, EVERYONE, UNIT_USERS } from './roles.ts';
import { findingPage } from './views/findings.ts';
import type { WebDeps } from './web-deps.ts';

// A stored page: no scripts, an opaque origin (no access to the app's cookies or pages), nothing loaded from anywhere.
const SNAPSHOT_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";
const SNAPSHOT_HEADERS = { 'Content-Security-Policy': SNAPSHOT_CSP, 'X-Frame-Options': 'SAMEORIGIN', 'Cache-Control': 'private, no-store' };
const CONTENT_ADDRESS = /^[0-9a-f]{64}$/;

type FindingOf = (c: Context<AuthEnv>) => TrackedFinding | null;

/** The finding named in the path, if this user may see it. */
const findingOf =
  (deps: WebDeps): FindingOf =>
  (c) =>
    visibleFinding(deps.ctx, c.get('user'), c.req.param('id') ?? '');

function findingView(deps: WebDeps, c: Context<AuthEnv>, f: TrackedFinding, extras?: FindingExtras): string {
  const { ctx } = deps;
  return findingPage(
    f,
    c.get('user'),
    csrfOf(c),
    reviewHistory(ctx.store, f.id),
    listRectifyClaims(ctx.store, { findingId: f.id }),
    rectifyDeadline(ctx, f.asOf),
    extras,
  );
}

/** The finding's page and the evaluators' decision on it (确认 / 驳回 / 调整). */
function registerDecision(r: Hono<AuthEnv>, deps: WebDeps, finding: FindingOf): void {
  const { ctx, kit, role } = deps;
  r.get('/findings/:id', role(EVERYONE), (c) => {
    const f = finding(c);
    if (!f) return kit.notFound(c);
    return kit.render(c, `问题 ${f.id}`, findingView(deps, c, f, findingExtras(ctx, c.get('user'), f, c.req.query('from'))));
  });
  r.post('/findings/:id/decide', role(EVALUATORS), async (c) => {
    const f = finding(c);
    if (!f) return kit.notFound(c);
    const form = await formText(c);
    const action = form.action as 'confirm' | 'dismiss' | 'adjust';
    try {
      recordDecision(ctx.store, {
        findingId: f.id,
        action,
        by: c.get('user').displayName,
        reason: form.reason,
        occurrences: action === 'adjust' ? formNumber(form.occurrences) : null,
        points: action === 'adjust' ? formNumber(form.points) : null,
        source: 'web',
      });
    } catch (err) {
      if (err instanceof ReviewInputError)
        return kit.render(c, `问题 ${f.id}`, findingView(deps, c, f), 400, err.message.replace(/^第 1 行，/, ''));
      throw err;
    }
    const from = parseFrom(form.from)?.href;
    return c.redirect(`/findings/${f.id}?ok=${action}${from ? `&from=${encodeURIComponent(from)}` : ''}`, 303);
  });
}

/** The unit's 已整改 claim: queues the re-check. */
function registerRectify(r: Hono<AuthEnv>, deps: WebDeps, finding: FindingOf): void {
  const { ctx, kit, role } = deps;
  r.post('/findings/:id/rectify', role(UNIT_USERS), async (c) => {
    const f = finding(c);
    if (!f) return kit.notFound(c);
    const form = await formText(c);
    const url = (form.url ?? '').trim();
    if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000) return c.redirect(`/findings/${f.id}?error=rectify-url`, 303);
    recordRectifyClaim(ctx.store, {
      findingId: f.id,
      unitId: f.unitId,
      url,
      note: (form.note ?? '').trim().slice(0, 2000),
      by: c.get('user').displayName,
      at: ctx.now().toISOString(),
    });
    deps.opts.onRecheckQueued?.();
    return c.redirect(`/findings/${f.id}?ok=rectify`, 303);
  });
}

/** The stored page behind one piece of evidence, masked and sandboxed; null when there is none to show. */
function snapshotResponse(deps: WebDeps, c: Context<AuthEnv>, f: TrackedFinding | null): Response | null {
  const store = deps.ctx.store;
  const ev = f?.evidence[Number(c.req.param('index'))];
  const bytes = ev?.snapshot && CONTENT_ADDRESS.test(ev.snapshot) ? store.snapshots.get(ev.snapshot) : null;
  if (!f || !ev || !bytes) return null;
  const page = getRunPage(store, f.runId, ev.url);
  const contentType = page?.contentType ?? null;
  // personal numbers published on the page are shown masked here too ('卡号' lets every Luhn-valid card number count as labelled)
  if (page?.role === 'attachment') {
    // never the file itself: the text read from it, masked
    const a = getAttachmentText(store, f.runId, ev.url);
    if (!a) return null;
    return c.body(`${a.name}（${a.format} 附件的文字内容，个人信息已脱敏）\n\n${maskText(a.error ?? a.text, '卡号')}`, 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      ...SNAPSHOT_HEADERS,
    });
  }
  const html = !contentType || /html/i.test(contentType);
  const text = maskText(decodeHtml(bytes, contentType).text, '卡号');
  return c.body(text, 200, { 'Content-Type': html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', ...SNAPSHOT_HEADERS });
}

function registerEvidence(r: Hono<AuthEnv>, deps: WebDeps, finding: FindingOf): void {
  const { ctx, kit, role } = deps;
  r.get('/snapshots/:id/:index', role(EVERYONE), (c) => snapshotResponse(deps, c, finding(c)) ?? kit.notFound(c));
  r.get('/screenshots/:id/:index', role(EVERYONE), (c) => {
    const id = finding(c)?.evidence[Number(c.req.param('index'))]?.screenshot;
    const png = id && CONTENT_ADDRESS.test(id) ? ctx.store.screenshots.get(id) : null;
    if (!png) return kit.notFound(c);
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=3600' });
  });
}

export function findingRoutes(deps: WebDeps): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const finding = findingOf(deps);
  registerDecision(r, deps, finding);
  registerRectify(r, deps, finding);
  registerEvidence(r, deps, finding);
  return r;
}
