import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseAsOf } from './errors.ts';
import { SAMPLE_AS_OF } from './sample-date.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('启动附带的示例县门户，完整检查 41 个单位，输出检查结果、准确率对照表、评分和报告')
    .option('--out <dir>', '输出目录', './out')
    .option('--as-of <date>', '检查日期', SAMPLE_AS_OF)
    .action(async (opts: { out: string; asOf: string }) => {
      const asOf = parseAsOf(opts.asOf);
      const { startSamplePortal, writeGroundTruth } = await import('../sample/index.ts');
      const { CHECK_IDS } = await import('../checks/index.ts');
      const { inspectCounty } = await import('../inspection/index.ts');
      const { createProgress } = await import('./progress.ts');
      const { measureFindings, formatMeasureTable } = await import('./measure.ts');
      const { sampleConfigFor, SAMPLE_CONFIG_PATH } = await import('./sample-config.ts');
      const { runDemoExtras } = await import('./demo-extras.ts');
      const { runDemoSiteWeek } = await import('./demo-site.ts');
      const outDir = resolve(opts.out);
      mkdirSync(outDir, { recursive: true });
      const dbPath = join(outDir, 'demo.db');
      for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
      const portal = await startSamplePortal({ asOf });
      const written: string[] = [];
      try {
        process.stderr.write(`示例门户已启动：${portal.origin}\n`);
        const { onboardSampleCounty } = await import('./demo-onboard.ts');
        const onboarded = await onboardSampleCounty({ origin: portal.origin, prepared: sampleConfigFor(portal.origin), asOf, outDir });
        written.push(...onboarded.files);
        const config = onboarded.config;
        await runDemoSiteWeek({ config, configDir: dirname(SAMPLE_CONFIG_PATH), asOf, dbPath, setSiteDay: portal.setSiteDay });
        const outcome = await inspectCounty({
          config,
          configPath: SAMPLE_CONFIG_PATH,
          asOf,
          dbPath,
          outDir,
          progress: createProgress(new Map(config.units.map((u) => [u.id, u.name]))),
          log: (l) => process.stderr.write(`${l}\n`),
        });
        if (outcome.status !== 'complete' || !outcome.findingsFile) {
          process.stderr.write('示例检查未完成。\n');
          process.exitCode = 1;
          return;
        }
        written.push(outcome.findingsFile);
        const truthFile = join(outDir, 'ground-truth.json');
        writeGroundTruth(portal, truthFile);
        written.push(truthFile);
        const table = formatMeasureTable(measureFindings(outcome.findings, portal.groundTruth, CHECK_IDS));
        const tableFile = join(outDir, 'precision-recall.txt');
        writeFileSync(tableFile, `${table}\n`);
        written.push(tableFile);
        process.stdout.write(`\n检查结果与示例门户预埋问题对照（精确率/召回率）：\n${table}\n\n`);
        if (outcome.siteResultsFile) {
          const { readFileSync } = await import('node:fs');
          const { SAMPLE_SITE_TRUTH } = await import('../sample/index.ts');
          const { formatSiteTruthTable } = await import('./demo-site.ts');
          const site = formatSiteTruthTable(JSON.parse(readFileSync(outcome.siteResultsFile, 'utf8')), SAMPLE_SITE_TRUTH);
          process.stdout.write(`门户网站 19号 自查与示例预埋问题对照：${site.exact ? '全部一致' : '有不一致'}\n${site.table}\n\n`);
          written.push(outcome.siteResultsFile);
        }
        written.push(...(await runDemoExtras({ config, asOf, dbPath, outDir, runId: outcome.runId, findings: outcome.findings })));
      } finally {
        await portal.close();
      }
      process.stdout.write(`已写入：\n${written.map((f) => `  ${f}`).join('\n')}\n`);
    });
}
