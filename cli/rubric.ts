import type { Command } from 'commander';
import { UsageError } from './errors.ts';

export function registerRubric(program: Command): void {
  program
    .command('rubric')
    .description('按评估人员阅读的方式打印考核细则与评分表')
    .option('--year <year>', '考核年度', '2023')
    .option('--class <class>', 'A（乡镇）或 B（县直单位）')
    .option('--file <path>', '考核细则文件（默认内置）')
    .option('--json', '输出 JSON 数组')
    .action(async (opts: { year: string; class?: string; file?: string; json?: boolean }) => {
      const { loadRubric, rubricAsJson, formatRubricText } = await import('../config/rubric.ts');
      const year = Number(opts.year);
      if (!Number.isInteger(year)) throw new UsageError(`--year: "${opts.year}" 不是年份 / not a year`);
      if (opts.class !== undefined && opts.class !== 'A' && opts.class !== 'B') throw new UsageError(`--class: 必须是 A 或 B / must be A or B`);
      const source = opts.file ?? `builtin:${year}`;
      const rubric = loadRubric(source, year);
      // on stderr: stdout stays the rubric itself (valid JSON with --json)
      for (const line of rubricWarningLines(source, rubric.warnings ?? [])) process.stderr.write(`${line}\n`);
      const cls = opts.class as 'A' | 'B' | undefined;
      process.stdout.write(opts.json ? `${JSON.stringify(rubricAsJson(rubric, cls), null, 2)}\n` : `${formatRubricText(rubric, cls)}\n`);
    });
}

/** The loader's warnings (loaded anyway, but an evaluator should look), one line each, naming file and place. */
export function rubricWarningLines(source: string, warnings: { path: string; message: string }[]): string[] {
  return warnings.map((w) => `注意：考核细则 ${source} 的 ${w.path}：${w.message}`);
}
