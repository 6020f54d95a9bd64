// Commander prints its own help headings and error messages in English; users read Chinese only.
import { Command, Help, type Option, type Argument } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const WORDS: Record<string, string> = { '[options]': '[选项]', '[command]': '[命令]' };

function translateWords(str: string): string {
  return str
    .split(' ')
    .map((w) => WORDS[w] ?? w)
    .join(' ');
}

/** "(choices: "a", "b", default: "x")" at the end of a description → "（可选值："a"、"b"；默认："x"）". */
function translateExtra(description: string): string {
  const m = /^(.*?) ?\(((?:choices|default|preset|env): .*)\)$/s.exec(description);
  if (!m) return description;
  const parts = m[2].split(/, (?=(?:choices|default|preset|env): )/).map((p) => {
    const [key, ...rest] = p.split(': ');
    const value = rest.join(': ');
    if (key === 'choices') return `可选值：${value.split(', ').join('、')}`;
    if (key === 'default') return `默认：${value}`;
    if (key === 'preset') return `不带值时：${value}`;
    return `环境变量：${value}`;
  });
  return `${m[1]}（${parts.join('；')}）`;
}

class ChineseHelp extends Help {
  override styleTitle(str: string): string {
    return TITLES[str] ?? str;
  }
  override commandUsage(cmd: Command): string {
    return translateWords(super.commandUsage(cmd));
  }
  override subcommandTerm(cmd: Command): string {
    return translateWords(super.subcommandTerm(cmd));
  }
  override optionDescription(option: Option): string {
    return translateExtra(super.optionDescription(option));
  }
  override argumentDescription(argument: Argument): string {
    return translateExtra(super.argumentDescription(argument));
  }
  // CJK characters take two columns on a terminal; commander counts one, which misaligned the option lists.
  override displayWidth(str: string): number {
    let width = 0;
    for (const ch of str.replace(/\x1b\[[0-9;]*m/g, ''))
      width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
    return width;
  }
  // Chinese has no spaces to break at: commander's word wrap split descriptions at the one Latin word they contain.
  override boxWrap(str: string): string {
    return str;
  }
}

const quoted = "'([^']*)'";
const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [new RegExp(`^error: required option ${quoted} not specified`), (f) => `错误：缺少必需的选项 ${f}`],
  [new RegExp(`^error: unknown option ${quoted}`), (f) => `错误：未知选项 ${f}`],
  [new RegExp(`^error: unknown command ${quoted}`), (c) => `错误：未知命令 ${c}`],
  [new RegExp(`^error: missing required argument ${quoted}`), (a) => `错误：缺少必需的参数 ${a}`],
  [new RegExp(`^error: option ${quoted} argument missing`), (f) => `错误：选项 ${f} 缺少取值`],
  [new RegExp(`^error: option ${quoted} argument ${quoted} is invalid\\.`), (f, v) => `错误：选项 ${f} 的取值 “${v}” 无效`],
  [
    /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (c, e, g) => `错误：${c ? `命令 ${c} 的` : ''}参数过多，应为 ${e} 个，实际给了 ${g} 个`,
  ],
  [/^error: (.*) cannot be used with (.*)$/m, (a, b) => `错误：${a} 不能与 ${b} 同时使用`],
];

/** Commander's English error lines in Chinese; "Did you mean …?" becomes 是否要输入 …？ */
function translateCommanderError(text: string): string {
  let out = text;
  for (const [re, fn] of ERRORS) {
    const m = re.exec(out);
    if (m) {
      out = out.replace(m[0], fn(...m.slice(1)));
      break;
    }
  }
  return out
    .replace(/\(Did you mean one of (.*)\?\)/, (_, list: string) => `（是否要输入以下之一：${list.split(', ').join('、')}？）`)
    .replace(/\(Did you mean (.*)\?\)/, '（是否要输入 $1？）')
    .replace(/^error: /m, '错误：');
}

/** A Command whose help and errors are Chinese; subcommands made with .command() are of the same class. */
export class ChineseCommand extends Command {
  constructor(name?: string) {
    super(name);
    this.helpOption('-h, --help', '显示帮助');
    this.configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) });
  }
  private unknownSeen: string[] = [];
  override parseOptions(args: string[]): { operands: string[]; unknown: string[] } {
    const parsed = super.parseOptions(args);
    this.unknownSeen = parsed.unknown;
    return parsed;
  }
  // Commander reports a missing required option before an unknown one, so `inspect --confg x` said "--config missing"
  // instead of naming the misspelt option; a command with an action names the unknown option first.
  _checkForMissingMandatoryOptions(): void {
    const self = this as unknown as { _actionHandler?: unknown; _allowUnknownOption?: boolean };
    const unknown = this.unknownSeen.find((a) => a.startsWith('-'));
    if (self._actionHandler && !self._allowUnknownOption && unknown)
      (this as unknown as { unknownOption(flag: string): never }).unknownOption(unknown);
    (Command.prototype as unknown as { _checkForMissingMandatoryOptions(this: Command): void })._checkForMissingMandatoryOptions.call(this);
  }
  override createCommand(name?: string): Command {
    return new ChineseCommand(name);
  }
  override createHelp(): Help {
    return Object.assign(new ChineseHelp(), this.configureHelp());
  }
}
