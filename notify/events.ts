// What is sent when: a unit's 整改通知单 once it is issued (final), the result of its re-check or 自查, a reminder
// before the 整改期限, and to the office the month's inspection done (draft) and its 通报 issued (final).
import type { Finding } from '../checks/index.ts';
import { workdaysBetween } from '../checks/index.ts';
import { isNotifiable } from '../reports/index.ts';
import {
  getRecheck,
  latestCompleteRun,
  listNotifications,
  listRectifyClaims,
  listTrackedFindings,
  type RecheckRecord,
} from '../store/index.ts';
import type { NotifySettings } from '../config/index.ts';
import { notifySchema } from '../config/index.ts';
import { officeChannels, unitChannels } from './channels.ts';
import { Dispatcher, type Delivery, type DeliveryCount, type NotifyContext } from './deliver.ts';
import {
  monthlyDraftMessage,
  monthlyFinalMessage,
  recheckMessage,
  rectifyNoticeMessage,
  reminderMessage,
  type Basics,
} from './messages.ts';

const NONE: DeliveryCount = { sent: 0, skipped: 0, failed: 0 };

function events(ctx: NotifyContext): NotifySettings['events'] {
  return (ctx.config.notify ?? notifySchema.parse({})).events;
}

export function basicsOf(ctx: Pick<NotifyContext, 'config'>): Basics {
  const c = ctx.config;
  return {
    county: c.county,
    office: c.documents?.office ?? `${c.county}人民政府办公室`,
    workspaceUrl: c.notify?.workspaceUrl ?? c.documents?.workspaceUrl,
  };
}

const hasAnyChannel = (ctx: NotifyContext) =>
  (ctx.config.notify?.office.length ?? 0) > 0 || ctx.config.units.some((u) => (u.notify?.length ?? 0) > 0);

/** Runs a batch: never throws (a notification must not stop an inspection), logs what happened. */
async function run(ctx: NotifyContext, what: string, build: () => Delivery[]): Promise<DeliveryCount> {
  if (!hasAnyChannel(ctx)) return NONE;
  const dispatcher = new Dispatcher(ctx);
  try {
    const deliveries = build();
    if (!deliveries.length) return NONE;
    const count = await dispatcher.deliverAll(deliveries);
    if (count.sent || count.failed)
      ctx.log(
        `[通知] ${what}：发出 ${count.sent} 条${count.failed ? `，失败 ${count.failed} 条（已记录）` : ''}${count.skipped ? `，${count.skipped} 条此前已发送` : ''}`,
      );
    return count;
  } catch (err) {
    ctx.log(`[通知] ${what}未完成：${err instanceof Error ? err.message : String(err)}`);
    return { ...NONE, failed: 1 };
  } finally {
    dispatcher.close();
  }
}

const rectifyKey = (runId: number, unitId: string) => `rectify-notice:run-${runId}:${unitId}`;
const wasSentTo = (ctx: NotifyContext, key: string) =>
  listNotifications(ctx.store, { eventKey: key, limit: 50 }).some((n) => n.state === 'sent');

export interface IssuedReports {
  runId: number;
  asOf: string;
  findings: Finding[];
  draft: boolean; // the documents still carry pending findings (审核稿): units are not told yet
  deadline: string;
}

/**
 * After the reports of an inspection run were written: each unit its final 整改通知单, then the office a word on
 * the month (inspection done and awaiting review, or 通报 issued). Re-generating sends only what was not sent.
 */
export async function notifyReportsIssued(ctx: NotifyContext, r: IssuedReports): Promise<DeliveryCount> {
  const ev = events(ctx);
  const b = basicsOf(ctx);
  const units = await run(ctx, '整改通知', () => {
    if (r.draft || !ev.rectifyNotice) return [];
    return ctx.config.units.flatMap((u): Delivery[] => {
      const channels = unitChannels(ctx.config, u.id, ctx.env);
      const own = r.findings.filter((f) => f.unitId === u.id);
      const problems = own.filter((f) => isNotifiable(f, false)).map((f) => f.title);
      const warnings = own.filter((f) => f.kind === 'warning').length;
      if (!channels.length || (!problems.length && !warnings)) return [];
      return [
        {
          eventKey: rectifyKey(r.runId, u.id),
          event: 'rectify-notice',
          unitId: u.id,
          runId: r.runId,
          channels,
          message: rectifyNoticeMessage(b, { unitName: u.name, asOf: r.asOf, deadline: r.deadline, problems, warnings }),
        },
      ];
    });
  });
  const office = await run(ctx, '月度检查通报', () => {
    if (!ev.monthlySummary) return [];
    const channels = officeChannels(ctx.config, ctx.env);
    if (!channels.length) return [];
    const notified = r.findings.filter((f) => f.monthly && isNotifiable(f, r.draft));
    const unitsWithProblems = new Set(notified.map((f) => f.unitId)).size;
    if (r.draft) {
      return [
        {
          eventKey: `monthly-draft:run-${r.runId}`,
          event: 'monthly-draft',
          unitId: null,
          runId: r.runId,
          channels,
          message: monthlyDraftMessage(b, {
            asOf: r.asOf,
            problems: notified.length,
            unitsWithProblems,
            pending: notified.filter((f) => f.status === 'pending').length,
          }),
        },
      ];
    }
    const unitsNotified = ctx.config.units.filter((u) => wasSentTo(ctx, rectifyKey(r.runId, u.id))).length;
    return [
      {
        eventKey: `monthly-final:run-${r.runId}`,
        event: 'monthly-final',
        unitId: null,
        runId: r.runId,
        channels,
        message: monthlyFinalMessage(b, {
          asOf: r.asOf,
          units: ctx.config.units.length,
          problems: notified.length,
          unitsWithProblems,
          unitsNotified,
        }),
      },
    ];
  });
  return { sent: units.sent + office.sent, skipped: units.skipped + office.skipped, failed: units.failed + office.failed };
}

