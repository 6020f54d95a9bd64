import type { RubricBonus, RubricExtraItem, RubricRow } from '../config/index.ts';

// The arithmetic of each rubric rule form (计分办法 of the 2023 plan): pure functions, no I/O.
// 减分制: 减分上限为自身权重分值; 加分: capped per row; 正负赋分: value within [min, max];
// 综合加分项 / 重大扣分项: no upper bound.

export interface RuleInput {
  occurrences?: number; // deduction occurrences (件/项/次)
  levelId?: string; // levels rule: which level applies
  value?: number; // ranged/assigned value
  partValues?: Record<string, number>; // ranged rule with parts: value per part id
  bonusOccurrences?: number; // bonus occurrences at the base points
  bonusVariants?: Record<string, number>; // bonus occurrences per variant id (e.g. praised: 2)
  items?: Record<string, number>; // checklist: per item id, 1/0 for yes/no items, a count for counted items
  periods?: string[]; // quota: the periods due (2023-01 … or 2023-Q1 …)
  periodCounts?: Record<string, number>; // quota: items published per period
}

export interface RuleResult {
  deduction: number; // ≥ 0, after caps
  bonus: number; // ≥ 0, after cap
  value: number; // the row's score before bonus: weight − deduction, or the clamped ranged/assigned value
  points: number; // value + bonus
  capApplied: 'deduction' | 'bonus' | 'both' | null;
  clamped: boolean; // a ranged/assigned value (or a part) was outside its range
  notEntered?: string[]; // parts, items or periods with no entry (scored as nothing entered, not at the floor)
  explanation: string; // Chinese
}

/** Two decimals: the rubric's smallest step is 0.5, this only removes float noise. */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function count(n: number | undefined): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : 0;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

interface Part {
  deduction: number;
  capped: boolean;
  text: string;
}

function applyDeduction(row: RubricRow, input: RuleInput): Part {
  const rule = row.rule;
  const counter = row.counter ?? '件';
  let raw = 0;
  let text = '';
  if (rule.type === 'perOccurrence') {
    const n = count(input.occurrences);
    raw = round(n * rule.points);
    text = n > 0 ? `${n} ${counter} × ${rule.points} 分 = ${raw} 分` : '';
  } else if (rule.type === 'once') {
    raw = count(input.occurrences) > 0 ? rule.points : 0;
    text = raw > 0 ? '存在扣分情形' : '';
  } else if (rule.type === 'levels' && input.levelId !== undefined) {
    const level = rule.levels.find((l) => l.id === input.levelId);
    if (!level) throw new Error(`指标“${row.id}”没有档次“${input.levelId}”（可选：${rule.levels.map((l) => l.id).join('、')}）`);
    raw = level.points;
    text = level.label;
  }
  if (raw === 0) return { deduction: 0, capped: false, text: '未发现扣分情形，不扣分' };
  const limit = rule.type === 'perOccurrence' ? Math.min(rule.cap, row.weight) : row.weight;
  const deduction = round(Math.min(raw, limit));
  const capped = deduction < raw;
  if (rule.type === 'perOccurrence') {
    return { deduction, capped, text: capped ? `${text}，按上限扣 ${deduction} 分` : `${text}，扣 ${deduction} 分` };
  }
  return { deduction, capped, text: `${text}，扣 ${deduction} 分${capped ? '（以自身权重为限）' : ''}` };
}

function applyBonus(bonus: RubricBonus | null, rowId: string, input: RuleInput): { bonus: number; capped: boolean; text: string } {
  const n = count(input.bonusOccurrences);
  const variants = Object.entries(input.bonusVariants ?? {}).filter(([, k]) => count(k) > 0);
  if (!bonus) {
    if (n > 0 || variants.length > 0) throw new Error(`指标“${rowId}”没有加分标准，不能加分`);
    return { bonus: 0, capped: false, text: '' };
  }
  const counter = bonus.counter ?? '件';
  const terms: string[] = [];
  let raw = 0;
  if (n > 0) {
    raw += n * bonus.points;
    terms.push(`${n} ${counter} × ${bonus.points} 分`);
  }
  for (const [id, k] of variants) {
    const variant = bonus.variants?.find((v) => v.id === id);
    if (!variant) throw new Error(`指标“${rowId}”没有加分情形“${id}”`);
    raw += k * variant.points;
    terms.push(`${variant.label} ${k} ${counter} × ${variant.points} 分`);
  }
  raw = round(raw);
  if (raw === 0) return { bonus: 0, capped: false, text: '' };
  const value = round(bonus.cap === null ? raw : Math.min(raw, bonus.cap));
  const capped = value < raw;
  return { bonus: value, capped, text: `加分：${terms.join(' + ')} = ${raw} 分，${capped ? `按上限加 ${value} 分` : `加 ${value} 分`}` };
}

