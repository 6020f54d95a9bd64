// The 领导小组 summary of the annual results: content built once, rendered to .docx and HTML.
import type { Paragraph, Table } from 'docx';
import type { Chart } from './charts.ts';
import { svgDataUri } from './charts.ts';
import * as D from './docx-style.ts';
import { classCountsText } from '../config/index.ts';
import { scoreClasses } from './classes.ts';
import { dateZh, escapeHtml, fmtPoints, issuerFor, sectionNumber } from './format.ts';
import { htmlTable } from './html.ts';
import type { ScoresFile, UnitScore } from './types.ts';

interface AnnualSummary {
  title: string;
  mainTo: string;
  basics: string[];
  classTables: { heading: string; headers: string[]; rows: string[][] }[];
  decisions: string[];
  problems: string[];
  notes: string[]; // 附注: how grade quotas were rounded and ties treated
  issuer: string;
  date: string;
}

function gradeCell(u: UnitScore): string {
  return u.gradeOverride ? `${u.gradeOverride.grade}（建议调整，原${u.grade ?? '—'}）` : (u.grade ?? '—');
}

/** Grade counts in the rubric's order (优秀, 良好, 一般, 较差), unknown grades last. */
export function orderedCounts(counts: Record<string, number>, order: string[]): [string, number][] {
  const rank = (g: string) => (order.includes(g) ? order.indexOf(g) : order.length);
  return Object.entries(counts).sort((a, b) => rank(a[0]) - rank(b[0]));
}

/** One sentence end, never 。。 or 。； where two of our texts meet. */
function tidyPunctuation(s: string): string {
  return s
    .replace(/。+(?=[。；，])/g, '')
    .replace(/。{2,}/g, '。')
    .replace(/；。/g, '。');
}

export function buildAnnualSummary(
  scores: ScoresFile,
  gradeOrder: string[],
  pending: { items: number; units: number },
  issuedOn?: string,
): AnnualSummary {
  const classes = scoreClasses(scores);
  const graded = gradeOrder.length > 0;
  const counts = (cls: string) =>
    orderedCounts(scores.grades[cls]?.counts ?? {}, gradeOrder)
      .map(([k, v]) => `${k}${v}个`)
      .join('、');
  const classTables = classes.map((c) => ({
    heading: c.heading,
    headers: ['名次', '单位名称', '得分', '待确认项确认后', '等次建议'],
    rows: scores.units
      .filter((u) => u.class === c.key)
      .sort((x, y) => x.rank - y.rank)
      .map((u) => [String(u.rank), u.unitName, fmtPoints(u.total), fmtPoints(u.totalIfPendingConfirmed), gradeCell(u)]),
  }));
  const byClass = classCountsText(classes);
  const gradeLine = !graded
    ? '考核细则未规定等次比例，本报告只列得分和类内名次，不提出等次建议。'
    : classes.length > 1
      ? `${classes.map((c) => `${c.short}单位等次建议：${counts(c.key)}`).join('；')}。各等次名额的取整和同分处理见附注。`
      : `等次建议：${counts(classes[0]?.key ?? '')}。各等次名额的取整和同分处理见附注。`;
  const decisions = decisionParagraphs(scores, pending);
  const problems = mostDeductedItems(scores);
  const issuer = issuerFor(scores.county);
  return {
    title: `关于${scores.year}年度政务公开工作考核结果的报告（送审稿）`,
    mainTo: '县政务公开领导小组：',
    basics: [
      `按照《${scores.county.replace(/[（(][^）)]*[）)]/g, '')}${scores.year}年度政务公开工作考核方案》，县政府办公室对全县${scores.units.length}个单位${byClass ? `（${byClass}）` : ''}开展了年度考核，考核数据截至${dateZh(scores.asOf)}。现将考核结果报告如下，请审定。`,
      gradeLine,
    ],
    notes: graded
      ? classes
          .filter((c) => scores.grades[c.key]?.total)
          .map((c) =>
            tidyPunctuation(
              `${classes.length > 1 ? c.short : ''}名额取整：${scores.grades[c.key].rounding.replace(/[。；]$/, '')}。同分处理：${scores.grades[c.key].ties.replace(/[。；]$/, '')}。`,
            ),
          )
      : [],
    classTables,
    decisions,
    problems: problems.length ? problems : ['本年度未发现集中扣分项。'],
    issuer,
    date: dateZh(issuedOn ?? scores.asOf),
  };
}

