import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { registerManual } from '../cli/manual.ts';
import { registerTemplate } from '../cli/template.ts';
import { registerScore } from '../cli/score.ts';
import { exitCodeFor, UsageError } from '../cli/errors.ts';
import { listManualEntries, manualEntryHistory } from '../store/index.ts';
import type { ScoresFile } from '../scoring/index.ts';
import { CONFIG_YAML, runCli, tempStore, writeConfig } from './fixtures/scoring/helpers.ts';

const cli = (dbPath: string, args: string[]) => runCli([registerManual, registerTemplate, registerScore], [...args, '--db', dbPath]);
const noDb = (args: string[]) => runCli([registerManual, registerTemplate, registerScore], args);

async function score(dbPath: string, config: string, dir: string): Promise<ScoresFile> {
  await cli(dbPath, ['score', '--config', config, '--as-of', '2023-12-15', '--out', join(dir, 'out')]);
  return JSON.parse(readFileSync(join(dir, 'out', 'scores.json'), 'utf8')) as ScoresFile;
}

describe('manual entries', () => {
  it('CLI entries feed the score; a later entry for the same indicator replaces the earlier one', async () => {
    const { store, dbPath, dir } = tempStore();
    const config = writeConfig(dir);
    const add = (args: string[]) => cli(dbPath, ['manual', 'add', '--config', config, '--by', '李四', ...args]);
    await add(['--unit', 'yishi', '--indicator', 'secrecy.mechanism', '--level', 'none', '--note', '未见制度文件']);
    await add([
      '--unit',
      'yishi',
      '--indicator',
      'secrecy.mechanism',
      '--level',
      '制度不健全',
      '--note',
      '补交了制度，但不完整',
      '--attachment',
      'materials/yishi/保密审查制度.pdf',
    ]);
    await add([
      '--unit',
      'yishi',
      '--indicator',
      'application.reply',
      '--occurrences',
      '1',
      '--bonus',
      '1',
      '--note',
      '案卷 3 件，1 件不规范，1 件优秀',
    ]);
    await add(['--unit', 'fagai', '--indicator', 'shuanggongshi.rank', '--points', '6', '--note', '市排名第 3']);
    await add(['--unit', 'yishi', '--indicator', 'bonus:commendation', '--occurrences', '2', '--note', '省级表彰 2 项']);
    expect(listManualEntries(store, { year: 2023 })).toHaveLength(4);
    expect(manualEntryHistory(store, { year: 2023 })).toHaveLength(5);

    const scores = await score(dbPath, config, dir);
    const yishi = scores.units.find((u) => u.unitId === 'yishi')!;
    const ind = (u: typeof yishi, id: string) => u.indicators.find((i) => i.rowId === id)!;
    expect(ind(yishi, 'secrecy.mechanism').deduction).toBe(1);
    expect(ind(yishi, 'secrecy.mechanism').basis[0].text).toContain('保密审查制度.pdf');
    expect(ind(yishi, 'application.reply')).toMatchObject({ deduction: 3, bonus: 2, points: 5 });
    expect(yishi.extras[0]).toMatchObject({ id: 'bonus:commendation', points: 10 });
    expect(yishi.total).toBe(100 - 1 - 3 + 2 + 10);
    const fagai = scores.units.find((u) => u.unitId === 'fagai')!;
    expect(ind(fagai, 'shuanggongshi.rank').value).toBe(6);
    expect(scores.units.find((u) => u.unitId === 'minzheng')!.indicators.some((i) => i.rowId === 'shuanggongshi.rank')).toBe(false);
    store.close();
  });

  it('refuses bad entries with a clear message and writes nothing', async () => {
    const { store, dbPath, dir } = tempStore();
    const config = writeConfig(dir);
    const add = (args: string[]) => cli(dbPath, ['manual', 'add', '--config', config, '--by', '李四', '--note', '材料', ...args]);
    await expect(add(['--unit', 'nobody', '--indicator', 'leadership', '--occurrences', '1'])).rejects.toThrow(
      /单位 "nobody" 不在县配置中/,
    );
    await expect(add(['--unit', 'yishi', '--indicator', 'zone', '--points', '2'])).rejects.toThrow(/不在 2023 年A类考核细则中/);
    await expect(add(['--unit', 'minzheng', '--indicator', 'shuanggongshi.rank', '--points', '2'])).rejects.toThrow(/不适用于 民政局/);
    await expect(add(['--unit', 'yishi', '--indicator', 'leadership', '--points', '5'])).rejects.toThrow(/只扣分/);
    await expect(add(['--unit', 'fagai', '--indicator', 'shuanggongshi.report', '--points', '9'])).rejects.toThrow(/0—8/);
    await expect(add(['--unit', 'yishi', '--indicator', 'secrecy.mechanism', '--level', 'bad'])).rejects.toThrow(
      /档次应为 none\/incomplete/,
    );
    await expect(add(['--unit', 'yishi', '--indicator', 'penalty:other', '--occurrences', '1'])).rejects.toThrow(/酌情项/);
    await expect(add(['--unit', 'yishi', '--indicator', 'leadership'])).rejects.toBeInstanceOf(UsageError);
    expect(manualEntryHistory(store, { year: 2023 })).toHaveLength(0);
    store.close();
  });

  it('template: one sheet per class, units prefilled, text never a formula; filled template imports', async () => {
    const { store, dbPath, dir } = tempStore();
    const config = join(dir, 'county.yaml');
    writeFileSync(config, CONFIG_YAML.replace('猗氏镇政府', '=HYPERLINK("http://evil")'));
    const file = join(dir, 'manual.xlsx');
    expect(await noDb(['template', 'manual', '--config', config, '--out', file])).toContain('已写出');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填写说明', 'A类（乡镇）', 'B类（县直单位）']);
    const a = wb.getWorksheet('A类（乡镇）')!;
    const header = (a.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['单位编号', '单位名称', '指标编号', '指标', '填写说明', '次数']);
    let formulas = 0;
    const rowsByKey = new Map<string, number>();
    a.eachRow((row, n) => {
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      });
      if (n > 1) rowsByKey.set(`${row.getCell(1).text}|${row.getCell(3).text}`, n);
    });
    expect(formulas).toBe(0);
    expect(a.getRow(2).getCell(2).text).toBe('=HYPERLINK("http://evil")');
    expect(rowsByKey.has('yishi|leadership')).toBe(true);
    expect(rowsByKey.has('niudu|penalty:fraud')).toBe(true);
    expect(rowsByKey.has('yishi|guide')).toBe(false); // web-only rows come from the inspection

    // restore the real name so the import matches the config used below
    const realConfig = writeConfig(dir);
    a.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).text === 'yishi') row.getCell(2).value = '猗氏镇政府';
    });
    const fill = (key: string, col: string, value: string | number) => {
      const col1 = header.indexOf(col) + 1;
      a.getRow(rowsByKey.get(key)!).getCell(col1).value = value;
    };
    fill('yishi|leadership', '次数', 1);
    fill('yishi|leadership', '说明', '全年未听取汇报');
    fill('yishi|leadership', '录入人', '王五');
    fill('niudu|notice.provincial', '次数', 2);
    fill('niudu|notice.provincial', '说明', '省通报两次');
    await wb.xlsx.writeFile(file);
    expect(await cli(dbPath, ['manual', 'import', file, '--config', realConfig, '--by', '办公室'])).toContain('已导入 2 条录入');
    const entries = listManualEntries(store, { year: 2023 });
    expect(entries.map((e) => [e.unitId, e.target, e.occurrences, e.by])).toEqual([
      ['niudu', 'notice.provincial', 2, '办公室'],
      ['yishi', 'leadership', 1, '王五'],
    ]);
    const scores = await score(dbPath, realConfig, dir);
    expect(scores.units.find((u) => u.unitId === 'niudu')!.indicators.find((i) => i.rowId === 'notice.provincial')!.deduction).toBe(8);

    // a bad row refuses the whole file
    fill('yishi|support', '次数', 'abc');
    fill('niudu|media', '加分次数', 1);
    fill('niudu|media', '说明', '新闻报道');
    a.getRow(rowsByKey.get('niudu|media')!).getCell(1).value = 'ghost';
    await wb.xlsx.writeFile(file);
    const err = await cli(dbPath, ['manual', 'import', file, '--config', realConfig, '--by', '办公室']).catch((e: Error) => e);
    expect(exitCodeFor(err)).toBe(2); // the CLI exits 2 on it, with the message as it stands
    expect((err as Error).message).toMatch(/第 \d+ 行，次数：“abc”不是数字/);
    expect((err as Error).message).toMatch(/单位编号：单位 "ghost" 不在县配置中/);
    expect(manualEntryHistory(store, { year: 2023 })).toHaveLength(2);
    store.close();
  });
});
