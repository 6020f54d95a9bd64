import type { GradeRule, UnitClass } from '../config/index.ts';
import type { GradeSummary } from './types.ts';

const CLASS_LABEL: Record<string, string> = { A: '乡镇', B: '县直单位' };

/** Competition ranking within a class (1, 2, 2, 4): equal totals share a rank. */
export function rankTotals(totals: { unitId: string; total: number }[]): Map<string, number> {
  const sorted = [...totals].sort((a, b) => b.total - a.total || a.unitId.localeCompare(b.unitId));
  const ranks = new Map<string, number>();
  sorted.forEach((u, i) => {
    const prev = sorted[i - 1];
    ranks.set(u.unitId, prev && prev.total === u.total ? ranks.get(prev.unitId)! : i + 1);
  });
  return ranks;
}

function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

export interface GradeSuggestion {
  grades: Map<string, string>;
  summary: GradeSummary;
}

/**
 * Suggests grades by the plan's quotas (五、考核程序（三）): 优秀 30%, 良好 50–60%, 一般和较差 A 20% / B 10%.
 * Counts: 优秀 = ⌊n×30%⌋ (a quota is a ceiling); 一般和较差 = n×比例 rounded half up; 良好 = the rest.
 * A boundary falling inside a group of equal totals moves the whole group to the better grade.
 * The plan does not split 一般 from 较差: the lower group is suggested 一般 and 较差 is left to the evaluator.
 */
export function suggestGrades(
  cls: UnitClass,
  totals: { unitId: string; total: number }[],
  rule: GradeRule,
  names: Map<string, string> = new Map(),
  classLabel?: string,
): GradeSuggestion {
  const [excellent, good, fair, poor] = rule.order;
  const n = totals.length;
  const sorted = [...totals].sort((a, b) => b.total - a.total || a.unitId.localeCompare(b.unitId));
  const lowerShare = rule.lower[cls] ?? 0;
  const quotaEx = Math.floor(n * rule.excellent + 1e-9);
  const quotaLow = Math.min(n - quotaEx, roundHalfUp(n * lowerShare));
  const quotaGood = n - quotaEx - quotaLow;
  const goodMin = Math.ceil(n * rule.good.min - 1e-9);
  const goodMax = Math.floor(n * rule.good.max + 1e-9);
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  const rounding =
    [
      `${classLabel ?? CLASS_LABEL[cls] ?? cls}共 ${n} 个单位。${excellent} ${pct(rule.excellent)}：${n}×${rule.excellent}=${round2(n * rule.excellent)}，向下取整为 ${quotaEx} 个（比例为上限）`,
      `${fair}和${poor} ${pct(lowerShare)}：${n}×${lowerShare}=${round2(n * lowerShare)}，四舍五入为 ${quotaLow} 个`,
      `${good}为其余 ${quotaGood} 个（方案比例 ${pct(rule.good.min)}–${pct(rule.good.max)}，即 ${goodMin}–${goodMax} 个${quotaGood < goodMin || quotaGood > goodMax ? '，本次超出该范围，请领导小组审定' : ''}）`,
      `方案未规定${fair}与${poor}的划分：后段单位统一建议为“${fair}”，“${poor}”由考核小组按实际情况改定（须填写理由）`,
    ].join('；') + '。';

  const ends = [quotaEx, quotaEx + quotaGood, n];
  const labels = [excellent, good, fair];
  const grades = new Map<string, string>();
  const tieNotes: string[] = [];
  let start = 0;
  for (let g = 0; g < labels.length; g++) {
    let end = Math.max(ends[g], start);
    if (end > start && end < n && sorted[end].total === sorted[end - 1].total) {
      const tied = sorted[end - 1].total;
      const group = sorted.filter((u) => u.total === tied);
      const next = sorted.findIndex((u, k) => k >= end && u.total !== tied);
      end = next === -1 ? n : next;
      tieNotes.push(
        `${labels[g]}与${labels[g + 1]}的分界处有 ${group.length} 个单位同为 ${tied} 分（${group.map((u) => names.get(u.unitId) ?? u.unitId).join('、')}），均建议为${labels[g]}，${labels[g]}因此为 ${end - start} 个，多于按比例计算的个数，请领导小组审定`,
      );
    }
    for (let k = start; k < end; k++) grades.set(sorted[k].unitId, labels[g]);
    start = end;
  }
  const counts: Record<string, number> = Object.fromEntries(rule.order.map((g) => [g, 0]));
  for (const g of grades.values()) counts[g] = (counts[g] ?? 0) + 1;
  return {
    grades,
    summary: {
      total: n,
      counts,
      rounding,
      ties: tieNotes.length ? `${tieNotes.join('；')}。` : '分界处没有同分单位：同分单位（如有）排名相同，等次按上述个数划分。',
    },
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