/** 需领导小组审定的事项: grade overrides, 重大扣分项 candidates not yet entered, and what still awaits review. */
function decisionParagraphs(scores: ScoresFile, pending: { items: number; units: number }): string[] {
  const overrides = scores.units.filter((u) => u.gradeOverride);
  const candidates = scores.units.flatMap((u) => (u.extraCandidates ?? []).filter((c) => !c.entered).map((c) => ({ u, c })));
  return [
    ...overrides.map(
      (u) =>
        `${u.unitName}：建议等次由“${u.grade ?? '—'}”调整为“${u.gradeOverride!.grade}”，理由：${u.gradeOverride!.reason}（${u.gradeOverride!.by}）。`,
    ),
    ...candidates.map(
      ({ u, c }) =>
        `${u.unitName}：经确认的问题${c.findings.length}个（${c.findings
          .slice(0, 3)
          .map((b) => b.text)
          .join(
            '；',
          )}${c.findings.length > 3 ? '等' : ''}）列为重大扣分项候选“${c.label.replace(/[，,]?扣\d+分$/, '')}”${c.points === null ? '' : `（${c.points}分）`}，未计入得分，是否扣分请审定。`,
    ),
    pending.items
      ? `尚有${pending.items}项检查结果待人工确认，涉及${pending.units}个单位；确认后相关单位的得分可能变化（见评分表“待确认事项”）。`
      : '所有检查结果均已确认，无待确认事项。',
  ];
}

/** 存在的主要问题: the six items that cost the most units points. */
function mostDeductedItems(scores: ScoresFile): string[] {
  const byItem = new Map<string, { deduction: number; units: number }>();
  for (const u of scores.units) {
    for (const r of u.indicators) {
      if (r.deduction <= 0) continue;
      const key = r.level3 || r.level2;
      const cur = byItem.get(key) ?? { deduction: 0, units: 0 };
      byItem.set(key, { deduction: cur.deduction + r.deduction, units: cur.units + 1 });
    }
  }
  return [...byItem.entries()]
    .sort((x, y) => y[1].units - x[1].units || y[1].deduction - x[1].deduction)
    .slice(0, 6)
    .map(([item, v], i) => `${i + 1}.“${item}”：${v.units}个单位被扣分，合计扣${fmtPoints(v.deduction)}分。`);
}

export function summaryDocx(s: AnnualSummary, chart: Chart | null): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [D.title(s.title), D.mainTo(s.mainTo)];
  out.push(D.heading1('一、考核基本情况'), ...s.basics.map((p) => D.body(p)));
  out.push(D.heading1('二、考核结果'));
  s.classTables.forEach((t, i) =>
    out.push(D.heading2(`（${sectionNumber(i + 1)}）${t.heading}`), D.table(t.headers, t.rows, [10, 38, 14, 18, 20])),
  );
  if (chart) out.push(D.picture(chart.png, chart.width * 2, chart.height * 2), D.caption('图1 考核得分分布'));
  out.push(D.heading1('三、需领导小组审定的事项'), ...s.decisions.map((p) => D.body(p)));
  out.push(D.heading1('四、存在的主要问题'), ...s.problems.map((p) => D.body(p)));
  out.push(D.body('附件：年度考核评分表（各单位评分明细及评分依据）'));
  out.push(...D.signature(s.issuer, s.date));
  if (s.notes.length)
    out.push(D.blank(), D.body([D.run('附注', { font: '黑体' })], { indent: false }), ...s.notes.map((n, i) => D.body(`${i + 1}.${n}`)));
  return out;
}

export function summaryHtml(s: AnnualSummary, chart: Chart | null): string {
  const parts = [
    `<h1>${escapeHtml(s.title)}</h1>`,
    `<p class="to">${escapeHtml(s.mainTo)}</p>`,
    '<h2>一、考核基本情况</h2>',
    ...s.basics.map((p) => `<p>${escapeHtml(p)}</p>`),
    '<h2>二、考核结果</h2>',
  ];
  s.classTables.forEach((t, i) =>
    parts.push(`<h3>（${sectionNumber(i + 1)}）${escapeHtml(t.heading)}</h3>`, htmlTable(t.headers, t.rows, [0, 2, 3])),
  );
  if (chart)
    parts.push(`<figure><img alt="考核得分分布" src="${svgDataUri(chart.svg)}"><figcaption>图1 考核得分分布</figcaption></figure>`);
  parts.push('<h2>三、需领导小组审定的事项</h2>', ...s.decisions.map((p) => `<p>${escapeHtml(p)}</p>`));
  parts.push('<h2>四、存在的主要问题</h2>', ...s.problems.map((p) => `<p>${escapeHtml(p)}</p>`));
  parts.push(
    '<p>附件：年度考核评分表（各单位评分明细及评分依据）</p>',
    `<p>&nbsp;</p><p class="sign">${escapeHtml(s.issuer)}</p><p class="sign">${escapeHtml(s.date)}</p>`,
  );
  if (s.notes.length) parts.push('<h2>附注</h2>', ...s.notes.map((n, i) => `<p>${i + 1}.${escapeHtml(n)}</p>`));
  return parts.join('\n');
}
