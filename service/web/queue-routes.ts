// Routes of the review queue: /queue and /findings with filters, sort and pages; bulk confirm; the Excel export.
import { Hono, type Context } from 'hono';
import { recordDecisions, ReviewInputError, type TrackedFinding, type UserRecord } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import type { AuthEnv } from './auth.ts';
import { visibleFindings } from './data.ts';
import { filterAndSort, nextPending, pageOf, parseQueueQuery, queueQs, type QueueQuery } from './queue.ts';
import { queueView } from './views/queue.ts';
import { queueWorkbook } from './queue-excel.ts';
import { csrfOf } from './page-kit.ts';
import { EVALUATORS } from './roles.ts';
import type { WebDeps } from './web-deps.ts';

type ListName = '/queue' | '/findings';

/** What a list shows: the queue holds pending findings (预警 only when asked for by kind), the full list everything. */
function listFor(ctx: ServiceContext, user: UserRecord, name: ListName, q: QueueQuery): TrackedFinding[] {
  const status = name === '/queue' ? 'pending' : q.status;
  const base = visibleFindings(ctx, user, { unitId: q.unitId, checkId: q.checkId, month: q.month, status });
  return filterAndSort(name === '/queue' && !q.kind ? base.filter((f) => f.kind !== 'warning') : base, q);
}

/** A `from` value naming one of our lists with its query, or null: the 下一条 link never points anywhere else. */
export function parseFrom(from: string | undefined): { name: ListName; q: QueueQuery; href: string } | null {
  const m = /^(\/queue|\/findings)(\?[^#]*)?$/.exec(from ?? '');
  if (!m) return null;
  const params = new URLSearchParams(m[2] ?? '');
  const q = parseQueueQuery((k) => params.get(k) ?? undefined);
  return { name: m[1] as ListName, q, href: m[1] + queueQs(q, q.page) };
}

/** The next pending finding after `currentId` in the list the reviewer came from, and how many are still pending there. */
export function nextInList(
  ctx: ServiceContext,
  user: UserRecord,
  from: string | undefined,
  currentId: string,
): { href: string; next: TrackedFinding | null; remaining: number } | null {
  const list = parseFrom(from);
  if (!list) return null;
  // the decided finding has left a pending-only list: look for its place in the same list without the status filter
  const ordered = listFor(ctx, user, '/findings', { ...list.q, status: undefined });
  const scope = list.name === '/queue' && !list.q.kind ? ordered.filter((f) => f.kind !== 'warning') : ordered;
  const next = nextPending(scope, currentId);
  return { href: list.href, next, remaining: scope.filter((f) => f.status === 'pending' && f.id !== currentId).length };
}

export function queueRoutes({ ctx, kit, role }: WebDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const show = (name: ListName, title: string) => (c: Context<AuthEnv>) => {
    const u = c.get('user');
    const q = parseQueueQuery((k) => c.req.query(k));
    const list = listFor(ctx, u, name, q);
    const confirmable = list.filter((f) => f.status === 'pending' && f.kind !== 'warning');
    const done = Number(c.req.query('confirmed'));
    const note = Number.isInteger(done) && done > 0 ? `<div class="flash">已批量确认 ${done} 条问题。</div>` : '';
    return kit.render(
      c,
      title,
      note +
        queueView(ctx, {
          title,
          action: name,
          q,
          page: pageOf(list, q.page, q.per),
          csrf: csrfOf(c),
          confirmable: {
            high: confirmable.filter((f) => f.confidence === 'high').length,
            low: confirmable.filter((f) => f.confidence === 'low').length,
          },
        }),
    );
  };
  app.get('/queue', role(EVALUATORS), show('/queue', '审核队列'));
  app.get('/findings', role(EVALUATORS), show('/findings', '全部问题'));

  // One reason for many findings. Low-confidence findings are confirmed only when a person ticked each of them;
  // "all under this filter" takes the high-confidence ones only.
  app.post('/queue/confirm', role(EVALUATORS), async (c) => {
    const u = c.get('user');
    const body = await c.req.parseBody({ all: true });
    const text = (k: string): string | undefined => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const name: ListName = text('from') === '/findings' ? '/findings' : '/queue';
    const q = parseQueueQuery(text);
    const reason = (text('reason') ?? '').trim();
    const ticked = new Set(([] as unknown[]).concat(body.id ?? []).filter((x): x is string => typeof x === 'string'));
    const pending = listFor(ctx, u, name, q).filter((f) => f.status === 'pending' && f.kind !== 'warning');
    const chosen = text('scope') === 'filtered' ? pending.filter((f) => f.confidence === 'high') : pending.filter((f) => ticked.has(f.id));
    const back = (extra: string) => `${name}${queueQs(q, q.page)}${queueQs(q, q.page) ? '&' : '?'}${extra}`;
    const refuse = (message: string) =>
      kit.render(
        c,
        name === '/queue' ? '审核队列' : '全部问题',
        `<p><a href="${back('').replace(/[?&]$/, '')}">返回列表</a></p>`,
        400,
        message,
      );
    if (!reason) return refuse('批量确认须填写理由。');
    if (reason.length > 500) return refuse('理由不能超过 500 字。');
    if (chosen.length === 0)
      return refuse(text('scope') === 'filtered' ? '当前筛选下没有可批量确认的高置信度问题。' : '请先勾选要确认的问题。');
    try {
      const at = ctx.now().toISOString();
      recordDecisions(
        ctx.store,
        chosen.map((f) => ({ findingId: f.id, action: 'confirm' as const, by: u.displayName, reason, source: 'web:批量确认', at })),
      );
    } catch (err) {
      if (err instanceof ReviewInputError) return refuse(err.message);
      throw err;
    }
    return c.redirect(back(`confirmed=${chosen.length}`), 303);
  });

  app.get('/queue/export.xlsx', role(EVALUATORS), async (c) => {
    const u = c.get('user');
    const q = parseQueueQuery((k) => c.req.query(k));
    const list = listFor(ctx, u, q.status && q.status !== 'pending' ? '/findings' : '/queue', q);
    const bytes = await queueWorkbook(ctx, list, { by: u.displayName, now: ctx.now() });
    const name = `审核表-${ctx.asOf()}.xlsx`;
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="review.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });
  return app;
}
