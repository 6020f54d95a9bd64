import type { Command } from 'commander';
import type { CountyConfig } from '../config/index.ts';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { UsageError } from './errors.ts';

const STATUS_ALIASES: Record<string, string> = {
  pending: 'pending',
  待审核: 'pending',
  confirmed: 'confirmed',
  已确认: 'confirmed',
  dismissed: 'dismissed',
  已驳回: 'dismissed',
  adjusted: 'adjusted',
  已调整: 'adjusted',
  rectified: 'rectified',
  已整改: 'rectified',
};
const STATUS_LABEL: Record<string, string> = {
  pending: '待审核',
  confirmed: '已确认',
  dismissed: '已驳回',
  adjusted: '已调整',
  rectified: '已整改',
};

function parseNumberOption(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`${name}: "${value}" 不是数字 / not a number`);
  return n;
}

function unitsOf(config: CountyConfig | null): Set<string> | null {
  return config ? new Set(config.units.map((u) => u.id)) : null;
}

async function decide(
  action: 'confirm' | 'dismiss' | 'adjust',
  id: string,
  opts: { by?: string; reason?: string; occurrences?: string; points?: string; db: string; config?: string },
): Promise<void> {
  const { loadCountyConfig } = await import('../config/index.ts');
  const { openStore, recordDecision, ReviewInputError, latestFindingVersion } = await import('../store/index.ts');
  const config = opts.config ? loadCountyConfig(opts.config) : null;
  const occurrences = parseNumberOption('--occurrences', opts.occurrences);
  const points = parseNumberOption('--points', opts.points);
  const store = openStore({ dbPath: opts.db, mustExist: true });
  try {
    const units = unitsOf(config);
    const version = latestFindingVersion(store, id);
    if (version && units && !units.has(version.unitId))
      throw new UsageError(`问题 ${id} 所属单位 "${version.unitId}" 不在县配置中，未记录`);
    const event = recordDecision(store, {
      findingId: id,
      action,
      by: opts.by ?? '',
      reason: opts.reason,
      occurrences,
      points,
      source: 'cli',
    });
    const change = event.action === 'adjust' ? `（次数 ${event.occurrences ?? '不变'}，分值 ${event.points ?? '不变'}）` : '';
    process.stdout.write(
      `已记录：问题 ${id} ${STATUS_LABEL[event.before.status]} → ${STATUS_LABEL[event.after.status]}${change}，审核人 ${event.by}\n`,
    );
  } catch (err) {
    if (err instanceof ReviewInputError) throw new UsageError(`审核被拒绝，未记录：${err.message.replace(/^第 1 行，/, '')}`);
    throw err;
  } finally {
    store.close();
  }
}

async function listFindings(opts: {
  unit?: string;
  status?: string;
  check?: string;
  month?: string;
  config?: string;
  json?: boolean;
  db: string;
}): Promise<void> {
  const { loadCountyConfig } = await import('../config/index.ts');
  const status = opts.status === undefined ? undefined : STATUS_ALIASES[opts.status];
  if (opts.status !== undefined && !status)
    throw new UsageError(`--status: "${opts.status}" 无效，应为 ${Object.keys(STATUS_LABEL).join('/')}`);
  if (opts.month !== undefined && !/^\d{4}-\d{2}$/.test(opts.month)) throw new UsageError(`--month: "${opts.month}" 应为 YYYY-MM`);
  const config = opts.config ? loadCountyConfig(opts.config) : null;
  if (opts.unit && config && !config.units.some((u) => u.id === opts.unit))
    throw new UsageError(`--unit: 单位 "${opts.unit}" 不在县配置中`);
  const { openStore, listTrackedFindings } = await import('../store/index.ts');
  const store = openStore({ dbPath: opts.db, mustExist: true });
  try {
    const list = listTrackedFindings(store, {
      unitId: opts.unit,
      status: status as never,
      checkId: opts.check,
      month: opts.month,
      unitNames: new Map((config?.units ?? []).map((u) => [u.id, u.name])),
    });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return;
    }
    for (const f of list) {
      const rect =
        f.lifecycle.phase === 'rectified'
          ? `（第 ${f.lifecycle.rectifiedRunId} 次检查已整改）`
          : f.lifecycle.phase === 'repeated'
            ? `（连续 ${f.lifecycle.runs.length} 次检查发现）`
            : '';
      process.stdout.write(
        `${f.id}\t${f.unitName}\t${f.checkId}\t${STATUS_LABEL[f.status]}${rect}\t${f.title}\t次数 ${f.occurrences}\t建议 ${f.suggestedPoints}\n`,
      );
    }
    process.stdout.write(`共 ${list.length} 条\n`);
  } finally {
    store.close();
  }
}

