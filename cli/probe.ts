// `zwgk probe --once`: one availability probe of every configured site, for system cron (zwgk serve probes by itself).
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { UsageError } from './errors.ts';

function todayIn(timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('门户网站可用性探测（19号"站点无法访问"）：探测一次县配置 site: 中的门户和自有网站的单位首页并记录结果')
    .requiredOption('--config <file>', '县配置文件（YAML，需含 site:）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .option('--once', '探测一次后退出（供系统 cron 每天至少 20 次调用）')
    .action(async (opts: { config: string; db: string; once?: boolean }) => {
      if (!opts.once) throw new UsageError('zwgk probe 需要 --once（持续探测请使用 zwgk serve）');
      const { configuredSites, loadCountyConfig } = await import('../config/index.ts');
      const { openStore } = await import('../store/index.ts');
      const { probeSitesOnce } = await import('../inspection/index.ts');
      const config = loadCountyConfig(opts.config);
      if (configuredSites(config).length === 0)
        throw new UsageError(`${opts.config}: 未配置 site:（门户网站首页）或单位的 site:，没有可探测的网站`);
      const store = openStore({ dbPath: resolve(opts.db) });
      try {
        const results = await probeSitesOnce({
          store,
          config,
          configDir: dirname(resolve(opts.config)),
          asOf: todayIn(config.schedule.timezone),
        });
        for (const r of results) {
          const state = r.ok ? '正常' : r.networkDown ? '本机网络中断，不计入' : `失败：${r.message ?? ''}`;
          process.stdout.write(`${r.site.name} ${r.site.home}：${state}\n`);
        }
        if (results.some((r) => r.networkDown)) process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}
