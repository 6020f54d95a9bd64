import type { CountyConfig, Rubric } from '../config/index.ts';
import { InputError } from '../config/index.ts';
import { addManualEntries, type ManualEntry, type ManualEntryInput, type Store } from '../store/index.ts';
import { findExtraItem } from './engine.ts';
import { manualEntryProblems, normaliseLevel } from './manual-input.ts';
import { INPUT_COLUMNS, OPTIONAL_COLUMNS, TEMPLATE_COLUMNS } from './manual-template.ts';
import { readTable, type TableRow } from './table-read.ts';

export class ManualInputError extends InputError {}

/** "praised=2; selected=1" → { praised: 2, selected: 1 }; null for blank, 'bad' when malformed. */
export function parsePairs(text: string): Record<string, number> | null | 'bad' {
  if (!text.trim()) return null;
  const out: Record<string, number> = {};
  for (const part of text
    .split(/[;；,，]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*[=＝:：]\s*(-?\d+(?:\.\d+)?)$/.exec(part);
    if (!m) return 'bad';
    out[m[1].trim()] = Number(m[2]);
  }
  return out;
}

function parseNumber(text: string): number | null | 'bad' {
  if (!text.trim()) return null;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : 'bad';
}

/** Turns one template row into an entry input, or the row's problems. */
export function entryFromRow(
  r: TableRow,
  ctx: { config: CountyConfig; rubric: Rubric; year: number; by?: string; source: string },
): ManualEntryInput | string[] {
  const where = `工作表“${r.sheet}”第 ${r.row} 行`;
  const c = r.cells;
  const errors: string[] = [];
  const unit = ctx.config.units.find((u) => u.id === c['单位编号']);
  if (!unit) return [`${where}，单位编号：单位 "${c['单位编号']}" 不在县配置中`];
  if (c['单位名称'] && c['单位名称'] !== unit.name)
    errors.push(`${where}，单位名称：“${c['单位名称']}”与配置中 ${unit.id} 的名称“${unit.name}”不符`);
  const target = c['指标编号'];
  const occ = parseNumber(c['次数']);
  const pts = parseNumber(c['分值']);
  const bonusOcc = parseNumber(c['加分次数']);
  const variants = parsePairs(c['加分情形'] ?? '');
  const parts = parsePairs(c['分项'] ?? '');
  if (occ === 'bad') errors.push(`${where}，次数：“${c['次数']}”不是数字`);
  if (pts === 'bad') errors.push(`${where}，分值：“${c['分值']}”不是数字`);
  if (bonusOcc === 'bad') errors.push(`${where}，加分次数：“${c['加分次数']}”不是数字`);
  if (variants === 'bad') errors.push(`${where}，加分情形：“${c['加分情形']}”格式应为 情形编号=件数`);
  if (parts === 'bad') errors.push(`${where}，分项：“${c['分项']}”格式应为 编号=数值（如 a=2;b=0）`);
  if (errors.length) return errors;
  const row = (ctx.rubric.classes[unit.class]?.rows ?? []).find((x) => x.id === target);
  const ranged = row?.rule.type === 'ranged' || row?.rule.type === 'assigned';
  const input: ManualEntryInput = {
    year: ctx.year,
    unitId: unit.id,
    target,
    occurrences: occ as number | null,
    points: ranged ? null : (pts as number | null),
    value: ranged ? (pts as number | null) : null,
    levelId: normaliseLevel(ctx.rubric, unit, target, c['档次']),
    bonusOccurrences: bonusOcc as number | null,
    bonusVariants: variants as Record<string, number> | null,
    partValues: parts as Record<string, number> | null,
    note: c['说明'] ?? '',
    attachment: c['附件'] || null,
    by: c['录入人'] || ctx.by || '',
    source: ctx.source,
  };
  if (!row && !findExtraItem(ctx.rubric, target)) return [`${where}，指标编号：“${target}”不在 ${ctx.rubric.year} 年考核细则中`];
  const problems = manualEntryProblems(input, ctx);
  return problems.length ? problems.map((p) => `${where}，${p.column}：${p.message}`) : input;
}

/**
 * Imports the filled template (zwgk template manual). Rows with no input are skipped; any problem refuses
 * the whole file, naming sheet, row and column, and nothing is written.
 */
export async function importManualEntries(
  store: Store,
  file: string,
  ctx: { config: CountyConfig; rubric: Rubric; year: number; by?: string },
): Promise<ManualEntry[]> {
  const tables = (await readTable(file)).filter((t) => t.header.includes('指标编号'));
  if (tables.length === 0)
    throw new ManualInputError(`${file}：没有找到录入表（表头应为 ${TEMPLATE_COLUMNS.join('、')}，请用 zwgk template manual 生成）`);
  const errors: string[] = [];
  const inputs: ManualEntryInput[] = [];
  for (const t of tables) {
    const missing = TEMPLATE_COLUMNS.filter((h) => !t.header.includes(h) && !OPTIONAL_COLUMNS.includes(h));
    if (missing.length) {
      errors.push(`工作表“${t.sheet}”：缺少列 ${missing.map((m) => `“${m}”`).join('、')}`);
      continue;
    }
    for (const r of t.rows) {
      if (INPUT_COLUMNS.every((h) => !(r.cells[h] ?? '').trim())) continue;
      const result = entryFromRow(r, { ...ctx, source: `import:${file}` });
      if (Array.isArray(result)) errors.push(...result);
      else inputs.push(result);
    }
  }
  if (errors.length) throw new ManualInputError(`导入被拒绝，未写入任何录入：\n${errors.join('\n')}`);
  if (inputs.length === 0) throw new ManualInputError(`${file}：没有填写任何数据（次数、档次、分值、加分次数、加分情形均为空）`);
  return addManualEntries(store, inputs);
}
