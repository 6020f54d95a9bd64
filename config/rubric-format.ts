import { groupPath } from './rubric-range.ts';
import type { Rubric, RubricClass, RubricRow } from './rubric-types.ts';
import type { UnitClass } from './schema.ts';

// The rubric as evaluators read it (`zwgk rubric`): Chinese, grouped by 一级指标, columns aligned by display width.

const CLASS_NAMES: Record<string, string> = { A: 'A类，乡镇', B: 'B类，县直单位' };

function className(rubric: Rubric, cls: UnitClass): string {
  const label = rubric.classes[cls]?.label;
  return label ? (label === cls ? label : `${cls}类，${label}`) : (CLASS_NAMES[cls] ?? cls);
}

/** Terminal display width: CJK and full-width forms take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x2018 && code <= 0x201d)
        ? 2
        : 1;
  }
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function isBlank(text: string): boolean {
  return text.trim() === '' || text.trim() === '-';
}

function scoreText(row: RubricRow): string {
  if (row.rule.type === 'ranged' || row.rule.type === 'assigned') return `${row.rule.min}—${row.rule.max}`;
  if (row.rule.type === 'none') return '—（只加分）';
  if (row.rule.type === 'countUp') return `0—${row.rule.max}`;
  return String(row.weight);
}

/** How the row is computed, when its rule says more than its 扣分标准 cell (checklist items, quotas). */
function ruleLines(row: RubricRow): string[] {
  const r = row.rule;
  if (r.type === 'checklist') {
    return r.items.map(
      (item) =>
        `      子项 ${item.id}：${item.label}，${r.mode === 'deduct' ? '扣' : '得'} ${item.points} 分${item.max !== undefined && item.max !== item.points ? `/项，最高 ${item.max} 分` : ''}`,
    );
  }
  if (r.type === 'quota') {
    const above = r.above
      ? `；超过规定数量 ${Math.round(r.above.over * 100)}% 加 ${r.above.points} 分，此后每超过 ${Math.round(r.above.step * 100)}% 再加 ${r.above.points} 分${r.above.cap === null ? '（不设上限）' : `（上限 ${r.above.cap} 分）`}`
      : '';
    return [
      `      数量要求：每${r.period === 'month' ? '月' : '季度'}不低于 ${r.target} ${r.counter ?? '条'}；低于规定数量每期扣 ${r.blank === r.below ? r.below : `${r.below} 分，空白每期扣 ${r.blank}`} 分，扣完为止${above}${r.column ? `；数据来源：栏目 ${r.column} 的网上发布数量` : '；数据来源：人工录入'}`,
    ];
  }
  return [];
}

function groupHeading(cls: RubricClass, row: RubricRow): string | null {
  const path = groupPath(cls, row.group);
  if (path.length === 0) return null;
  return path
    .map(
      (g, i) =>
        `${'  '.repeat(i)}${g.label}${g.scaleTo !== undefined ? `（权重 ${g.scaleTo}）` : g.min !== undefined || g.max !== undefined ? `（${g.min ?? ''}—${g.max ?? ''}）` : ''}`,
    )
    .join(' › ');
}

function formatClass(rubric: Rubric, cls: UnitClass): string[] {
  const klass = rubric.classes[cls];
  const { rows, base } = klass;
  const w2 = Math.max(displayWidth('二级指标'), ...rows.map((r) => displayWidth(r.level2)));
  const w3 = Math.max(displayWidth('三级指标'), ...rows.map((r) => displayWidth(r.level3 || '—')));
  const total = klass.scaleTo !== undefined ? `，总分折算为${klass.scaleTo}分` : base !== null ? `，总分按${base}分计` : '，总分不设上限';
  const lines: string[] = [`${rubric.title}（${className(rubric, cls)}${total}）`];
  lines.push(`  ${pad('二级指标', w2)}  ${pad('三级指标', w3)}  赋分`);
  let level1: string | null = null;
  let heading: string | null = null;
  for (const row of rows) {
    if (row.level1 !== level1) {
      level1 = row.level1;
      lines.push('', `一级指标：${row.level1}${row.level1Weight !== null ? `（${row.level1Weight}分）` : ''}`);
    }
    const h = groupHeading(klass, row);
    if (h !== null && h !== heading) {
      heading = h;
      lines.push(`  指标组：${h}`);
    }
    lines.push(`  ${pad(row.level2, w2)}  ${pad(row.level3 || '—', w3)}  ${scoreText(row)}`);
    if (!isBlank(row.deductionText)) {
      const label = row.rule.type === 'ranged' || row.rule.type === 'assigned' ? '赋分标准' : '扣分标准';
      lines.push(`      ${label}：${row.deductionText}`);
    }
    lines.push(...ruleLines(row));
    if (!isBlank(row.bonusText)) lines.push(`      加分标准：${row.bonusText}`);
    lines.push(`      考核方式：${row.method}${row.mode === 'web' && row.checks.length === 0 ? '（尚无自动检查，由人工录入）' : ''}`);
    if (row.responsible !== undefined) {
      lines.push(`      考核对象：${row.responsible.length > 0 ? row.responsible.join('、') : '县配置中指定的单位'}`);
    }
  }
  return lines;
}

function formatExtras(rubric: Rubric): string[] {
  const { bonus, penalty, bonusMethod, penaltyMethod } = rubric.extras;
  if (bonus.length === 0 && penalty.length === 0) return ['综合加分项、重大扣分项：考核细则未设'];
  return [
    `综合加分项（不设上限；考核方式：${bonusMethod}）`,
    ...bonus.map((item, i) => `  （${i + 1}）${item.label}`),
    `重大扣分项（不设上限；考核方式：${penaltyMethod}）`,
    ...penalty.map(
      (item, i) =>
        `  （${i + 1}）${item.label}${item.checks?.length ? `（候选：检查项 ${item.checks.join('、')} 经评议人员确认的问题，由考核小组认定后录入，不自动扣分）` : ''}`,
    ),
  ];
}

function formatGrading(rubric: Rubric): string[] {
  const g = rubric.grading;
  if (g === null) return ['考核等次：考核细则未规定等次比例'];
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  return [
    `考核等次：${g.order.join('、')}`,
    `  优秀 ${pct(g.excellent)}；良好 ${pct(g.good.min)}~${pct(g.good.max)}；一般和较差 ${Object.entries(g.lower)
      .map(([c, v]) => `${c}类 ${pct(v)}`)
      .join('、')}`,
    `  ${g.note}`,
  ];
}

/** The whole rubric (or one class) as plain Chinese text. */
export function formatRubricText(rubric: Rubric, cls?: UnitClass): string {
  const classes: UnitClass[] = cls ? [cls] : Object.keys(rubric.classes);
  const blocks = classes.map((c) => formatClass(rubric, c).join('\n'));
  return [`来源：${rubric.source}`, ...blocks, formatExtras(rubric).join('\n'), formatGrading(rubric).join('\n')].join('\n\n') + '\n';
}