function applyRange(row: RubricRow, input: RuleInput): { value: number; clamped: boolean; notEntered?: string[]; text: string } {
  const rule = row.rule;
  if (rule.type !== 'ranged' && rule.type !== 'assigned') throw new Error('not a ranged rule');
  const range = `${rule.min}—${rule.max}`;
  if (rule.type === 'ranged' && rule.parts && input.partValues) {
    let clamped = false;
    const texts: string[] = [];
    const notEntered: string[] = [];
    let total = 0;
    for (const part of rule.parts) {
      const given = input.partValues[part.id];
      if (given === undefined || !Number.isFinite(given)) {
        notEntered.push(part.id);
        texts.push(`${part.label} 未录入`);
        continue;
      }
      const raw = given;
      const v = clamp(raw, part.min, part.max);
      if (v !== raw) clamped = true;
      total += v;
      texts.push(`${part.label} ${v} 分${v !== raw ? `（${raw} 超出 ${part.min}—${part.max}）` : ''}`);
    }
    const unknown = Object.keys(input.partValues).filter((id) => !rule.parts?.some((p) => p.id === id));
    if (unknown.length > 0) throw new Error(`指标“${row.id}”没有分项“${unknown.join('、')}”`);
    const value = round(clamp(total, rule.min, rule.max));
    return { value, clamped, notEntered, text: `${texts.join('；')}；合计赋分 ${value} 分（范围 ${range}）` };
  }
  const raw = input.value !== undefined && Number.isFinite(input.value) ? input.value : 0;
  const value = round(clamp(raw, rule.min, rule.max));
  const clamped = value !== round(raw);
  return { value, clamped, text: clamped ? `赋分 ${raw} 分超出范围 ${range}，按 ${value} 分计` : `赋分 ${value} 分（范围 ${range}）` };
}

/** Checklist: each item's points (× its count up to the item's max); deduct from or earn towards the weight. */
function applyChecklist(
  row: RubricRow,
  input: RuleInput,
): { deduction: number; value: number; capped: boolean; notEntered: string[]; text: string } {
  const rule = row.rule;
  if (rule.type !== 'checklist') throw new Error('not a checklist rule');
  const unknown = Object.keys(input.items ?? {}).filter((id) => !rule.items.some((i) => i.id === id));
  if (unknown.length > 0) throw new Error(`指标“${row.id}”没有子项“${unknown.join('、')}”`);
  const notEntered: string[] = [];
  const texts: string[] = [];
  let raw = 0;
  for (const item of rule.items) {
    const given = input.items?.[item.id];
    if (given === undefined || !Number.isFinite(given)) {
      notEntered.push(item.id);
      continue;
    }
    const got = round(Math.min(count(given) * item.points, item.max ?? item.points));
    raw += got;
    if (got > 0) texts.push(`${item.label} ${rule.mode === 'deduct' ? '扣' : '得'} ${got} 分`);
  }
  raw = round(raw);
  const amount = round(Math.min(raw, row.weight));
  const capped = amount < raw;
  const missing = notEntered.length ? `；未录入：${notEntered.map((id) => rule.items.find((i) => i.id === id)!.label).join('、')}` : '';
  if (rule.mode === 'deduct') {
    const text = amount > 0 ? `${texts.join('；')}，共扣 ${amount} 分${capped ? '（扣完为止）' : ''}` : '各子项未发现扣分情形，不扣分';
    return { deduction: amount, value: round(row.weight - amount), capped, notEntered, text: text + missing };
  }
  const text = amount > 0 ? `${texts.join('；')}，共得 ${amount} 分${capped ? `（以 ${row.weight} 分为限）` : ''}` : '各子项均未得分';
  return { deduction: 0, value: amount, capped, notEntered, text: text + missing };
}

