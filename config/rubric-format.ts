import type { Rubric, RubricRow } from './rubric-types.ts';
import type { UnitClass } from './schema.ts';

// The rubric as evaluators read it (`zwgk rubric`): Chinese, grouped by 一级指标, columns aligned by display width.

const CLASS_NAMES: Record<UnitClass, string> = { A: 'A类，乡镇', B: 'B类，县直单位' };

/** Terminal display width: CJK and full-width forms take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
      || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
      || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x2018 && code <= 0x201d) ? 2 : 1;
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
  return String(row.weight);
}

function formatClass(rubric: Rubric, cls: UnitClass): string[] {
  const { rows, base } = rubric.classes[cls];
  const w2 = Math.max(displayWidth('二级指标'), ...rows.map((r) => displayWidth(r.level2)));
  const w3 = Math.max(displayWidth('三级指标'), ...rows.map((r) => displayWidth(r.level3 || '—')));
  const lines: string[] = [`${rubric.title}（${CLASS_NAMES[cls]}${base !== null ? `，总分按${base}分计` : '，总分不设上限'}）`];
  lines.push(`  ${pad('二级指标', w2)}  ${pad('三级指标', w3)}  赋分`);
  let level1: string | null = null;
  for (const row of rows) {
    if (row.level1 !== level1) {
      level1 = row.level1;
      lines.push('', `一级指标：${row.level1}${row.level1Weight !== null ? `（${row.level1Weight}分）` : ''}`);
    }
    lines.push(`  ${pad(row.level2, w2)}  ${pad(row.level3 || '—', w3)}  ${scoreText(row)}`);
    if (!isBlank(row.deductionText)) {
      const label = row.rule.type === 'ranged' || row.rule.type === 'assigned' ? '赋分标准' : '扣分标准';
      lines.push(`      ${label}：${row.deductionText}`);
    }
    if (!isBlank(row.bonusText)) lines.push(`      加分标准：${row.bonusText}`);
    lines.push(`      考核方式：${row.method}`);
    if (row.responsible !== undefined) {
      lines.push(`      考核对象：${row.responsible.length > 0 ? row.responsible.join('、') : '县配置中指定的单位'}`);
    }
  }
  return lines;
}

function formatExtras(rubric: Rubric): string[] {
  const { bonus, penalty, bonusMethod, penaltyMethod } = rubric.extras;
  return [
    `综合加分项（不设上限；考核方式：${bonusMethod}）`,
    ...bonus.map((item, i) => `  （${i + 1}）${item.label}`),
    `重大扣分项（不设上限；考核方式：${penaltyMethod}）`,
    ...penalty.map((item, i) => `  （${i + 1}）${item.label}`),
  ];
}

function formatGrading(rubric: Rubric): string[] {
  const g = rubric.grading;
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  return [
    `考核等次：${g.order.join('、')}`,
    `  优秀 ${pct(g.excellent)}；良好 ${pct(g.good.min)}~${pct(g.good.max)}；一般和较差 A类 ${pct(g.lower.A)}、B类 ${pct(g.lower.B)}`,
    `  ${g.note}`,
  ];
}

/** The whole rubric (or one class) as plain Chinese text. */
export function formatRubricText(rubric: Rubric, cls?: UnitClass): string {
  const classes: UnitClass[] = cls ? [cls] : ['A', 'B'];
  const blocks = classes.map((c) => formatClass(rubric, c).join('\n'));
  return [
    `来源：${rubric.source}`,
    ...blocks,
    formatExtras(rubric).join('\n'),
    formatGrading(rubric).join('\n'),
  ].join('\n\n') + '\n';
}
