// keyfield.coverage: ranged 重点领域 rows, only for the units that answer for them (rubric responsible + config keyFields).
import type { RubricRow, UnitConfig } from '../config/index.ts';
import type { UnitObservations } from '../store/index.ts';
import type { Check, CheckContext } from './context.ts';
import type { Finding } from '../model/index.ts';
import { daysBetween } from './dates.ts';
import { makeFinding } from './finding.ts';
import { column, columnEvidence, freshness, homeUnreachable, notCrawled } from './observed.ts';
import { bounds, signed } from './ranged.ts';
import { keyFieldsForUnit, ruleQuote } from './rubric-rows.ts';
import { containsAny } from './text.ts';

interface Valued {
  value: number;
  measured: string;
  low: boolean;
}

function privateEconomy(ctx: CheckContext, row: RubricRow | null, titles: string[], columnState: 'absent' | 'rows'): Valued {
  const rowParts = row?.rule.type === 'ranged' ? (row.rule.parts ?? []) : [];
  const parts = ctx.settings.privateEconomyParts.map((p) => {
    const rp = rowParts.find((r) => r.label.includes(p.id) || p.id.includes(r.label));
    const pts = ctx.settings.privateEconomyPartPoints;
    const present = columnState === 'rows' && titles.some((t) => containsAny(t, [p.id, ...p.keywords]));
    return { id: p.id, present, value: present ? (rp?.max ?? pts) : (rp?.min ?? -pts) };
  });
  const value = parts.reduce((s, p) => s + p.value, 0);
  const measured =
    columnState === 'absent'
      ? '专栏缺失或为空，4 项内容均未公开'
      : parts.map((p) => `${p.id}：${p.present ? '已公开' : '未找到'}（${signed(p.value)}）`).join('；');
  return { value, measured, low: false };
}

function coverage(ctx: CheckContext, name: string, row: RubricRow | null, titles: string[], newestDate: string | null): Valued {
  const { max } = bounds(row);
  const kinds = ctx.settings.keyFieldContents[name] ?? [];
  const missing = kinds.filter((alts) => !titles.some((t) => containsAny(t, alts))).map((alts) => alts[0]);
  const age = newestDate ? daysBetween(newestDate, ctx.asOf) : null;
  const current = age !== null && age <= ctx.settings.keyFieldCurrentDays;
  if (current && missing.length === 0) {
    return {
      value: max,
      measured: `专栏最新一条 ${newestDate}（${age} 天前），${kinds.length ? '所列内容均已公开' : '更新及时'}`,
      low: false,
    };
  }
  const why: string[] = [];
  if (!current)
    why.push(
      newestDate ? `最新一条 ${newestDate}，距检查日 ${age} 天，超过 ${ctx.settings.keyFieldCurrentDays} 天` : '没有带日期的非置顶条目',
    );
  if (missing.length) why.push(`未找到以下内容：${missing.join('、')}`);
  return { value: 0, measured: why.join('；'), low: true };
}

function evaluate(ctx: CheckContext, unit: UnitConfig, obs: UnitObservations, name: string, row: RubricRow | null): Finding | null {
  const key = `keyField:${name}`;
  const col = column(obs, key);
  if (!col) return null; // not looked for: nothing can be inferred
  const { min } = bounds(row);
  const isPrivate = name === ctx.settings.privateEconomyField;
  let result: Valued;
  if (col.status === 'missing' || col.status === 'blank') {
    result = isPrivate
      ? privateEconomy(ctx, row, [], 'absent')
      : { value: min, measured: col.status === 'missing' ? '未找到该重点领域专栏' : '该重点领域专栏为空', low: false };
  } else if (col.status !== 'ok') {
    result = { value: 0, measured: '专栏未能读取（无法访问或需要浏览器渲染）', low: true };
  } else {
    const titles = col.items.map((i) => i.title);
    result = isPrivate
      ? privateEconomy(ctx, row, titles, 'rows')
      : coverage(ctx, name, row, titles, freshness(col.items).newest?.date ?? null);
  }
  return makeFinding(unit, {
    checkId: 'keyfield.coverage',
    indicator: `keyfield.${name}`,
    column: key,
    subject: name,
    kind: 'ranged',
    title: `重点领域"${name}"：建议赋分 ${signed(result.value)}`,
    detail: `${result.measured}。考核方案："${ruleQuote(row, '根据完成情况赋分')}"。${result.low ? '自动检查无法确定，请人工评定。' : ''}`,
    suggestedPoints: result.value,
    confidence: result.low ? 'low' : 'high',
    evidence: [columnEvidence(obs, col)],
  });
}

export const keyFieldCoverage: Check = {
  id: 'keyfield.coverage',
  family: 'key-fields',
  run(ctx, unit, obs) {
    if (unit.class !== 'B' || homeUnreachable(obs) || notCrawled(obs)) return [];
    const out: Finding[] = [];
    for (const { name, row } of keyFieldsForUnit(ctx, unit)) {
      // Rows judged from evidence or another office's system (征地信息, 其他栏目) are not web checks.
      if (row && (row.mode === 'evidence' || row.mode === 'external')) continue;
      if (row && row.checks.length > 0 && !row.checks.includes('keyfield.coverage')) continue;
      const f = evaluate(ctx, unit, obs, name, row);
      if (f) out.push(f);
    }
    return out;
  },
};
