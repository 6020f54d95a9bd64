import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { parseAsOf, UsageError } from './errors.ts';

interface ServeOptions {
  port: string;
  host: string;
  db: string;
  config?: string;
  out: string;
  once?: boolean;
  secureCookies?: boolean;
  asOf?: string;
  scheduler: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动工作台（考核小组审核、被考核单位查看整改）和定时检查；不指定 --config 时启动附带的示例门户')
    .option('--port <n>', '端口', '8080')
    .option('--host <addr>', '监听地址（默认只在本机）', '127.0.0.1')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .option('--config <file>', '县配置文件（YAML）；不指定则使用示例县和示例门户')
    .option('--out <dir>', '检查结果和报告的输出目录', './out')
    .option('--as-of <date>', '固定检查日期（YYYY-MM-DD），默认当天；示例门户默认 2023-12-15')
    .option('--once', '只运行到期的任务（含补做和复查队列）后退出，供系统 cron 或 CI 使用')
    .option('--secure-cookies', '会话 Cookie 加 Secure 标记（经 HTTPS 反向代理提供服务时使用）')
    .option('--no-scheduler', '不启动定时任务，只提供工作台')
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: "${opts.port}" 不是有效端口`);
      const { startService, runDueOnce, isValidCron } = await import('../service/index.ts');
      let portal: { origin: string; close(): Promise<void> } | null = null;
      let config: ReturnType<typeof import('../config/index.ts').loadCountyConfig> | undefined;
      let configPath: string;
      let asOf = opts.asOf ? parseAsOf(opts.asOf) : undefined;
      if (opts.config) {
        const { loadCountyConfig } = await import('../config/index.ts');
        config = loadCountyConfig(opts.config);
        configPath = resolve(opts.config);
      } else {
        const { startSamplePortal } = await import('../sample/index.ts');
        const { sampleConfigFor, SAMPLE_CONFIG_PATH, SAMPLE_AS_OF } = await import('./sample-config.ts');
        asOf ??= SAMPLE_AS_OF;
        portal = await startSamplePortal({ asOf });
        process.stderr.write(`示例门户已启动：${portal.origin}\n`);
        config = sampleConfigFor(portal.origin);
        configPath = SAMPLE_CONFIG_PATH;
      }
      for (const [name, expr] of [
        ['schedule.monthly', config.schedule.monthly],
        ['schedule.newMediaWeekly', config.schedule.newMediaWeekly],
      ]) {
        if (!isValidCron(expr)) throw new UsageError(`配置 ${name}: "${expr}" 不是有效的 cron 表达式`);
      }
      const base = { dbPath: resolve(opts.db), config, configPath, outDir: resolve(opts.out), asOf };
      if (opts.once) {
        try {
          const outcomes = await runDueOnce(base);
          process.stdout.write(outcomes.length ? `已运行 ${outcomes.length} 个到期任务：${outcomes.join('、')}\n` : '没有到期的任务\n');
          if (outcomes.includes('failed')) process.exitCode = 1;
        } finally {
          await portal?.close();
        }
        return;
      }
      const service = await startService({ ...base, port, host: opts.host, secureCookies: opts.secureCookies, scheduler: opts.scheduler });
      process.stdout.write(`工作台已启动：${service.url}/ （按 Ctrl+C 停止）\n`);
      if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && !opts.secureCookies) {
        process.stderr.write('提示：工作台对其他主机开放时，应放在 HTTPS 反向代理之后并使用 --secure-cookies。\n');
      }
      await new Promise<void>((done) => {
        const stop = (): void => {
          void service
            .close()
            .then(() => portal?.close())
            .then(() => done());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
