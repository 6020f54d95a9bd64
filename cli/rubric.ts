import type { Command } from 'commander';
import { UsageError } from './errors.ts';
import { rubricWarningLines } from './rubric-warnings.ts';

export function registerRubric(program: Command): void {
  const rubric = program
    .command('rubric')
    .description('按评估人员阅读的方式打印考核细则与评分表')
    .option('--year <year>', '考核年度（内置细则默认 2023；与 --file 同用时核对文件年度）')
    .option('--class <class>', '只显示一个类别（如 A、B，或细则自定的类别）')
    .option('--file <path>', '考核细则文件（默认内置）')
    .option('--json', '输出 JSON 数组')
    .action(async (opts: { year?: string; class?: string; file?: string; json?: boolean }) => {
      const { loadRubric, rubricAsJson, formatRubricText } = await import('../config/index.ts');
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && !Number.isInteger(year)) throw new UsageError(`--year: "${opts.year}" 不是年份 / not a year`);
      const source = opts.file ?? `builtin:${year ?? 2023}`;
      const rubric = loadRubric(source, year);
      const classes = Object.keys(rubric.classes);
      if (opts.class !== undefined && !classes.includes(opts.class)) {
        throw new UsageError(`--class: 必须是 ${classes.join('、')} 之一 / must be one of ${classes.join(', ')}`);
      }
      // on stderr: stdout stays the rubric itself (valid JSON with --json)
      for (const line of rubricWarningLines(source, rubric.warnings ?? [])) process.stderr.write(`${line}\n`);
      const cls = opts.class;
      process.stdout.write(opts.json ? `${JSON.stringify(rubricAsJson(rubric, cls), null, 2)}\n` : `${formatRubricText(rubric, cls)}\n`);
    });
  registerRubricCheck(rubric);
}

function registerRubricCheck(rubric: Command): void {
  rubric
    .command('check')
    .description('检查考核细则文件：格式、分值区间、引用的检查项与栏目，以及（给出县配置时）单位与类别；有错误时退出码 2')
    .argument('[file]', '考核细则文件（默认取 --config 的 rubric:，再默认内置细则）')
    .option('--config <file>', '县配置文件：同时核对单位名称、类别和考核年度')
    .action(async (file: string | undefined, flags: { config?: string }) => {
      (await import('./rubric-validate.ts')).runRubricCheck(file, flags);
    });
}
