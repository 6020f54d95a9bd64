// Which findings a report may show. Only confirmed findings are notified; drafts show pending ones, marked.
import type { Finding, FindingStatus } from '../checks/index.ts';

const NOTIFIED: FindingStatus[] = ['confirmed', 'adjusted'];

export function isNotifiable(f: Finding, draft: boolean): boolean {
  if (f.kind === 'warning' || f.kind === 'bonus') return false;
  if (f.kind === 'ranged' && f.suggestedPoints >= 0) return false;
  return NOTIFIED.includes(f.status) || (draft && f.status === 'pending');
}

export function isPending(f: Finding): boolean {
  return f.status === 'pending';
}

export const PENDING_MARK = '【待确认】';
