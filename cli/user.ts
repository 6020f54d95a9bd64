import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { UsageError } from './errors.ts';

const ROLE_ALIASES: Record<string, 'admin' | 'evaluator' | 'unit'> = {
  admin: 'admin',
  管理员: 'admin',
  evaluator: 'evaluator',
  考核小组: 'evaluator',
  unit: 'unit',
  被考核单位: 'unit',
  单位: 'unit',
};

/** The password from ZWGK_PASSWORD (scripts) or the first line of stdin; never from argv, where `ps` would show it. */
async function readPassword(): Promise<string> {
  if (process.env.ZWGK_PASSWORD) return process.env.ZWGK_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('请输入密码（至少 8 个字符），回车结束：');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('管理工作台用户：admin（管理员）、evaluator（考核小组）、unit（被考核单位）');

  user
    .command('add')
    .description('新建用户；密码从环境变量 ZWGK_PASSWORD 或标准输入读取')
    .requiredOption('--username <name>', '登录名（字母、数字、_.-）')
    .requiredOption('--role <role>', 'admin / evaluator / unit')
    .option('--unit <id>', '单位编号（unit 角色必填）')
    .option('--name <text>', '显示姓名（审核记录中的审核人）')
    .option('--config <file>', '县配置文件（校验单位编号）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(async (opts: { username: string; role: string; unit?: string; name?: string; config?: string; db: string }) => {
      const { loadCountyConfig } = await import('../config/index.ts');
      const role = ROLE_ALIASES[opts.role];
      if (!role) throw new UsageError(`--role: "${opts.role}" 无效，应为 admin/evaluator/unit`);
      if (opts.unit && opts.config && !loadCountyConfig(opts.config).units.some((u) => u.id === opts.unit))
        throw new UsageError(`--unit: 单位 "${opts.unit}" 不在县配置中`);
      const password = await readPassword();
      const { openStore, createUser } = await import('../store/index.ts');
      const store = openStore({ dbPath: opts.db });
      try {
        const u = createUser(store, { username: opts.username, displayName: opts.name, role, unitId: opts.unit ?? null, password });
        process.stdout.write(`已创建用户 ${u.username}（${role}${u.unitId ? `，单位 ${u.unitId}` : ''}）\n`);
      } finally {
        store.close();
      }
    });

  user
    .command('list')
    .description('列出用户')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(async (opts: { db: string }) => {
      const { openStore, listUsers } = await import('../store/index.ts');
      const store = openStore({ dbPath: opts.db });
      try {
        for (const u of listUsers(store))
          process.stdout.write(`${u.username}\t${u.displayName}\t${u.role}\t${u.unitId ?? ''}\t${u.disabled ? '已停用' : '正常'}\n`);
      } finally {
        store.close();
      }
    });

  user
    .command('passwd <username>')
    .description('重设密码（该用户的登录会话全部失效）；密码从 ZWGK_PASSWORD 或标准输入读取')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(async (username: string, opts: { db: string }) => {
      const password = await readPassword();
      const { openStore, setUserPassword } = await import('../store/index.ts');
      const store = openStore({ dbPath: opts.db });
      try {
        setUserPassword(store, username, password);
        process.stdout.write(`已重设 ${username} 的密码\n`);
      } finally {
        store.close();
      }
    });

  for (const [name, disabled, label] of [
    ['disable', true, '停用'],
    ['enable', false, '启用'],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(`${label}用户`)
      .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
      .action(async (username: string, opts: { db: string }) => {
        const { openStore, setUserDisabled } = await import('../store/index.ts');
        const store = openStore({ dbPath: opts.db });
        try {
          setUserDisabled(store, username, disabled);
          process.stdout.write(`已${label}用户 ${username}\n`);
        } finally {
          store.close();
        }
      });
  }
}
