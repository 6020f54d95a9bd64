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
}

export interface RuleResult {
  deduction: number; // ≥ 0, after caps
  bonus: number; // ≥ 0, after cap
  value: number; // the row's score before bonus: weight − deduction, or the clamped ranged/assigned value
  points: number; // value + bonus
  capApplied: 'deduction' | 'bonus' | 'both' | null;
  clamped: boolean; // a ranged/assigned value (or a part) was outside its range
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

interface Part { deduction: number; capped: boolean; text: string }

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
  const value = round(Math.min(raw, bonus.cap));
  const capped = value < raw;
  return { bonus: value, capped, text: `加分：${terms.join(' + ')} = ${raw} 分，${capped ? `按上限加 ${value} 分` : `加 ${value} 分`}` };
}

function applyRange(row: RubricRow, input: RuleInput): { value: number; clamped: boolean; text: string } {
  const rule = row.rule;
  if (rule.type !== 'ranged' && rule.type !== 'assigned') throw new Error('not a ranged rule');
  const range = `${rule.min}—${rule.max}`;
  if (rule.type === 'ranged' && rule.parts && input.partValues) {
    let clamped = false;
    const texts: string[] = [];
    let total = 0;
    for (const part of rule.parts) {
      const given = input.partValues[part.id];
      const raw = given !== undefined && Number.isFinite(given) ? given : 0;
      const v = clamp(raw, part.min, part.max);
      if (v !== raw) clamped = true;
      total += v;
      texts.push(`${part.label} ${v} 分${v !== raw ? `（${raw} 超出 ${part.min}—${part.max}）` : ''}`);
    }
    const unknown = Object.keys(input.partValues).filter((id) => !rule.parts?.some((p) => p.id === id));
    if (unknown.length > 0) throw new Error(`指标“${row.id}”没有分项“${unknown.join('、')}”`);
    const value = round(clamp(total, rule.min, rule.max));
    return { value, clamped, text: `${texts.join('；')}；合计赋分 ${value} 分（范围 ${range}）` };
  }
  const raw = input.value !== undefined && Number.isFinite(input.value) ? input.value : 0;
  const value = round(clamp(raw, rule.min, rule.max));
  const clamped = value !== round(raw);
  return { value, clamped, text: clamped ? `赋分 ${raw} 分超出范围 ${range}，按 ${value} 分计` : `赋分 ${value} 分（范围 ${range}）` };
}

/** Applies one rubric row's rule and bonus to what was found. Throws on an unknown level, variant or part id. */
export function applyRule(row: RubricRow, input: RuleInput): RuleResult {
  const bonusPart = applyBonus(row.bonus, row.id, input);
  const ranged = row.rule.type === 'ranged' || row.rule.type === 'assigned';
  let deduction = 0;
  let value: number;
  let clamped = false;
  let deductionCapped = false;
  const texts: string[] = [];
  if (ranged) {
    const r = applyRange(row, input);
    value = r.value;
    clamped = r.clamped;
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
  return { deduction, bonus: bonusPart.bonus, value, points, capApplied, clamped, explanation: texts.join('；') };
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
  return { bonus, penalty, net: round(bonus - penalty), lines, explanation: `${lines.map((l) => l.explanation).join('；')}${lines.length ? '；' : ''}${parts.join('，')}` };
}
