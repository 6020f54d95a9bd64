import { readFileSync, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { UsageError } from './errors.ts';

export function registerImportPosts(program: Command): void {
  program
    .command('import-posts <file>')
    .description('从 CSV 导入没有订阅源的政务新媒体账号的发布时间（列：unitId,account,platform,title,url,publishedAt）')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(async (file: string, opts: { config: string; db: string }) => {
      const { loadCountyConfig } = await import('../config/index.ts');
      const { openStore, importPosts } = await import('../store/index.ts');
      const { parsePostsCsv } = await import('../crawler/index.ts');
      const { decodeCsv } = await import('../scoring/index.ts');
      if (!existsSync(file)) throw new UsageError(`${file}: 文件不存在 / file not found`);
      const config = loadCountyConfig(opts.config);
      const parsed = parsePostsCsv(decodeCsv(readFileSync(file))); // UTF-8, or GBK as Excel in Chinese saves it
      const accounts = new Map<string, { unitId: string; platform: string }>();
      for (const u of config.units) for (const m of u.newMedia ?? []) accounts.set(m.account, { unitId: u.id, platform: m.platform });
      const errors = parsed.errors.map((e) => `${file}: 第 ${e.line} 行: ${e.message}`);
      const rows: { unitId: string; platform: string; account: string; title: string; url: string | null; publishedAt: string }[] = [];
      parsed.rows.forEach((r) => {
        const known = accounts.get(r.account);
        const unitId = r.unitId ?? known?.unitId;
        if (!unitId || !config.units.some((u) => u.id === unitId)) {
          errors.push(`${file}: 第 ${r.line} 行: 账号“${r.account}”不属于配置中的任何单位 / account not in config`);
          return;
        }
        rows.push({
          unitId,
          platform: r.platform ?? known?.platform ?? 'other',
          account: r.account,
          title: r.title,
          url: r.url,
          publishedAt: r.publishedAt,
        });
      });
      if (errors.length > 0) throw new UsageError(`导入被拒绝，未写入任何记录：\n${errors.join('\n')}`);
      const store = openStore({ dbPath: opts.db });
      try {
        const added = importPosts(store, rows, file);
        process.stdout.write(`已导入 ${added} 条发布记录（重复的 ${rows.length - added} 条已跳过）\n`);
      } finally {
        store.close();
      }
    });
}