/** 1 + one more per `step` beyond `over`: 超过10%的加1分，此后每超过20%加1分 (strictly above each mark). */
export function aboveSteps(ratio: number, over: number, step: number): number {
  if (!(ratio > over + 1e-9)) return 0;
  return Math.ceil((ratio - over) / step - 1e-9);
}

/** Quota per period: below target −below, blank −blank, 扣完为止; above by more than `over` earns points. */
function applyQuota(
  row: RubricRow,
  input: RuleInput,
): { deduction: number; value: number; bonus: number; capped: boolean; bonusCapped: boolean; notEntered: string[]; text: string } {
  const rule = row.rule;
  if (rule.type !== 'quota') throw new Error('not a quota rule');
  const counter = rule.counter ?? '条';
  const periods = input.periods ?? Object.keys(input.periodCounts ?? {}).sort();
  const notEntered: string[] = [];
  const blank: string[] = [];
  const below: string[] = [];
  let bonusRaw = 0;
  let total = 0;
  for (const p of periods) {
    const c = input.periodCounts?.[p];
    if (c === undefined || !Number.isFinite(c)) {
      notEntered.push(p);
      continue;
    }
    total += c;
    if (c <= 0) blank.push(p);
    else if (c < rule.target) below.push(`${p}（${c} ${counter}）`);
    if (rule.above?.per === 'period')
      bonusRaw += rule.above.points * aboveSteps((c - rule.target) / rule.target, rule.above.over, rule.above.step);
  }
  const entered = periods.length - notEntered.length;
  if (rule.above?.per === 'total' && entered > 0) {
    const required = rule.target * entered;
    bonusRaw += rule.above.points * aboveSteps((total - required) / required, rule.above.over, rule.above.step);
  }
  const raw = round(blank.length * rule.blank + below.length * rule.below);
  const deduction = round(Math.min(raw, row.weight));
  const capped = deduction < raw;
  const cap = rule.above?.cap ?? null;
  const bonus = round(cap === null ? bonusRaw : Math.min(bonusRaw, cap));
  const texts: string[] = [`应考核 ${periods.length} 个${rule.period === 'month' ? '月' : '季度'}，每期不低于 ${rule.target} ${counter}`];
  if (blank.length) texts.push(`空白 ${blank.length} 期（${blank.join('、')}）× ${rule.blank} 分`);
  if (below.length) texts.push(`低于规定数量 ${below.length} 期（${below.join('、')}）× ${rule.below} 分`);
  texts.push(raw > 0 ? `扣 ${deduction} 分${capped ? '（扣完为止）' : ''}` : '不扣分');
  if (bonusRaw > 0) texts.push(`超过规定数量加 ${bonus} 分${bonus < bonusRaw ? '（按上限）' : ''}`);
  if (notEntered.length) texts.push(`未录入：${notEntered.join('、')}`);
  return {
    deduction,
    value: round(row.weight - deduction),
    bonus,
    capped,
    bonusCapped: bonus < bonusRaw,
    notEntered,
    text: texts.join('，'),
  };
}