async function showHistory(id: string, opts: { db: string }): Promise<void> {
  const { openStore, reviewHistory } = await import('../store/index.ts');
  const store = openStore({ dbPath: opts.db, mustExist: true });
  try {
    const events = reviewHistory(store, id);
    if (events.length === 0) process.stdout.write(`问题 ${id} 尚无审核记录\n`);
    for (const e of events) {
      process.stdout.write(
        `${e.at}\t${e.by}\t${STATUS_LABEL[e.before.status]} → ${STATUS_LABEL[e.after.status]}\t${e.reason}\t(${e.source})\n`,
      );
    }
  } finally {
    store.close();
  }
}

async function importDecisions(file: string, opts: { config?: string; db: string }): Promise<void> {
  const { loadCountyConfig } = await import('../config/index.ts');
  const { existsSync } = await import('node:fs');
  if (!existsSync(file)) throw new UsageError(`${file}: 文件不存在 / file not found`);
  const config = opts.config ? loadCountyConfig(opts.config) : undefined;
  const { openStore } = await import('../store/index.ts');
  const { importReviewDecisions } = await import('../scoring/index.ts');
  const store = openStore({ dbPath: opts.db, mustExist: true });
  try {
    const events = await importReviewDecisions(store, file, { config });
    process.stdout.write(`已导入 ${events.length} 条审核决定\n`);
  } finally {
    store.close();
  }
}

async function recordNotices(opts: { run: string; month?: string; db: string }): Promise<void> {
  const runId = Number(opts.run);
  if (!Number.isInteger(runId)) throw new UsageError(`--run: "${opts.run}" 不是检查任务编号`);
  if (opts.month !== undefined && !/^\d{4}-\d{2}$/.test(opts.month)) throw new UsageError(`--month: "${opts.month}" 应为 YYYY-MM`);
  const { openStore, recordMonthlyNotices, getRun } = await import('../store/index.ts');
  const store = openStore({ dbPath: opts.db, mustExist: true });
  try {
    if (!getRun(store, runId)) throw new UsageError(`--run: 检查任务 ${runId} 不存在`);
    const notices = recordMonthlyNotices(store, runId, opts.month);
    const notified = notices.filter((n) => n.state === 'notified');
    const pending = notices.filter((n) => n.state === 'pending');
    process.stdout.write(`通报 ${notified.length} 个单位：${notified.map((n) => n.unitId).join('、') || '无'}\n`);
    if (pending.length) process.stdout.write(`另有 ${pending.length} 个单位的问题尚待审核：${pending.map((n) => n.unitId).join('、')}\n`);
  } finally {
    store.close();
  }
}

export function registerReview(program: Command): void {
  const review = program.command('review').description('审核检查发现的问题：确认、驳回（须说明理由）、调整（须说明理由），全部留痕');

  review
    .command('list')
    .description('列出问题及其审核状态')
    .option('--unit <id>', '只看该单位')
    .option('--status <status>', '只看该状态：pending/confirmed/dismissed/adjusted/rectified（或 待审核/已确认/已驳回/已调整/已整改）')
    .option('--check <checkId>', '只看该检查项')
    .option('--month <YYYY-MM>', '只看该月检查中出现的问题')
    .option('--config <file>', '县配置文件（显示单位名称并校验 --unit）')
    .option('--json', '输出 JSON')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(listFindings);

  const decisionCommand = (name: 'confirm' | 'dismiss' | 'adjust', description: string): Command =>
    review
      .command(`${name} <id>`)
      .description(description)
      .requiredOption('--by <name>', '审核人')
      .option('--config <file>', '县配置文件（校验问题所属单位）')
      .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH);

  decisionCommand('confirm', '确认问题')
    .option('--reason <text>', '理由（可选）')
    .action(async (id: string, opts) => decide('confirm', id, opts));
  decisionCommand('dismiss', '驳回问题（误报等），须说明理由')
    .requiredOption('--reason <text>', '理由')
    .action(async (id: string, opts) => decide('dismiss', id, opts));
  decisionCommand('adjust', '调整问题的次数或分值，须说明理由')
    .requiredOption('--reason <text>', '理由')
    .option('--occurrences <n>', '调整后的次数')
    .option('--points <n>', '调整后的分值（扣分问题为扣分数，赋分问题为所赋分值）')
    .action(async (id: string, opts) => decide('adjust', id, opts));

  review
    .command('history <id>')
    .description('显示一个问题的全部审核记录')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(showHistory);

  review
    .command('import <file>')
    .description('从 CSV/XLSX 批量导入审核决定（列：问题编号、决定、审核人、理由、次数、分值）；有一行不合格则全部不导入')
    .option('--config <file>', '县配置文件（校验问题所属单位）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(importDecisions);

  review
    .command('notices')
    .description('按某次检查中已确认的问题计算当月通报单位（每月全覆盖检查）')
    .requiredOption('--run <id>', '当月的检查任务编号')
    .option('--month <YYYY-MM>', '月份（默认取该次检查的日期）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(recordNotices);
}
