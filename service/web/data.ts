// What the pages and the API read, always scoped through canAccessUnit.
import {
  latestFindingVersion,
  listTrackedFindings,
  type TrackedFinding,
  type TrackedFindingFilter,
  type UserRecord,
} from '../../store/index.ts';
import { unitNames, type ServiceContext } from '../context.ts';
import { canAccessUnit } from './auth.ts';

export interface FindingQuery {
  unitId?: string;
  checkId?: string;
  month?: string;
  status?: TrackedFindingFilter['status'];
}

/** Findings the user may see: a unit user's query is pinned to their own unit whatever the URL says. */
export function visibleFindings(ctx: ServiceContext, user: UserRecord, q: FindingQuery): TrackedFinding[] {
  const unitId = user.role === 'unit' ? user.unitId! : q.unitId || undefined;
  const known = new Set(ctx.config.units.map((u) => u.id));
  return listTrackedFindings(ctx.store, {
    unitId,
    checkId: q.checkId || undefined,
    month: q.month || undefined,
    status: q.status,
    unitNames: unitNames(ctx),
  }).filter((f) => known.has(f.unitId) && canAccessUnit(user, f.unitId));
}

/** One finding, or null when it does not exist or belongs to a unit the user may not see (same answer: 404). */
export function visibleFinding(ctx: ServiceContext, user: UserRecord, id: string): TrackedFinding | null {
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(id)) return null;
  const version = latestFindingVersion(ctx.store, id);
  if (!version || !canAccessUnit(user, version.unitId)) return null;
  return listTrackedFindings(ctx.store, { unitId: version.unitId, unitNames: unitNames(ctx) }).find((f) => f.id === id) ?? null;
}

export function unitName(ctx: ServiceContext, unitId: string | null | undefined): string {
  return ctx.config.units.find((u) => u.id === unitId)?.name ?? unitId ?? '';
}

export const MONTH_RE = /^\d{4}-\d{2}$/;
