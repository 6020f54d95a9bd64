import { listRechecks } from '../store/index.ts';
import { zonedDate } from './cron-time.ts';
import type { ServiceContext } from './context.ts';

type SelfcheckRefusal = 'selfcheck-busy' | 'selfcheck-limit';

/**
 * Why a unit user may not queue a 自查 now, or null: one at a time per unit (queued or running) and at most
 * `selfcheckPerUnitPerDay` requests per calendar day in the schedule's time zone.
 */
export function selfcheckRefusal(
  ctx: Pick<ServiceContext, 'store' | 'settings' | 'config' | 'now'>,
  unitId: string,
): SelfcheckRefusal | null {
  const recent = listRechecks(ctx.store, { unitId, limit: 200 }).filter((r) => r.reason === 'selfcheck');
  if (recent.some((r) => r.state === 'queued' || r.state === 'running')) return 'selfcheck-busy';
  const tz = ctx.config.schedule.timezone;
  const today = zonedDate(ctx.now(), tz);
  const todays = recent.filter((r) => zonedDate(new Date(r.requestedAt), tz) === today).length;
  return todays >= ctx.settings.selfcheckPerUnitPerDay ? 'selfcheck-limit' : null;
}
