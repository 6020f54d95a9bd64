import ExcelJS from 'exceljs';
import type { CountyConfig, Rubric, UnitClass } from '../config/index.ts';
import { extraTargets, fillHint, manualRowsForUnit } from './manual-input.ts';

// Layout (chosen for how a clerk works through one unit's 印证材料 at a time): one sheet per class, one row per
// unit × manual indicator (grouped by unit, filterable by either), input columns 次数/档次/分值/加分次数/加分情形.
export const TEMPLATE_COLUMNS = [
  '单位编号',
  '单位名称',
  '指标编号',
  '指标',
  '填写说明',
  '次数',
  '档次',
  '分值',
  '加分次数',
  '加分情形',
  '分项',
  '说明',
  '附件',
  '录入人',
] as const;
export const INPUT_COLUMNS = ['次数', '档次', '分值', '加分次数', '加分情形', '分项'] as const;
/** Columns added after the first templates were handed out: a file without them still imports. */
export const OPTIONAL_COLUMNS: readonly string[] = ['分项'];

export const SHEET_NAMES: Record<string, string> = { A: 'A类（乡镇）', B: 'B类（县直单位）' };

/** Sheet name of a class: the 2023 names for A/B, else the rubric's label (Excel: at most 31 characters). */
export function sheetName(rubric: Rubric, cls: UnitClass): string {
  const label = rubric.classes[cls]?.label;
  return (SHEET_NAMES[cls] ?? (label && label !== cls ? `${cls}（${label}）` : cls)).replace(/[\\/?*[\]:]/g, '').slice(0, 31);
}

/** Cells are always written as plain values: text that starts with "=" stays text, never a formula. */
function textCell(value: string): ExcelJS.CellValue {
  return { richText: [{ text: value }] };
}

export async function writeManualTemplate(file: string, ctx: { config: CountyConfig; rubric: Rubric }): Promise<{ rows: number }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zwgk-inspector';
  const readme = wb.addWorksheet('填写说明');
  const lines = [
    `${ctx.config.county} ${ctx.rubric.year} 年度政务公开考核：印证材料与考核小组评分录入表`,
    '每个单位每个指标一行。只填写有结论的行，空白行导入时跳过；同一单位同一指标再次导入时以最新一次为准（历史保留）。',
    '次数：扣分（或一次性扣分情形）的件数；档次：按“填写说明”中的档次编号填写；分值：赋分指标填所赋分值，其他指标扣分填负数、加分填正数。',
    '加分次数：按基础加分标准计的件数；加分情形：如 praised=2（多个用分号分隔）。综合加分项、重大扣分项填次数，酌情项填分值（正数）。',
    '分项：分项赋分、清单子项或各期数量，写作 编号=数值（多个用分号分隔），如 a=2;b=0 或 2023-01=42；填 0 表示该项为 0，不填表示未录入。',
    '说明：依据的材料或情况（必填）；附件：材料文件路径（可选）；录入人：必填。',
    '导入：zwgk manual import 本文件.xlsx --config 县配置.yaml。有任何一行不合格时整份文件不导入，并列出行号和列名。',
  ];
  lines.forEach((l, i) => {
    readme.getCell(i + 1, 1).value = textCell(l);
  });
  readme.getColumn(1).width = 120;
  let count = 0;
  for (const cls of Object.keys(ctx.rubric.classes)) {
    const ws = wb.addWorksheet(sheetName(ctx.rubric, cls), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...TEMPLATE_COLUMNS]).font = { bold: true };
    for (const unit of ctx.config.units.filter((u) => u.class === cls)) {
      const targets = [
        ...manualRowsForUnit(ctx.rubric, unit).map((row) => ({
          target: row.id,
          label: [row.level2, row.level3].filter(Boolean).join('／'),
          hint: fillHint(row),
        })),
        ...extraTargets(ctx.rubric).map((x) => ({
          target: x.target,
          label: x.label,
          hint: x.discretionary ? '分值：酌情确定的分值（正数）' : '次数：项数',
        })),
      ];
      for (const t of targets) {
        const row = ws.addRow([]);
        [unit.id, unit.name, t.target, t.label, t.hint].forEach((v, i) => {
          row.getCell(i + 1).value = textCell(v);
        });
        count++;
      }
    }
    [12, 18, 26, 40, 60, 8, 12, 8, 10, 16, 24, 40, 24, 10].forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
  }
  await wb.xlsx.writeFile(file);
  return { rows: count };
}
