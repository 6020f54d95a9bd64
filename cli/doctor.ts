import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseAsOf } from './errors.ts';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('检查前诊断：逐个单位说明主页能否访问、必查栏目找到没有、哪些页面需要浏览器、订阅源能否读取（不写入检查记录）')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--as-of <date>', '检查日期（YYYY-MM-DD），默认今天')
    .option('--html <file>', '写出给政务公开办的诊断网页', './doctor.html')
    .action(async (opts: { config: string; asOf?: string; html: string }) => {
      const asOf = parseAsOf(opts.asOf);
      const { loadCountyConfig } = await import('../config/index.ts');
      const config = loadCountyConfig(opts.config);
      const { diagnoseConfig, doctorTable, doctorHtml } = await import('../onboard/index.ts');
      process.stderr.write(`正在诊断 ${config.units.length} 个单位……\n`);
      const d = await diagnoseConfig(config, asOf);
      process.stdout.write(`${doctorTable(d)}\n`);
      writeFileSync(opts.html, doctorHtml(d));
      process.stdout.write(`诊断网页已写入 ${opts.html}\n`);
      process.exitCode = d.ready ? 0 : 1;
    });
}
