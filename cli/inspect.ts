import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../store/defaults.ts';
import { parseAsOf } from './errors.ts';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('对配置中的全部单位执行一次全覆盖检查，结果写入 DIR/findings.json')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--as-of <date>', '以该日期为“今天”计算全部日期规则（YYYY-MM-DD），默认今天')
    .option('--out <dir>', '输出目录', './out')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .option('--resume', '继续上次中断的检查，不重抓已完成的页面')
    .action(async (opts: { config: string; asOf?: string; out: string; db: string; resume?: boolean }) => {
      const { loadCountyConfig } = await import('../config/index.ts');
      const asOf = parseAsOf(opts.asOf);
      const config = loadCountyConfig(opts.config);
      const { inspectCounty } = await import('./pipeline.ts');
      const { createProgress } = await import('./progress.ts');
      const outcome = await inspectCounty({
        config, configPath: opts.config, asOf, dbPath: opts.db, outDir: opts.out, resume: opts.resume,
        progress: createProgress(), log: (l) => process.stderr.write(`${l}\n`),
      });
      if (outcome.status !== 'complete') {
        process.stderr.write(`检查未完成（${outcome.status === 'interrupted' ? '被中断' : '部分单位出错'}），可用 zwgk inspect --resume 继续。\n`);
        process.exitCode = 1;
        return;
      }
      const deductions = outcome.findings.filter((f) => f.kind === 'deduction').length;
      const warnings = outcome.findings.filter((f) => f.kind === 'warning').length;
      process.stdout.write(`发现问题 ${deductions} 项、加分/赋分依据 ${outcome.findings.length - deductions - warnings} 项、预警 ${warnings} 项，已写入 ${outcome.findingsFile}\n`);
    });
}
