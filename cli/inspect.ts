import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { parseAsOf } from './errors.ts';

interface InspectOpts {
  config: string;
  asOf?: string;
  out: string;
  db: string;
  resume?: boolean;
}

/** How to go on after an interruption, with the same arguments. */
function resumeCommand(opts: InspectOpts): string {
  const db = opts.db === DEFAULT_DB_PATH ? '' : ` --db ${opts.db}`;
  const asOf = opts.asOf ? ` --as-of ${opts.asOf}` : '';
  return `zwgk inspect --config ${opts.config}${asOf}${db} --out ${opts.out} --resume`;
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('对配置中的全部单位执行一次全覆盖检查，结果写入 DIR/findings.json')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--as-of <date>', '以该日期为“今天”计算全部日期规则（YYYY-MM-DD），默认今天')
    .option('--out <dir>', '输出目录', './out')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .option('--resume', '继续上次中断的检查，不重抓已完成的页面')
    .action(async (opts: InspectOpts) => {
      const { loadCountyConfig } = await import('../config/index.ts');
      const asOf = parseAsOf(opts.asOf);
      const config = loadCountyConfig(opts.config);
      (await import('../inspection/index.ts')).preflightInspection(config, opts.config, { asOf, outDir: opts.out });
      const { inspectCounty } = await import('../inspection/index.ts');
      const { createProgress } = await import('./progress.ts');
      // Each unit is saved as it finishes: an interrupted run loses nothing and goes on with --resume.
      const onInterrupt = () => {
        process.stderr.write(`\n检查已中断。已完成的单位和已抓取的页面都已保存，继续请运行：\n  ${resumeCommand(opts)}\n`);
        process.exit(130);
      };
      process.once('SIGINT', onInterrupt);
      const outcome = await inspectCounty({
        config,
        configPath: opts.config,
        asOf,
        dbPath: opts.db,
        outDir: opts.out,
        resume: opts.resume,
        progress: createProgress(new Map(config.units.map((u) => [u.id, u.name]))),
        log: (l) => process.stderr.write(`${l}\n`),
      }).finally(() => process.off('SIGINT', onInterrupt));
      if (outcome.status !== 'complete') {
        process.stderr.write(
          `检查未完成（${outcome.status === 'interrupted' ? '被中断' : '部分单位出错'}），继续请运行：\n  ${resumeCommand(opts)}\n`,
        );
        process.exitCode = 1;
        return;
      }
      const units = outcome.stats.units ?? config.units.length;
      const unreachable = outcome.stats.unitsUnreachable ?? 0;
      const deductions = outcome.findings.filter((f) => f.kind === 'deduction');
      const toVerify = outcome.findings.filter((f) => f.confidence === 'low').length;
      const warnings = outcome.findings.filter((f) => f.kind === 'warning').length;
      const basis = outcome.findings.length - deductions.length - warnings;
      process.stdout.write(
        [
          `检查完成：${units} 个单位，其中 ${units - unreachable} 个单位的网站正常打开。`,
          `发现问题 ${deductions.length} 项（涉及 ${new Set(deductions.map((f) => f.unitId)).size} 个单位），加分、赋分依据 ${basis} 项，预警 ${warnings} 项；其中 ${toVerify} 项需人工核实。`,
          `结果已写入 ${outcome.findingsFile}。`,
          `下一步：审核检查结果  zwgk review list --status 待审核${opts.db === DEFAULT_DB_PATH ? '' : ` --db ${opts.db}`} --config ${opts.config}`,
        ].join('\n') + '\n',
      );
      if (units > 0 && unreachable === units) {
        process.stderr.write(
          `全部 ${units} 个单位的首页都无法打开：很可能是配置中的网址有误，或本机无法访问这些网站（网络、代理、防火墙）。请先运行 zwgk doctor --config ${opts.config} 检查。\n`,
        );
        process.exitCode = 1;
      }
    });
}
