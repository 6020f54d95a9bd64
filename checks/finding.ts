import { createHash } from 'node:crypto';
import type { UnitConfig } from '../config/index.ts';
import type { CheckId, Confidence, Evidence, Finding, FindingKind } from '../model/index.ts';
import { identitySubject } from './finding-identity.ts';

export function findingKey(unitId: string, checkId: CheckId, column: string | null, subject: string): string {
  return `${unitId}|${checkId}|${column ?? ''}|${subject}`;
}

/** First 16 hex digits of sha256(key): the same gap next month keeps its id. */
export function findingId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

interface FindingInput {
  checkId: CheckId;
  indicator: string;
  column: string | null;
  subject: string;
  kind: FindingKind;
  title: string;
  detail: string;
  occurrences?: number;
  suggestedPoints: number;
  confidence?: Confidence;
  /** Chinese: why the confidence is what it is; a default is given when a check does not say. */
  confidenceReason?: string;
  monthly?: boolean;
  evidence: Evidence[];
}

export function makeFinding(unit: UnitConfig, input: FindingInput): Finding {
  const key = findingKey(unit.id, input.checkId, input.column, identitySubject(input.subject, unit.home));
  return {
    id: findingId(key),
    key,
    unitId: unit.id,
    unitName: unit.name,
    checkId: input.checkId,
    indicator: input.indicator,
    column: input.column,
    subject: input.subject,
    kind: input.kind,
    title: input.title,
    detail: input.detail,
    occurrences: input.occurrences ?? 1,
    suggestedPoints: roundPoints(input.suggestedPoints),
    confidence: input.confidence ?? 'high',
    confidenceReason: input.confidenceReason ?? defaultConfidenceReason(input.confidence ?? 'high'),
    monthly: input.monthly ?? false,
    evidence: input.evidence,
    status: 'pending',
  };
}

/** For checks that do not give a reason of their own. */
function defaultConfidenceReason(c: Confidence): string {
  return c === 'high' ? '按检查规则的直接证据判定' : '证据不完整或为间接证据，需人工核实';
}

function roundPoints(n: number): number {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

/** Warnings share the check id of the rule they foresee; the 预警 prefix keeps their key apart. */
export function warningSubject(subject: string): string {
  return `预警:${subject}`;
}
