import { CommanderError, type Command } from 'commander';
import { ChineseCommand } from './help-zh.ts';
// Commands import what they run (config/, store/, crawler/ …) inside their action: `zwgk --help` loads commander only.
import { exitCodeFor, EXIT, isConfigError } from './errors.ts';
import { registerInspect } from './inspect.ts';
import { registerDemo } from './demo.ts';
import { registerRubric } from './rubric.ts';
import { registerImportPosts } from './import-posts.ts';
import { registerExtraCommands } from './extra.ts';
import { registerInit } from './init.ts';
import { registerDoctor } from './doctor.ts';
import { registerProbe } from './probe.ts';
import { registerSiteCheck } from './site-check.ts';
import { registerNotify } from './notify.ts';
import { limitHeapGrowth } from './runtime.ts';

function buildProgram(): Command {
  const program = new ChineseCommand();
  program
    .name('zwgk')
    .description('政务公开检查工具：抓取各单位政务公开栏目和政务新媒体，按考核细则检查、评分并生成报告')
    .version('0.1.0', '-V, --version', '显示版本号')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .exitOverride()
    .showHelpAfterError('（使用 --help 查看用法）');
  registerInit(program);
  registerDoctor(program);
  registerInspect(program);
  registerDemo(program);
  registerRubric(program);
  registerImportPosts(program);
  registerExtraCommands(program);
  registerProbe(program);
  registerSiteCheck(program);
  registerNotify(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage; // commander already printed what was wrong
    }
    if (isConfigError(err)) {
      process.stderr.write(`配置错误 / config error:\n${err.message}\n`);
    } else {
      process.stderr.write(`错误 / error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (process.env.ZWGK_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    }
    return exitCodeFor(err);
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry || process.argv[1]?.endsWith('cli/main.ts')) {
  limitHeapGrowth(); // a process of ours (not when main() is called from a test): see cli/runtime.ts
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
