import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../model/index.ts';
import { parseAsOf, UsageError } from './errors.ts';

function parseYear(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year: "${value}" 不是年份 / not a year`);
  return year;
}

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('按考核细则计算年度得分、排名和等次建议，写出 DIR/scores.json')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .option('--year <year>', '考核年度（默认取县配置）')
    .option('--as-of <date>', '只计入该日期及以前的检查（YYYY-MM-DD），默认今天')
    .option('--out <dir>', '输出目录', './out')
    .option('--rubric <spec>', '考核细则（默认取县配置）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(async (opts: { config: string; year?: string; asOf?: string; out: string; rubric?: string; db: string }) => {
      const { loadCountyConfig, loadRubricForConfig } = await import('../config/index.ts');
      const config = loadCountyConfig(opts.config);
      const year = parseYear(opts.year, config.year);
      const asOf = parseAsOf(opts.asOf);
      const { checkedRubric } = await import('./rubric-check.ts');
      const rubric = checkedRubric(config, opts.config, year, opts.rubric);
      const { openStore } = await import('../store/index.ts');
      const { scoreFromStore } = await import('../scoring/index.ts');
      const { mkdirSync, writeFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const store = openStore({ dbPath: opts.db, mustExist: true });
      try {
        const scores = scoreFromStore(store, { config, rubric, year, asOf });
        mkdirSync(opts.out, { recursive: true });
        const file = join(opts.out, 'scores.json');
        writeFileSync(file, `${JSON.stringify(scores, null, 2)}\n`);
        const pending = scores.units.filter((u) => u.total !== u.totalIfPendingConfirmed).length;
        process.stdout.write(
          `已写出 ${file}：${scores.units.length} 个单位${pending ? `，其中 ${pending} 个单位仍有待审核问题（草稿分与全部确认后的分不同）` : ''}\n`,
        );
        for (const c of scores.classes) {
          const counts = Object.entries(scores.grades[c.key]?.counts ?? {})
            .map(([k, v]) => `${k} ${v}`)
            .join('，');
          process.stdout.write(`${c.heading}：${c.units} 个单位${counts ? `，${counts}` : rubric.grading ? '' : '（细则未规定等次）'}\n`);
        }
      } finally {
        store.close();
      }
    });

  program
    .command('grade')
    .description('考核小组改定某单位的等次（须说明理由，留痕）')
    .requiredOption('--config <file>', '县配置文件（YAML）')
    .requiredOption('--unit <id>', '单位编号')
    .requiredOption('--grade <grade>', '等次：优秀/良好/一般/较差')
    .requiredOption('--reason <text>', '理由')
    .requiredOption('--by <name>', '改定人')
    .option('--year <year>', '考核年度（默认取县配置）')
    .option('--db <file>', 'SQLite 数据库', DEFAULT_DB_PATH)
    .action(async (opts: { config: string; unit: string; grade: string; reason: string; by: string; year?: string; db: string }) => {
      const { loadCountyConfig, loadRubricForConfig } = await import('../config/index.ts');
      const config = loadCountyConfig(opts.config);
      const year = parseYear(opts.year, config.year);
      const rubric = loadRubricForConfig(config, year);
      if (!config.units.some((u) => u.id === opts.unit)) throw new UsageError(`--unit: 单位 "${opts.unit}" 不在县配置中`);
      if (!rubric.grading) throw new UsageError('--grade: 考核细则未规定等次 / the rubric sets no grades');
      if (!rubric.grading.order.includes(opts.grade))
        throw new UsageError(`--grade: "${opts.grade}" 无效，应为 ${rubric.grading.order.join('/')}`);
      if (!opts.reason.trim()) throw new UsageError('--reason: 改定等次必须说明理由');
      if (!opts.by.trim()) throw new UsageError('--by: 缺少改定人');
      const { openStore, addGradeOverride } = await import('../store/index.ts');
      const store = openStore({ dbPath: opts.db, mustExist: true });
      try {
        addGradeOverride(store, { year, unitId: opts.unit, grade: opts.grade, reason: opts.reason.trim(), by: opts.by.trim() });
        process.stdout.write(`已记录：${opts.unit} ${year} 年度等次改定为 ${opts.grade}\n`);
      } finally {
        store.close();
      }
    });
}
