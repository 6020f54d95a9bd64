// `zwgk notify --test`: a test message to each configured channel, to set up 企业微信/钉钉 robots and SMTP.
import type { Command } from 'commander';
import { UsageError } from './errors.ts';

export function registerNotify(program: Command): void {
  program
    .command('notify')
    .description('通知渠道：向县配置 notify: 中办公室和各单位的企业微信、钉钉群机器人和电子邮件发送测试消息')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--test', '发送测试消息（不记入发送记录）')
    .option('--unit <id>', '只测试这个单位的渠道')
    .option('--office', '只测试办公室的渠道')
    .action(async (opts: { config: string; test?: boolean; unit?: string; office?: boolean }) => {
      if (!opts.test) throw new UsageError('zwgk notify 需要 --test（正式通知由 zwgk serve 在检查和复查后自动发送）');
      const { loadCountyConfig } = await import('../config/index.ts');
      const { sendTestMessages } = await import('../notify/index.ts');
      const config = loadCountyConfig(opts.config);
      if (opts.unit && !config.units.some((u) => u.id === opts.unit))
        throw new UsageError(`--unit: 县配置中没有 id 为“${opts.unit}”的单位`);
      const results = await sendTestMessages(config, { unitId: opts.unit, officeOnly: opts.office });
      if (!results.length)
        throw new UsageError(`${opts.config}: 没有配置通知渠道（notify.office 或单位的 notify:），见 docs/notifications.md`);
      for (const r of results)
        process.stdout.write(`${r.ok ? '已发送' : '失败  '}  ${r.label}（${r.place}）${r.ok ? '' : `：${r.error}`}\n`);
      const failed = results.filter((r) => !r.ok).length;
      process.stdout.write(`共 ${results.length} 个渠道，${results.length - failed} 个发送成功${failed ? `，${failed} 个失败` : ''}。\n`);
      if (failed) process.exitCode = 1;
    });
}
