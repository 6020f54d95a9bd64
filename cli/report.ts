import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { parseAsOf, UsageError } from './errors.ts';

interface CommonOpts {
  config: string;
  db: string;
  out: string;
  deadline?: string;
  date?: string;
  pdf?: boolean;
}

function common(cmd: Command): Command {
  return cmd
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .option('--out <dir>', '输出目录', './out/reports')
    .option('--date <date>', '成文日期（YYYY-MM-DD），默认为检查日期')
    .option('--deadline <date>', '整改期限（YYYY-MM-DD），默认成文日期后 10 个工作日')
    .option('--pdf', '同时通过 Chromium 输出 PDF（已安装时）');
}

async function withStore<T>(
  opts: CommonOpts,
  fn: (ctx: {
    store: import('../store/index.ts').Store;
    config: ReturnType<typeof import('../config/index.ts').loadCountyConfig>;
    issuedOn?: string;
    deadline?: string;
  }) => Promise<T>,
): Promise<T> {
  const { loadCountyConfig } = await import('../config/index.ts');
  const issuedOn = opts.date === undefined ? undefined : parseAsOf(opts.date, '--date');
  const deadline = opts.deadline === undefined ? undefined : parseAsOf(opts.deadline, '--deadline');
  const config = loadCountyConfig(opts.config);
  const { openStore } = await import('../store/index.ts');
  const store = openStore({ dbPath: opts.db, mustExist: true });
  try {
    return await fn({ store, config, issuedOn, deadline });
  } finally {
    store.close();
  }
}

function printFiles(files: string[]): void {
  process.stdout.write(files.length ? `已写入：\n${files.map((f) => `  ${f}`).join('\n')}\n` : '没有需要输出的内容。\n');
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('生成月度通报、整改通知单和年度考核评分表');

  common(report.command('monthly').description('月度全覆盖检查情况通报（.docx + .html）'))
    .requiredOption('--month <YYYY-MM>', '通报月份')
    .option('--draft', '审核稿：同时列出待审核的问题并标注')
    .option('--number <n>', '发文字号中的序号（配置 documents.docNumber 中的 {n}），默认为月份')
    .action(async (opts: CommonOpts & { month: string; draft?: boolean; number?: string }) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new UsageError(`--month: "${opts.month}" 应为 YYYY-MM / must be YYYY-MM`);
      const number = opts.number === undefined ? undefined : Number(opts.number);
      if (number !== undefined && !(Number.isInteger(number) && number > 0))
        throw new UsageError(`--number: "${opts.number}" 应为正整数 / must be a positive integer`);
      const { monthlyReport } = await import('./report-data.ts');
      printFiles(
        await withStore(opts, (c) =>
          monthlyReport({ ...c, outDir: opts.out, pdf: opts.pdf, month: opts.month, draft: !!opts.draft, number }),
        ),
      );
    });

  common(report.command('unit').description('单位整改通知单（每个单位一个文件）'))
    .option('--unit <id>', '单位 id')
    .option('--all', '为所有有问题的单位各生成一份')
    .option('--draft', '同时列出待审核的问题并标注')
    .action(async (opts: CommonOpts & { unit?: string; all?: boolean; draft?: boolean }) => {
      if (!opts.unit === !opts.all) throw new UsageError('请指定 --unit ID 或 --all 之一 / give exactly one of --unit or --all');
      const { unitReports } = await import('./report-data.ts');
      printFiles(
        await withStore(opts, async (c) => {
          if (opts.unit && !c.config.units.some((u) => u.id === opts.unit))
            throw new UsageError(`--unit: 配置中没有单位 "${opts.unit}" / unit not in config`);
          return unitReports({ ...c, outDir: opts.out, pdf: opts.pdf, unitId: opts.unit, draft: opts.draft });
        }),
      );
    });

  common(report.command('annual').description('年度考核评分表（.xlsx）和领导小组汇报（.docx）'))
    .option('--year <year>', '考核年度')
    .option('--as-of <date>', '评分截止日期（YYYY-MM-DD），默认今天（北京时间）')
    .action(async (opts: CommonOpts & { year?: string; asOf?: string }) => {
      const asOf = parseAsOf(opts.asOf);
      const { annualReport } = await import('./report-data.ts');
      printFiles(
        await withStore(opts, async (c) => {
          const year = opts.year === undefined ? c.config.year : Number(opts.year);
          if (!Number.isInteger(year)) throw new UsageError(`--year: "${opts.year}" 不是年份 / not a year`);
          return (await annualReport({ ...c, outDir: opts.out, pdf: opts.pdf, year, asOf })).files;
        }),
      );
    });
}