/** Applies one rubric row's rule and bonus to what was found. Throws on an unknown level, variant or part id. */
export function applyRule(row: RubricRow, input: RuleInput): RuleResult {
  const bonusPart = applyBonus(row.bonus, row.id, input);
  const ranged = row.rule.type === 'ranged' || row.rule.type === 'assigned';
  let deduction = 0;
  let value: number;
  let clamped = false;
  let deductionCapped = false;
  let notEntered: string[] | undefined;
  const texts: string[] = [];
  if (row.rule.type === 'checklist') {
    const c = applyChecklist(row, input);
    deduction = c.deduction;
    value = c.value;
    deductionCapped = c.capped && row.rule.mode === 'deduct';
    notEntered = c.notEntered;
    texts.push(c.text);
  } else if (row.rule.type === 'quota') {
    const q = applyQuota(row, input);
    deduction = q.deduction;
    value = q.value;
    deductionCapped = q.capped;
    notEntered = q.notEntered;
    texts.push(q.text);
    // the quota's own 超额 points are the row's bonus (reported as bonus, like a row's 加分标准)
    bonusPart.bonus = round(bonusPart.bonus + q.bonus);
    if (q.bonusCapped) bonusPart.capped = true;
  } else if (row.rule.type === 'countUp') {
    const n = count(input.occurrences);
    const raw = round(n * row.rule.points);
    value = round(Math.min(raw, row.rule.max));
    texts.push(
      n > 0
        ? `${n} ${row.counter ?? '项'} × ${row.rule.points} 分 = ${raw} 分${raw > value ? `，最高 ${row.rule.max} 分` : ''}`
        : '未录入得分项，得 0 分',
    );
    clamped = raw > value;
  } else if (ranged) {
    const r = applyRange(row, input);
    value = r.value;
    clamped = r.clamped;
    notEntered = r.notEntered;
    texts.push(r.text);
  } else if (row.rule.type === 'none') {
    value = 0;
    if (!bonusPart.text) texts.push('未发现加分情形');
  } else {
    const d = applyDeduction(row, input);
    deduction = d.deduction;
    deductionCapped = d.capped;
    value = round(row.weight - deduction);
    texts.push(d.text);
  }
  if (bonusPart.text) texts.push(bonusPart.text);
  const points = round(value + bonusPart.bonus);
  texts.push(`得 ${points} 分`);
  const capApplied = deductionCapped && bonusPart.capped ? 'both' : deductionCapped ? 'deduction' : bonusPart.capped ? 'bonus' : null;
  const result: RuleResult = { deduction, bonus: bonusPart.bonus, value, points, capApplied, clamped, explanation: texts.join('；') };
  if (notEntered && notEntered.length > 0) result.notEntered = notEntered;
  return result;
}

export interface ExtraAward {
  kind: 'bonus' | 'penalty'; // 综合加分项 / 重大扣分项
  item: RubricExtraItem;
  count?: number; // occurrences; non-repeatable items count once
  points?: number; // the amount decided for a discretionary (酌情) item, ≥ 0
}

export interface ExtrasResult {
  bonus: number; // ≥ 0, uncapped
  penalty: number; // ≥ 0, uncapped
  net: number; // bonus − penalty
  lines: { kind: 'bonus' | 'penalty'; id: string; points: number; explanation: string }[];
  explanation: string;
}

/** 综合加分项与重大扣分项: no upper bound (计分办法). Throws when a discretionary item has no amount. */
export function applyExtras(items: ExtraAward[]): ExtrasResult {
  const lines: ExtrasResult['lines'] = [];
  for (const award of items) {
    const { item, kind } = award;
    const verb = kind === 'bonus' ? '加' : '扣';
    let points: number;
    let explanation: string;
    if (item.points === null) {
      if (award.points === undefined || !Number.isFinite(award.points) || award.points < 0) {
        throw new Error(`“${item.label}”为酌情${verb}分项，须给出分值`);
      }
      points = round(award.points);
      explanation = `${item.label}：酌情${verb} ${points} 分`;
    } else {
      const requested = award.count === undefined ? 1 : count(award.count);
      const n = item.repeatable ? requested : Math.min(requested, 1);
      points = round(n * item.points);
      explanation = item.repeatable
        ? `${item.label}：${n} 项 × ${item.points} 分 = ${points} 分`
        : `${item.label}：${verb} ${points} 分${requested > 1 ? '（不可累计）' : ''}`;
    }
    if (points > 0) lines.push({ kind, id: item.id, points, explanation });
  }
  const bonus = round(lines.filter((l) => l.kind === 'bonus').reduce((a, l) => a + l.points, 0));
  const penalty = round(lines.filter((l) => l.kind === 'penalty').reduce((a, l) => a + l.points, 0));
  const parts = [`综合加分 ${bonus} 分`, `重大扣分 ${penalty} 分`];
  return {
    bonus,
    penalty,
    net: round(bonus - penalty),
    lines,
    explanation: `${lines.map((l) => l.explanation).join('；')}${lines.length ? '；' : ''}${parts.join('，')}`,
  };
}
