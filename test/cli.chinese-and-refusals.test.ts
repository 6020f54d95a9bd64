import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, ROOT } from './helpers/cli.ts';
import { openStore } from '../store/index.ts';

const CONFIG = join(ROOT, 'config/sample.yaml');
const ENGLISH = /Usage:|Options:|Commands:|Arguments:|display help|output the version|\bdefault:|error:|Did you mean/;

function commandsSection(help: string): string[] {
  const start = help.indexOf('命令：');
  return start < 0
    ? []
    : help
        .slice(start)
        .split('\n')
        .slice(1)
        .filter((l) => l.trim());
}

describe('CLI help and errors are Chinese', () => {
  it('shows no English strings of commander in the help of the program and of every command', () => {
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('用法：');
    expect(top.stdout).not.toMatch(ENGLISH);
    const names = commandsSection(top.stdout)
      .map((l) => l.trim().split(' ')[0])
      .filter((n) => n !== 'help');
    expect(names).toContain('inspect');
    for (const name of names) {
      const r = runCli([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).not.toMatch(ENGLISH);
      for (const sub of commandsSection(r.stdout)
        .map((l) => l.trim().split(' ')[0])
        .filter((n) => n !== 'help')) {
        const s = runCli([name, sub, '--help']);
        expect(s.stdout, `${name} ${sub}`).not.toMatch(ENGLISH);
      }
    }
  }, 240_000);

  it('keeps every command description on one line', () => {
    const lines = commandsSection(runCli(['--help']).stdout);
    // a continuation line would start with spaces only and no command name before the description column
    for (const l of lines) expect(l, l).toMatch(/^ {2}[a-z][\w-]*( \[选项\]| \[命令\]| <[^>]+>)* +\S/);
  });

  it('names an unknown option as unknown, even when a required option is missing too', () => {
    const r = runCli(['inspect', '--confg', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知选项 --confg');
    expect(r.stderr).toContain('是否要输入 --config');
    expect(r.stderr).not.toMatch(ENGLISH);
  });

  it('rejects an impossible date and names it', () => {
    const r = runCli(['inspect', '--config', CONFIG, '--as-of', '2023-13-45']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as-of: "2023-13-45" 不是有效日期');
    const d = runCli(['report', 'monthly', '--config', CONFIG, '--month', '2023-12', '--date', '2023-02-30']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--date: "2023-02-30" 不是有效日期');
  });
});

describe('documents are refused when nothing backs them', () => {
  it('does not create a database at a mistyped path, for every read-only command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-missing-'));
    const db = join(dir, 'typo', 'zwgk.db');
    const commands = [
      ['report', 'monthly', '--config', CONFIG, '--month', '2023-12', '--out', join(dir, 'out')],
      ['report', 'unit', '--config', CONFIG, '--all', '--out', join(dir, 'out')],
      ['report', 'annual', '--config', CONFIG, '--out', join(dir, 'out')],
      ['review', 'list'],
      ['score', '--config', CONFIG, '--out', join(dir, 'out')],
    ];
    for (const args of commands) {
      const r = runCli([...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(`数据库 ${db} 不存在`);
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 120_000);

  it('refuses a monthly report or unit notices for a month with no inspection, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-empty-'));
    const db = join(dir, 'zwgk.db');
    openStore({ dbPath: db }).close();
    const out = join(dir, 'out');
    const monthly = runCli(['report', 'monthly', '--config', CONFIG, '--month', '2023-12', '--db', db, '--out', out]);
    expect(monthly.code).toBe(1);
    expect(monthly.stderr).toContain('2023年12月没有完成的全覆盖检查，未生成通报');
    expect(monthly.stdout).not.toContain('已写入');
    const unit = runCli(['report', 'unit', '--config', CONFIG, '--all', '--db', db, '--out', out]);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('没有完成的全覆盖检查，未生成整改通知单');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 60_000);
});
