// The review queue as an Excel sheet a reviewer fills in (决定, 审核人, 理由, 次数, 分值) and imports back with
// `zwgk review import`. Every crawled text goes in as a plain string cell, made inert for a spreadsheet (safeCellText).
import ExcelJS from 'exceljs';
import type { TrackedFinding } from '../../store/index.ts';
import { checkName, safeCellText } from '../../reports/index.ts';
import type { ServiceContext } from '../context.ts';
import { KIND_LABEL } from './html.ts';
import { confidenceText } from './views/confidence.ts';
import { beijingTime } from './zh.ts';

const INFO: [string, number][] = [
  ['问题编号', 20],
  ['单位', 16],
  ['检查项', 16],
  ['问题', 44],
  ['类别', 6],
  ['置信度', 24],
  ['发现次数', 8],
  ['建议分值', 8],
  ['检查日期', 11],
  ['网址', 30],
];
// the columns `review import` reads; 审核人 is filled in with the exporting reviewer
const DECISION: [string, number][] = [
  ['决定', 8],
  ['审核人', 10],
  ['理由', 30],
  ['次数', 6],
  ['分值', 6],
];

export async function queueWorkbook(ctx: ServiceContext, findings: TrackedFinding[], opts: { by: string; now: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务公开检查工作台';
  wb.created = opts.now;
  const ws = wb.addWorksheet('审核表', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  ws.columns = [...INFO, ...DECISION].map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  for (const f of findings) {
    const url = f.evidence[0]?.url ?? (/^https?:\/\//.test(f.subject) ? f.subject : '');
    ws.addRow([
      f.id,
      safeCellText(f.unitName),
      checkName(f.checkId),
      safeCellText(f.title),
      KIND_LABEL[f.kind] ?? f.kind,
      safeCellText(confidenceText(f)),
      f.occurrences,
      f.suggestedPoints,
      f.asOf,
      safeCellText(url),
      '',
      opts.by,
      '',
      null,
      null,
    ]);
  }
  const first = INFO.length + 1;
  const last = ws.rowCount;
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    row.alignment = { vertical: 'top', wrapText: true };
    for (let col = first; col < first + DECISION.length; col++)
      row.getCell(col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
    // 决定 from a list; 次数/分值 numbers only: Excel itself refuses other input
    row.getCell(first).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"确认,驳回,调整"'],
      showErrorMessage: true,
      errorTitle: '决定',
      error: '请选择 确认、驳回 或 调整',
    };
    for (const col of [first + 3, first + 4]) {
      row.getCell(col).dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [-1000, 1000],
        showErrorMessage: true,
        error: '请填写数字',
      };
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: first + DECISION.length - 1 } };
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };

  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 100 }];
  for (const line of [
    `${ctx.config.county} 政务公开检查审核表，导出时间 ${beijingTime(opts.now.toISOString())}（北京时间），共 ${findings.length} 条。`,
    '在“审核表”中每行的黄色列填写：决定（确认 / 驳回 / 调整）、审核人、理由；驳回和调整必须填写理由，调整还须填写新的次数或分值。',
    '决定留空的行不导入，可以只填其中一部分。置信度为“低”的问题证据不完整，请打开网址核实后再决定。',
    '填好后保存为 .xlsx，用命令导入：zwgk review import 文件名.xlsx --config 县配置文件。有一行不合格则整份不导入，并指出行号和列名。',
    '请勿修改“问题编号”列和表头；单元格中不要填写公式。',
  ])
    help.addRow([line]).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
