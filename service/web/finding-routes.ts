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

export function findingRoutes(deps: WebDeps): Hono<AuthEnv> {
  const { ctx, kit, role } = deps;
  const store = ctx.store;
  const r = new Hono<AuthEnv>();
  /** The finding named in the path, if this user may see it. */
  const finding = (c: Context<AuthEnv>) => visibleFinding(ctx, c.get('user'), c.req.param('id') ?? '');
  const page = (c: Context<AuthEnv>, f: TrackedFinding, extras?: FindingExtras) =>
    findingPage(
      f,
      c.get('user'),
      csrfOf(c),
      reviewHistory(store, f.id),
      listRectifyClaims(store, { findingId: f.id }),
      rectifyDeadline(ctx, f.asOf),
      extras,
    );

  r.get('/findings/:id', role(EVERYONE), (c) => {
    const f = finding(c);
    if (!f) return kit.notFound(c);
    return kit.render(c, `问题 ${f.id}`, page(c, f, findingExtras(ctx, c.get('user'), f, c.req.query('from'))));
  });
  r.post('/findings/:id/decide', role(EVALUATORS), async (c) => {
    const f = finding(c);
    if (!f) return kit.notFound(c);
    const form = await formText(c);
    const action = form.action as 'confirm' | 'dismiss' | 'adjust';
    try {
      recordDecision(store, {
        findingId: f.id,
        action,
        by: c.get('user').displayName,
        reason: form.reason,
        occurrences: action === 'adjust' ? formNumber(form.occurrences) : null,
        points: action === 'adjust' ? formNumber(form.points) : null,
        source: 'web',
      });
    } catch (err) {
      if (err instanceof ReviewInputError) return kit.render(c, `问题 ${f.id}`, page(c, f), 400, err.message.replace(/^第 1 行，/, ''));
      throw err;
    }
    const from = parseFrom(form.from)?.href;
    return c.redirect(`/findings/${f.id}?ok=${action}${from ? `&from=${encodeURIComponent(from)}` : ''}`, 303);
  });
  r.post('/findings/:id/rectify', role(UNIT_USERS), async (c) => {
    const f = finding(c);
    if (!f) return kit.notFound(c);
    const form = await formText(c);
    const url = (form.url ?? '').trim();
    if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000) return c.redirect(`/findings/${f.id}?error=rectify-url`, 303);
    const by = c.get('user').displayName;
    recordRectifyClaim(store, {
      findingId: f.id,
      unitId: f.unitId,
      url,
      note: (form.note ?? '').trim().slice(0, 2000),
      by,
      at: ctx.now().toISOString(),
    });
    deps.opts.onRecheckQueued?.();
    return c.redirect(`/findings/${f.id}?ok=rectify`, 303);
  });

  evidenceRoutes(r, deps, finding);
  return r;
}

type FindingOf = (c: Context<AuthEnv>) => TrackedFinding | null | undefined;

/** The stored page and the screenshot behind a finding's evidence, masked and sandboxed. */
function evidenceRoutes(r: Hono<AuthEnv>, deps: WebDeps, finding: FindingOf): void {
  const { kit, role } = deps;
  const store = deps.ctx.store;
  r.get('/snapshots/:id/:index', role(EVERYONE), (c) => {
    const f = finding(c);
    const ev = f?.evidence[Number(c.req.param('index'))];
    const bytes = ev?.snapshot && CONTENT_ADDRESS.test(ev.snapshot) ? store.snapshots.get(ev.snapshot) : null;
    if (!f || !ev || !bytes) return kit.notFound(c);
    const page = getRunPage(store, f.runId, ev.url);
    const contentType = page?.contentType ?? null;
    // personal numbers published on the page are shown masked here too ('卡号' lets every Luhn-valid card number count as labelled)
    if (page?.role === 'attachment') {
      // never the file itself: the text read from it, masked
      const a = getAttachmentText(store, f.runId, ev.url);
      if (!a) return kit.notFound(c);
      return c.body(`${a.name}（${a.format} 附件的文字内容，个人信息已脱敏）\n\n${maskText(a.error ?? a.text, '卡号')}`, 200, {
        'Content-Type': 'text/plain; charset=utf-8',
        ...SNAPSHOT_HEADERS,
      });
    }
    const html = !contentType || /html/i.test(contentType);
    const text = maskText(decodeHtml(bytes, contentType).text, '卡号');
    return c.body(text, 200, { 'Content-Type': html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', ...SNAPSHOT_HEADERS });
  });
  r.get('/screenshots/:id/:index', role(EVERYONE), (c) => {
    const id = finding(c)?.evidence[Number(c.req.param('index'))]?.screenshot;
    const png = id && CONTENT_ADDRESS.test(id) ? store.screenshots.get(id) : null;
    if (!png) return kit.notFound(c);
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=3600' });
  });
}