/** After a re-check (已整改 claims) or a 自查 finished or failed: the unit is told which claims passed. */
export async function notifyRecheckResult(ctx: NotifyContext, recheckId: number): Promise<DeliveryCount> {
  if (!events(ctx).recheck) return NONE;
  return run(ctx, '复查结果', () => {
    const r: RecheckRecord | null = getRecheck(ctx.store, recheckId);
    if (!r || (r.state !== 'done' && r.state !== 'failed')) return [];
    const channels = unitChannels(ctx.config, r.unitId, ctx.env);
    const unit = ctx.config.units.find((u) => u.id === r.unitId);
    if (!channels.length || !unit) return [];
    const claims = listRectifyClaims(ctx.store, { unitId: r.unitId }).filter((c) => c.recheckId === r.id);
    const findings = r.state === 'done' ? listTrackedFindings(ctx.store, { unitId: r.unitId }) : [];
    const passed: string[] = [];
    const failed: string[] = [];
    for (const claimed of new Set(claims.map((c) => c.findingId))) {
      const f = findings.find((x) => x.id === claimed);
      if (!f) continue;
      (f.lifecycle.phase === 'rectified' ? passed : failed).push(f.title);
    }
    const deductions =
      r.runId === null
        ? null
        : findings.filter((f) => f.kind === 'deduction' && f.review.status !== 'dismissed' && f.lifecycle.runs.includes(r.runId!)).length;
    return [
      {
        eventKey: `recheck:${r.id}`,
        event: 'recheck',
        unitId: r.unitId,
        runId: r.runId,
        channels,
        message: recheckMessage(basicsOf(ctx), {
          unitName: unit.name,
          reason: r.reason,
          state: r.state,
          problem: r.message,
          outcome: { passed, failed },
          deductions,
        }),
      },
    ];
  });
}

function zonedToday(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Units that were sent their 整改通知单 of the newest inspection and still have problems neither fixed nor claimed
 * fixed get one reminder, `events.reminderWorkdays` working days before the deadline.
 */
export async function sendDeadlineReminders(ctx: NotifyContext, deadlineOf: (asOf: string) => string): Promise<DeliveryCount> {
  const days = events(ctx).reminderWorkdays;
  if (!days) return NONE;
  return run(ctx, '整改提醒', () => {
    const latest = latestCompleteRun(ctx.store, 'inspection');
    if (!latest) return [];
    const deadline = deadlineOf(latest.asOf);
    const today = zonedToday(ctx.now(), ctx.config.schedule.timezone);
    if (today > deadline) return [];
    const left = workdaysBetween(today, deadline).value;
    if (left > days) return [];
    return ctx.config.units.flatMap((u): Delivery[] => {
      const channels = unitChannels(ctx.config, u.id, ctx.env);
      if (!channels.length || !wasSentTo(ctx, rectifyKey(latest.id, u.id))) return [];
      const claimed = new Set(
        listRectifyClaims(ctx.store, { unitId: u.id })
          .filter((c) => c.at >= latest.startedAt)
          .map((c) => c.findingId),
      );
      const open = listTrackedFindings(ctx.store, { runId: latest.id, unitId: u.id })
        .filter((f) => isNotifiable(f, false) && f.lifecycle.phase !== 'rectified' && !claimed.has(f.id))
        .map((f) => f.title);
      if (!open.length) return [];
      return [
        {
          eventKey: `reminder:run-${latest.id}:${u.id}`,
          event: 'reminder',
          unitId: u.id,
          runId: latest.id,
          channels,
          message: reminderMessage(basicsOf(ctx), { unitName: u.name, deadline, workdaysLeft: left, open }),
        },
      ];
    });
  });
}

/** Looks for due reminders now and every hour (zwgk serve); the record makes each one go out once. */
export function startReminderLoop(ctx: NotifyContext, deadlineOf: (asOf: string) => string, everyMs = 3_600_000): { stop(): void } {
  if (!hasAnyChannel(ctx) || !events(ctx).reminderWorkdays) return { stop() {} };
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    void sendDeadlineReminders(ctx, deadlineOf).finally(() => {
      busy = false;
    });
  };
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
