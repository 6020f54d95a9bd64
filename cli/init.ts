import type { Command } from 'commander';
import { UsageError } from './errors.ts';

const STATUS: Record<string, string> = { matched: '已匹配', ambiguous: '需人工选择', unmatched: '未找到' };

function portalUrl(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    // reported below
  }
  throw new UsageError(`--portal: "${value}" 不是有效的 http(s) 网址，应为县政府门户首页，如 https://www.sxly.gov.cn/`);
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('从县政府门户首页和考核方案附件1的单位名单，找出各单位的政府信息公开主页，生成县配置文件')
    .requiredOption('--portal <url>', '县政府门户网站首页网址')
    .requiredOption('--units <file>', '考核对象名单：附件1 原文（.txt），或含“名称、类别”列的 .csv / .xlsx')
    .option('--county <名称>', '县名（默认从门户首页读取，如 临猗县）')
    .option('--year <YYYY>', '考核年度（默认今年）')
    .requiredOption('--out <file>', '写出的配置文件（YAML）')
    .action(async (opts: { portal: string; units: string; county?: string; year?: string; out: string }) => {
      const portal = portalUrl(opts.portal);
      let year: number | undefined;
      if (opts.year !== undefined) {
        if (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 2000 || Number(opts.year) > 2100)
          throw new UsageError(`--year: "${opts.year}" 应为四位年份，如 2023`);
        year = Number(opts.year);
      }
      const { runInit, UnitListError, textTable } = await import('../onboard/index.ts');
      let outcome: Awaited<ReturnType<typeof runInit>>;
      try {
        outcome = await runInit({ portal, unitsFile: opts.units, out: opts.out, county: opts.county, year });
      } catch (err) {
        if (err instanceof UnitListError) throw new UsageError(`考核对象名单有误：\n${err.message}`);
        throw err;
      }
      const w = outcome.walk;
      process.stderr.write(
        `门户首页：${w.home.url}\n政府信息公开平台：${w.platform ? `${w.platform.url}（链接“${w.platform.via}”）` : '未找到，单位链接取自首页'}\n`,
      );
      for (const p of w.pages.filter((x) => x.role === '单位导航页' || x.role === '政务新媒体页')) {
        process.stderr.write(`${p.role}：${p.url}（链接“${p.via}”）${p.error ? ` 无法读取：${p.error}` : ''}\n`);
      }
      const rows = outcome.rows.map((r) => [
        r.name,
        STATUS[r.status],
        r.link,
        r.url ?? '',
        r.score === null ? '' : r.score.toFixed(2),
        r.columns ? `${r.columns.found}/${r.columns.required}` : '',
        r.reason,
      ]);
      process.stdout.write(
        `${textTable(['单位', '结果', '匹配链接', '网址', '得分', '必查栏目', '依据'], rows, [24, 10, 30, 48, 4, 8, 80])}\n\n`,
      );
      const short = outcome.rows.filter((r) => r.columns && r.columns.found < r.columns.required).length;
      if (short)
        process.stdout.write(`${short} 个单位的主页上没有找到全部必查栏目，配置中各单位 home 下方已列出未找到的栏目并附 columns: 模板。\n`);
      if (outcome.leftovers.length) {
        process.stdout.write(`门户导航中另有 ${outcome.leftovers.length} 个条目不在考核对象名单中，未作为单位写入：\n`);
        for (const l of outcome.leftovers) {
          process.stdout.write(
            `  ${l.entry.text}  ${l.entry.url}${l.nearest ? `（最接近“${l.nearest.unit}”，得分 ${l.nearest.score.toFixed(2)}）` : ''}\n`,
          );
        }
      }
      const accounts = [...outcome.accounts.values()].flat();
      if (w.newMediaPages.length === 0) {
        process.stdout.write('门户上没有找到政务新媒体页（政务新媒体/新媒体矩阵/账号列表）：各单位的 newMedia 需政务公开办补填。\n');
      } else {
        const noFeed = accounts.filter((a) => !a.feed).length;
        process.stdout.write(
          `政务新媒体页列出本名单单位的账号 ${accounts.length} 个${noFeed ? `，其中 ${noFeed} 个没有订阅地址（配置中已留 feed 注释，请补填或用 zwgk import-posts 导入发文日期）` : '，均有订阅地址'}。\n`,
        );
        if (outcome.otherAccounts.length) process.stdout.write(`另有 ${outcome.otherAccounts.length} 个账号不属于名单中的单位，未写入。\n`);
      }
      const need = outcome.rows.filter((r) => r.status !== 'matched').length;
      process.stdout.write(
        need === 0
          ? `全部 ${outcome.rows.length} 个单位已匹配，配置已写入 ${opts.out}。下一步：zwgk doctor --config ${opts.out}\n`
          : `${outcome.rows.length - need} 个单位已匹配，${need} 个需人工确认（已在 ${opts.out} 中注释掉并附候选链接）。\n`,
      );
      process.exitCode = outcome.exitCode;
    });
}
