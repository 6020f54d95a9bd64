// The portal's 19号 result for a month: vetoes first, then the 扣分 part, then (above the line) the 加分 part.
import { confidenceLabel, type IndicatorTable, type MarkedNumber } from '../config/index.ts';
import type { SiteFinding } from '../checks/index.ts';

export type VetoState = 'hit' | 'suspected' | 'warning' | 'clear' | 'manual';

export interface Site19Veto {
  id: string;
  name: string;
  state: VetoState; // hit: high-confidence veto; suspected: a person must confirm; manual: no automated check
  findings: string[]; // finding ids
  note: string;
}

export interface Site19Item {
  id: string;
  name: string;
  weight: number;
  deducted: number; // high-confidence deductions, capped at the weight
  pending: number; // low-confidence deductions awaiting a person (not deducted)
  mode: 'auto' | 'manual' | 'mixed' | 'skipped';
  unverified: string[];
  findings: string[];
}

export interface Site19Result {
  siteId: string;
  siteName: string;
  month: string; // YYYY-MM
  asOf: string;
  table: { id: string; title: string; file: string };
  verdict: '不合格' | '合格' | '待人工确认';
  verdictReason: string;
  vetoes: Site19Veto[];
  deductionScore: number | null; // null when a veto decided (nothing else scored)
  deductions: Site19Item[];
  bonusScore: number | null; // null: not scored (below the line, or manual items not entered)
  bonuses: Site19Item[];
  total: number | null;
  warnings: string[]; // titles of 预警 findings
  unverified: string[]; // every ⚠/◐ value the result depends on, labelled
  findings: SiteFinding[];
}

const round = (n: number) => Math.round(n * 100) / 100;

function label(name: string, t: MarkedNumber): string | null {
  return t.conf === '✔' ? null : `${name} ${t.value}（${confidenceLabel(t.conf)}）`;
}

interface Site19Input {
  table: IndicatorTable;
  findings: SiteFinding[];
  siteId: string;
  siteName: string;
  kind: '门户' | '部门';
  month: string;
  asOf: string;
}

type Site19Base = Omit<Site19Result, 'verdict' | 'verdictReason' | 'deductionScore' | 'bonusScore' | 'total' | 'unverified'>;

export function scoreSite19(input: Site19Input): Site19Result {
  const { table, findings } = input;
  const unverified: string[] = []; // filled in order: vetoes, deductions, bonuses, the scoring lines
  const vetoes = table.vetoes.map((v) => vetoState(v, findings, unverified));
  const deductions = scoreItems(table.deductions, input, unverified);
  const bonuses = scoreItems(table.bonuses, input, unverified);
  const warnings = findings.filter((f) => f.effect === 'warning').map((f) => f.title);
  const base: Site19Base = {
    siteId: input.siteId,
    siteName: input.siteName,
    month: input.month,
    asOf: input.asOf,
    table: { id: table.id, title: table.title, file: table.file },
    vetoes,
    deductions,
    bonuses,
    warnings,
    findings,
  };
  const hits = vetoes.filter((v) => v.state === 'hit');
  if (hits.length) {
    return {
      ...base,
      verdict: '不合格',
      verdictReason: `触发单项否决：${hits.map((v) => v.name).join('、')}（单项否决即不合格，其余指标不再计分）`,
      deductionScore: null,
      bonusScore: null,
      total: null,
      unverified: [...new Set(unverified)],
    };
  }
  return scoredResult(base, table, unverified);
}

