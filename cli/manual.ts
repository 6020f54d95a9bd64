import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { UsageError } from './errors.ts';

interface AddOptions {
  config: string;
  unit: string;
  indicator: string;
  points?: string;
  occurrences?: string;
  level?: string;
  value?: string;
  bonus?: string;
  variant?: string;
  part?: string;
  note: string;
  attachment?: string;
  by: string;
  year?: string;
  db: string;
}

function numberOption(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`${name}: "${value}" 不是数字 / not a number`);
  return n;
}

async function addEntry(opts: AddOptions): Promise<void> {
  const { loadCountyConfig, loadRubricForConfig } = await import('../config/index.ts');
  const config = loadCountyConfig(opts.config);
  const year = opts.year === undefined ? config.year : Number(opts.year);
  if (!Number.isInteger(year)) throw new UsageError(`--year: "${opts.year}" 不是年份 / not a year`);
  const rubric = loadRubricForConfig(config, year);
  const { manualEntryProblems, normaliseLevel, parsePairs, findExtraItem } = await import('../scoring/index.ts');
  const unit = config.units.find((u) => u.id === opts.unit);
  if (!unit) throw new UsageError(`--unit: 单位 "${opts.unit}" 不在县配置中`);
  const variants = opts.variant === undefined ? null : parsePairs(opts.variant);
  const parts = opts.part === undefined ? null : parsePairs(opts.part);
  if (variants === 'bad') throw new UsageError('--variant: 格式应为 情形编号=件数，如 praised=2');
  if (parts === 'bad') throw new UsageError('--part: 格式应为 分项=分值，如 涉企补贴资金=2');
  const row = (rubric.classes[unit.class]?.rows ?? []).find((r) => r.id === opts.indicator);
  const ranged = row?.rule.type === 'ranged' || row?.rule.type === 'assigned';
  const points = numberOption('--points', opts.points);
  const input = {
    year,
    unitId: unit.id,
    target: opts.indicator,
    occurrences: numberOption('--occurrences', opts.occurrences),
    points: ranged ? null : points,
    value: numberOption('--value', opts.value) ?? (ranged ? points : null),
    levelId: normaliseLevel(rubric, unit, opts.indicator, opts.level),
    bonusOccurrences: numberOption('--bonus', opts.bonus),
    bonusVariants: variants,
    partValues: parts,
    note: opts.note.trim(),
    attachment: opts.attachment ?? null,
    by: opts.by.trim(),
    source: 'cli',
  };
  if (!row && !findExtraItem(rubric, opts.indicator)) {
    throw new UsageError(
      `--indicator: 指标 "${opts.indicator}" 不在 ${year} 年${unit.class}类考核细则中（用 zwgk rubric --class ${unit.class} 查看指标编号）`,
    );
  }
  const problems = manualEntryProblems(input, { config, rubric });
  if (problems.length) throw new UsageError(`录入被拒绝，未写入：\n${problems.map((p) => `${p.column}：${p.message}`).join('\n')}`);
  const { openStore, addManualEntries } = await import('../store/index.ts');
  const store = openStore({ dbPath: opts.db });
  try {
    const [entry] = addManualEntries(store, [input]);
    process.stdout.write(`已录入 ${entry.id}：${unit.name} ${opts.indicator}\n`);
  } finally {
    store.close();
  }
}

async function listEntries(opts: { config: string; unit?: string; year?: string; db: string }): Promise<void> {
  const { loadCountyConfig } = await import('../config/index.ts');
  const config = loadCountyConfig(opts.config);
  const year = opts.year === undefined ? config.year : Number(opts.year);
  if (opts.unit && !config.units.some((u) => u.id === opts.unit)) throw new UsageError(`--unit: 单位 "${opts.unit}" 不在县配置中`);
  const { openStore, listManualEntries } = await import('../store/index.ts');
  const { describeEntry } = await import('../scoring/index.ts');
  const names = new Map(config.units.map((u) => [u.id, u.name]));
  const store = openStore({ dbPath: opts.db, mustExist: true });
  try {
    const entries = listManualEntries(store, { year, unitId: opts.unit });
    for (const e of entries) {
      process.stdout.write(
        `${e.id}\t${names.get(e.unitId) ?? e.unitId}\t${e.target}\t${describeEntry(e)}\t${e.note}${e.attachment ? `\t附件 ${e.attachment}` : ''}\t${e.by}\n`,
      );
    }
    process.stdout.write(`共 ${entries.length} 条\n`);
  } finally {
    store.close();
  }
}

async function importEntries(file: string, opts: { config: string; by?: string; year?: string; db: string }): Promise<void> {
  const { loadCountyConfig, loadRubricForConfig } = await import('../config/index.ts');
  const { existsSync } = await import('node:fs');
  if (!existsSync(file)) throw new UsageError(`${file}: 文件不存在 / file not found`);
  const config = loadCountyConfig(opts.config);
  const year = opts.year === undefined ? config.year : Number(opts.year);
  if (!Number.isInteger(year)) throw new UsageError(`--year: "${opts.year}" 不是年份 / not a year`);
  const rubric = loadRubricForConfig(config, year);
  const { importManualEntries } = await import('../scoring/index.ts');
  const { openStore } = await import('../store/index.ts');
  const store = openStore({ dbPath: opts.db });
  try {
    const entries = await importManualEntries(store, file, { config, rubric, year, by: opts.by });
    process.stdout.write(`已导入 ${entries.length} 条录入\n`);
  } finally {
    store.close();
  }
}

export function registerManual(program: Command): void {
  const manual = program.command('manual').description('录入印证材料、考核小组和其他部门的评分结果（按单位、按指标）');

  manual
    .command('add')
    .description('录入一个单位一个指标的结果；同一单位同一指标再次录入时以最新一次为准（历史保留）')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .requiredOption('--unit <id>', '单位编号')
    .requiredOption('--indicator <rowId>', '指标编号（zwgk rubric 可查；综合加分项写 bonus:<编号>，重大扣分项写 penalty:<编号>）')
    .option('--occurrences <n>', '扣分的件数（一次性扣分的指标：1 为存在扣分情形）；综合加分/重大扣分项的项数')
    .option('--points <n>', '分值：扣分填负数、加分填正数；赋分指标为所赋分值；酌情项为分值')
    .option('--level <id>', '档次（如保密审查制度 none/incomplete）')
    .option('--value <n>', '赋分指标的分值')
    .option('--bonus <n>', '按基础加分标准计的加分件数')
    .option('--variant <pairs>', '按加分情形计的件数，如 praised=2')
    .option('--part <pairs>', '分项赋分，如 涉企补贴资金=2;监管标准和规则=-2')
    .requiredOption('--note <text>', '说明：依据的材料或情况')
    .option('--attachment <path>', '材料文件路径')
    .requiredOption('--by <name>', '录入人')
    .option('--year <year>', '考核年度（默认取县配置）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(addEntry);

  manual
    .command('list')
    .description('列出当前有效的录入（每个单位每个指标最新一次）')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--unit <id>', '只看该单位')
    .option('--year <year>', '考核年度（默认取县配置）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(listEntries);

  manual
    .command('import <file>')
    .description('导入填好的录入表（zwgk template manual 生成）；有一行不合格则全部不导入')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--by <name>', '录入人（表中“录入人”为空时使用）')
    .option('--year <year>', '考核年度（默认取县配置）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(importEntries);
}
