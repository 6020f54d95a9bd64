import type { CountyConfig } from '../config/index.ts';
import {
  latestFindingVersion,
  recordDecisions,
  ReviewInputError,
  validateDecision,
  type DecisionInput,
  type ReviewAction,
  type ReviewEvent,
  type Store,
} from '../store/index.ts';
import { readTable } from './table-read.ts';

const ACTIONS: Record<string, ReviewAction> = {
  确认: 'confirm',
  confirm: 'confirm',
  驳回: 'dismiss',
  确认无误: 'dismiss', // a content finding judged correct (错敏词, 隐私): the reading of the content-safety checks
  dismiss: 'dismiss',
  调整: 'adjust',
  adjust: 'adjust',
};

/** Column name → accepted headers (Chinese first). */
const COLUMNS = {
  id: ['问题编号', 'id'],
  action: ['决定', 'decision'],
  by: ['审核人', 'by'],
  reason: ['理由', 'reason'],
  occurrences: ['次数', 'occurrences'],
  points: ['分值', 'points'],
} as const;

export function parseAction(text: string): ReviewAction | null {
  return ACTIONS[text.trim().toLowerCase()] ?? ACTIONS[text.trim()] ?? null;
}

function parseNumber(text: string): number | null | 'bad' {
  if (text.trim() === '') return null;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : 'bad';
}

/**
 * Imports review decisions from CSV/XLSX (columns 问题编号, 决定, 审核人, 理由, 次数, 分值). All rows are checked
 * first; any problem refuses the whole file (every problem names its row and column) and nothing is written.
 */
export async function importReviewDecisions(store: Store, file: string, opts: { config?: CountyConfig } = {}): Promise<ReviewEvent[]> {
  const tables = await readTable(file);
  const isDecisionSheet = (h: string[]) => h.some((x) => COLUMNS.id.some((n) => n.toLowerCase() === x.toLowerCase()));
  const table = tables.find((t) => isDecisionSheet(t.header)) ?? tables[0];
  if (!table) throw new ReviewInputError(`${file}：文件中没有工作表`);
  const headerOf = (names: readonly string[]): string | undefined =>
    table.header.find((h) => names.some((n) => n.toLowerCase() === h.toLowerCase()));
  const missing = (['id', 'action', 'by', 'reason'] as const).filter((k) => !headerOf(COLUMNS[k]));
  if (missing.length)
    throw new ReviewInputError(
      `${file}：缺少列 ${missing.map((k) => `“${COLUMNS[k][0]}”`).join('、')}（表头应为 问题编号、决定、审核人、理由、次数、分值）`,
    );
  if (table.rows.length === 0) throw new ReviewInputError(`${file}：没有数据行`);
  const units = opts.config ? new Set(opts.config.units.map((u) => u.id)) : null;
  const get = (cells: Record<string, string>, k: keyof typeof COLUMNS): string => {
    const h = headerOf(COLUMNS[k]);
    return h ? (cells[h] ?? '') : '';
  };

  const errors: string[] = [];
  const decisions: DecisionInput[] = [];
  const rowNumbers: number[] = [];
  for (const r of table.rows) {
    const where = `第 ${r.row} 行`;
    const actionText = get(r.cells, 'action');
    // an exported queue: rows left without a decision are not decided yet (审核人 comes pre-filled)
    if (!actionText.trim() && (['reason', 'occurrences', 'points'] as const).every((k) => !get(r.cells, k).trim())) continue;
    const action = parseAction(actionText);
    const occ = parseNumber(get(r.cells, 'occurrences'));
    const pts = parseNumber(get(r.cells, 'points'));
    const rowErrors: string[] = [];
    if (!action) rowErrors.push(`${where}，决定：“${actionText}”无效，应为 确认/驳回/调整`);
    if (occ === 'bad') rowErrors.push(`${where}，次数：“${get(r.cells, 'occurrences')}”不是数字`);
    if (pts === 'bad') rowErrors.push(`${where}，分值：“${get(r.cells, 'points')}”不是数字`);
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const d: DecisionInput = {
      findingId: get(r.cells, 'id'),
      action: action!,
      by: get(r.cells, 'by'),
      reason: get(r.cells, 'reason'),
      occurrences: occ as number | null,
      points: pts as number | null,
      source: `import:${file}`,
    };
    const problem = validateDecision(store, d);
    if (problem) {
      errors.push(`${where}，${problem.column}：${problem.message}`);
      continue;
    }
    const unitId = latestFindingVersion(store, d.findingId.trim())?.unitId;
    if (units && unitId && !units.has(unitId)) {
      errors.push(`${where}，问题编号：问题所属单位 "${unitId}" 不在县配置中`);
      continue;
    }
    decisions.push(d);
    rowNumbers.push(r.row);
  }
  if (errors.length) throw new ReviewInputError(`导入被拒绝，未写入任何审核记录：\n${errors.join('\n')}`);
  if (decisions.length === 0) throw new ReviewInputError(`${file}：没有填写“决定”的行，未写入任何审核记录`);
  return recordDecisions(store, decisions, rowNumbers);
}