function vetoState(v: IndicatorTable['vetoes'][number], findings: SiteFinding[], unverified: string[]): Site19Veto {
  const fs = findings.filter((f) => f.item === v.id && (f.effect === 'veto' || f.effect === 'warning'));
  const hit = fs.filter((f) => f.effect === 'veto' && f.confidence === 'high');
  const suspected = fs.filter((f) => f.effect === 'veto' && f.confidence === 'low');
  const warn = fs.filter((f) => f.effect === 'warning');
  for (const f of fs) unverified.push(...f.unverified);
  const state: VetoState = hit.length
    ? 'hit'
    : suspected.length
      ? 'suspected'
      : warn.length
        ? 'warning'
        : v.mode === 'manual'
          ? 'manual'
          : 'clear';
  const note =
    state === 'manual'
      ? `需人工核查${v.note ? `：${v.note}` : ''}`
      : state === 'suspected'
        ? '疑似，需人工确认后认定'
        : state === 'warning'
          ? '已达预警线'
          : '';
  return { id: v.id, name: v.name, state, findings: fs.map((f) => f.id), note };
}

function scoreItems(items: IndicatorTable['deductions'], input: Site19Input, unverified: string[]): Site19Item[] {
  return items.map((it) => {
    const skipped = (it.skipFor ?? []).includes(input.kind);
    const fs = input.findings.filter((f) => f.item === it.id && f.effect === 'deduction');
    const per = it.points?.perOccurrence;
    const once = it.points?.once;
    const pointsFor = (list: SiteFinding[]) =>
      list.length === 0
        ? 0
        : Math.min(it.weight.value, per ? per.value * list.reduce((s, f) => s + f.occurrences, 0) : once ? once.value : it.weight.value);
    const notes = [label('分值', it.weight), per ? label('每项扣分', per) : null, once ? label('扣分', once) : null].filter(
      (x): x is string => !!x,
    );
    if (fs.length) unverified.push(...notes.map((n) => `${it.name}：${n}`));
    return {
      id: it.id,
      name: it.name,
      weight: it.weight.value,
      mode: skipped ? 'skipped' : it.mode,
      deducted: skipped ? 0 : round(pointsFor(fs.filter((f) => f.confidence === 'high'))),
      pending: skipped ? 0 : round(pointsFor(fs.filter((f) => f.confidence === 'low'))),
      unverified: notes,
      findings: fs.map((f) => f.id),
    };
  });
}

/** No veto hit: the 扣分 part decides pass or fail, and above the bonus line the 加分 part is scored. */
function scoredResult(base: Site19Base, table: IndicatorTable, unverified: string[]): Site19Result {
  const { vetoes, deductions, bonuses } = base;
  const total = table.scoring.deductionTotal.value;
  const skippedWeight = deductions.filter((d) => d.mode === 'skipped').reduce((s, d) => s + d.weight, 0);
  const raw = total - skippedWeight - deductions.reduce((s, d) => s + d.deducted, 0);
  const deductionScore = round(skippedWeight ? (raw * total) / (total - skippedWeight) : raw);
  for (const [n, t] of [
    ['不合格线', table.scoring.failBelow],
    ['计加分线', table.scoring.bonusAbove],
  ] as const) {
    const l = label(n, t);
    if (l) unverified.push(l);
  }
  const suspected = vetoes.filter((v) => v.state === 'suspected');
  const pending = deductions.reduce((s, d) => s + d.pending, 0);
  const failed = deductionScore < table.scoring.failBelow.value;
  const bonusScore = !failed && deductionScore > table.scoring.bonusAbove.value && bonuses.some((b) => b.mode !== 'manual') ? 0 : null;
  const verdict = failed ? '不合格' : suspected.length ? '待人工确认' : '合格';
  const reasons = [
    failed ? `扣分部分得分 ${deductionScore} 低于 ${table.scoring.failBelow.value} 分` : `扣分部分得分 ${deductionScore}`,
    suspected.length ? `疑似单项否决待确认：${suspected.map((v) => v.name).join('、')}` : '',
    pending ? `另有待确认扣分 ${round(pending)} 分未计入` : '',
    !failed && deductionScore > table.scoring.bonusAbove.value ? '加分部分需人工评定' : '',
  ].filter(Boolean);
  return {
    ...base,
    verdict,
    verdictReason: reasons.join('；'),
    deductionScore,
    bonusScore,
    total: round(deductionScore + (bonusScore ?? 0)),
    unverified: [...new Set(unverified)],
  };
}
