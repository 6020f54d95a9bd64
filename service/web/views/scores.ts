import type { ScoresFile, UnitScore } from '../../../scoring/index.ts';
import { esc, table } from '../html.ts';

const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

export function scoresPage(scores: ScoresFile): string {
  const order = new Map((scores.classes ?? []).map((c, i) => [c.key, i]));
  const label = new Map((scores.classes ?? []).map((c) => [c.key, c.label]));
  const rows = [...scores.units]
    .sort((a, b) => (order.get(a.class) ?? 1e9) - (order.get(b.class) ?? 1e9) || a.class.localeCompare(b.class) || a.rank - b.rank)
    .map((u) => [
      esc(label.get(u.class) ?? u.class),
      `<a href="/scores/${esc(u.unitId)}">${esc(u.unitName)}</a>`,
      `<span class="num">${esc(fmt(u.total))}</span>`,
      `<span class="num">${esc(fmt(u.totalIfPendingConfirmed))}</span>`,
      esc(u.rank),
      esc(u.gradeOverride?.grade ?? u.grade ?? ''),
    ]);
  return `<p>${esc(scores.county)} ${esc(scores.year)} 年度，计入 ${esc(scores.asOf)} 及以前的检查。草稿分只计已确认/已调整的问题；“全部确认后”为待审核问题都确认时的分数。</p>
${table(['类别', '单位', '草稿得分', '全部确认后', '类内排名', '等次'], rows, 'scores')}`;
}

export function unitScorePage(u: UnitScore): string {
  const rows = u.indicators.map((i) => [
    esc([i.level1, i.level2, i.level3].filter(Boolean).join(' / ')),
    `<span class="num">${esc(fmt(i.weight))}</span>`,
    `<span class="num">${esc(fmt(i.points))}</span>`,
    `<span class="num">${esc(fmt(i.deduction))}</span>`,
    `<span class="num">${esc(fmt(i.bonus))}</span>`,
    `<span class="num">${esc(fmt(i.pendingDeduction))}</span>`,
    i.basis.map((b) => (b.findingId ? `<a href="/findings/${esc(b.findingId)}">${esc(b.text)}</a>` : esc(b.text))).join('<br>'),
  ]);
  const extras = u.extras.map((e) => [
    esc(e.label),
    `<span class="num">${esc(fmt(e.points))}</span>`,
    e.basis.map((b) => esc(b.text)).join('<br>'),
  ]);
  return `<p>类别 ${esc(u.class)}，草稿得分 <strong id="total">${esc(fmt(u.total))}</strong>，全部确认后 ${esc(fmt(u.totalIfPendingConfirmed))}，类内排名 ${esc(u.rank)}，等次 ${esc(u.gradeOverride?.grade ?? u.grade ?? '')}
${u.gradeOverride ? `（考核小组改定：${esc(u.gradeOverride.reason)}，${esc(u.gradeOverride.by)}）` : ''}</p>
${table(['指标', '分值', '得分', '扣分', '加分', '待审核扣分', '依据'], rows)}
<h2>综合加分与重大扣分</h2>${table(['项目', '分值', '依据'], extras)}
${
  u.extraCandidates?.length
    ? `<h2>重大扣分项候选（未计入得分，须考核小组认定后录入）</h2>${table(
        ['项目', '分值', '经确认的问题', '状态'],
        u.extraCandidates.map((c) => [
          esc(c.label),
          `<span class="num">${esc(c.points ?? '酌情')}</span>`,
          c.findings.map((b) => (b.findingId ? `<a href="/findings/${esc(b.findingId)}">${esc(b.text)}</a>` : esc(b.text))).join('<br>'),
          esc(c.entered ? '已录入' : `待认定（录入项目 ${c.target}）`),
        ]),
      )}`
    : ''
}
<p><a href="/scores">返回</a></p>`;
}

export function gradesPage(scores: ScoresFile): string {
  const classes =
    scores.classes ??
    [...new Set(scores.units.map((u) => u.class))].map((k) => ({
      key: k,
      heading: k,
      units: scores.units.filter((u) => u.class === k).length,
    }));
  const blocks = classes.map((c) => {
    const g = scores.grades[c.key];
    if (!g?.total) return '';
    const units = scores.units.filter((u) => u.class === c.key).sort((a, b) => a.rank - b.rank);
    return `<h2>${esc(c.heading)}（${g.total} 个单位）</h2><p>${Object.entries(g.counts)
      .map(([k, v]) => `${esc(k)} ${esc(v)} 个`)
      .join('，')}。${esc(g.rounding)} ${esc(g.ties)}</p>
${table(
  ['排名', '单位', '得分', '等次'],
  units.map((u) => [
    esc(u.rank),
    esc(u.unitName),
    `<span class="num">${esc(fmt(u.total))}</span>`,
    esc(u.gradeOverride?.grade ?? u.grade ?? ''),
  ]),
)}`;
  });
  return blocks.join('\n');
}
