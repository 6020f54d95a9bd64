import type { Command } from 'commander';
import { UsageError } from './errors.ts';

export function registerTemplate(program: Command): void {
  const template = program.command('template').description('生成录入模板');
  template
    .command('manual')
    .description('生成印证材料与考核小组评分录入表（xlsx：每类一张表，每行一个单位的一个指标，单位已预填）')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .requiredOption('--out <file>', '输出的 .xlsx 文件')
    .option('--year <year>', '考核年度（默认取县配置）')
    .action(async (opts: { config: string; out: string; year?: string }) => {
      const { loadCountyConfig, loadRubricForConfig } = await import('../config/index.ts');
      if (!opts.out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out: 文件名应以 .xlsx 结尾');
      const config = loadCountyConfig(opts.config);
      const year = opts.year === undefined ? config.year : Number(opts.year);
      if (!Number.isInteger(year)) throw new UsageError(`--year: "${opts.year}" 不是年份 / not a year`);
      const { checkedRubric } = await import('./rubric-check.ts');
      const rubric = checkedRubric(config, opts.config, year);
      const { writeManualTemplate } = await import('../scoring/index.ts');
      const { mkdirSync } = await import('node:fs');
      const { dirname } = await import('node:path');
      mkdirSync(dirname(opts.out), { recursive: true });
      const { rows } = await writeManualTemplate(opts.out, { config, rubric });
      process.stdout.write(`已写出 ${opts.out}：${rows} 行待填（${config.units.length} 个单位）\n`);
    });
}
