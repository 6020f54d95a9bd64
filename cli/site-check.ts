// `zwgk site-check`: the 19号 self-check of the configured sites on its own (no unit crawl): read each home now,
// score the month from the stored probes and reads, write site-19hao.json and each site's 自查报告.
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { parseAsOf, UsageError } from './errors.ts';

export function registerSiteCheck(program: Command): void {
  program
    .command('site-check')
    .description('门户网站 19号 自查：读取 site: 中各网站首页，结合已记录的可用性探测给出本月结果，写出 site-19hao.json 和自查报告')
    .requiredOption('--config <file>', '县配置文件（YAML，需含 site:）')
    .option('--as-of <date>', '检查日期（YYYY-MM-DD），默认今天')
    .option('--out <dir>', '输出目录', './out')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(async (opts: { config: string; asOf?: string; out: string; db: string }) => {
      const asOf = parseAsOf(opts.asOf);
      const { configuredSites, loadCountyConfig } = await import('../config/index.ts');
      const { openStore } = await import('../store/index.ts');
      const { inspectSites, inspectionClock, siteMonthlyReports, siteSummaryLine } = await import('../inspection/index.ts');
      const config = loadCountyConfig(opts.config);
      if (configuredSites(config).length === 0)
        throw new UsageError(`${opts.config}: 未配置 site:（门户网站首页）或单位的 site:，没有可自查的网站`);
      const store = openStore({ dbPath: resolve(opts.db) });
      try {
        const { results, file } = await inspectSites({
          store,
          config,
          configDir: dirname(resolve(opts.config)),
          asOf,
          runId: null,
          outDir: opts.out,
          now: inspectionClock(asOf),
        });
        for (const r of results) process.stdout.write(`${siteSummaryLine(r)}\n`);
        const reports = await siteMonthlyReports({
          store,
          config,
          month: asOf.slice(0, 7),
          outDir: join(opts.out, 'reports'),
          issuedOn: asOf,
        });
        process.stdout.write(`已写入：\n${[file, ...reports].map((f) => `  ${f}`).join('\n')}\n`);
      } finally {
        store.close();
      }
    });
}
