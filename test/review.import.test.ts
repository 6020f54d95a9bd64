import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { registerReview } from '../cli/review.ts';
import { exitCodeFor, UsageError } from '../cli/errors.ts';
import { listReviewEvents, recordDecision, ReviewInputError, type Store } from '../store/index.ts';
import { addRun, finding, runCli, tempStore, writeConfig } from './fixtures/scoring/helpers.ts';

function setup() {
  const t = tempStore();
  const a = finding({ unitId: 'yishi', checkId: 'guide.incomplete', indicator: 'guide', subject: '网址' });
  const b = finding({ unitId: 'yishi', checkId: 'attribute.missing', indicator: 'attribute', subject: 'https://example.gov.cn/doc1' });
  const stranger = finding({ unitId: 'ghost', checkId: 'guide.incomplete', indicator: 'guide', subject: '网址' });
  addRun(t.store, { asOf: '2023-06-01', findings: [a, b, stranger] });
  return { ...t, a, b, stranger, config: writeConfig(t.dir) };
}

const count = (store: Store) => listReviewEvents(store).length;
const cli = (dbPath: string, args: string[]) => runCli([registerReview], [...args, '--db', dbPath]);

describe('review: bad input is refused and changes nothing', () => {
  it('an unknown finding id', async () => {
    const { store, dbPath } = setup();
    await expect(cli(dbPath, ['review', 'confirm', 'nope', '--by', '张三'])).rejects.toThrow(/问题编号 "nope" 不存在/);
    await expect(cli(dbPath, ['review', 'confirm', 'nope', '--by', '张三'])).rejects.toBeInstanceOf(UsageError);
    expect(count(store)).toBe(0);
  });

  it('a dismiss or adjust without a reason', async () => {
    const { store, dbPath, a } = setup();
    await expect(cli(dbPath, ['review', 'dismiss', a.id, '--by', '张三'])).rejects.toThrow(/--reason/);
    await expect(cli(dbPath, ['review', 'dismiss', a.id, '--by', '张三', '--reason', '  '])).rejects.toThrow(/驳回必须填写理由/);
    await expect(cli(dbPath, ['review', 'adjust', a.id, '--by', '张三', '--reason', '少算'])).rejects.toThrow(/新的次数或分值/);
    await expect(cli(dbPath, ['review', 'adjust', a.id, '--by', '张三', '--reason', '少算', '--occurrences', '-1'])).rejects.toThrow(
      /不小于 0/,
    );
    expect(() => recordDecision(store, { findingId: a.id, action: 'adjust', by: '张三', reason: '', occurrences: 1 })).toThrow(
      ReviewInputError,
    );
    expect(count(store)).toBe(0);
  });

  it('a finding of a unit that is not in the config', async () => {
    const { store, dbPath, stranger, config } = setup();
    await expect(cli(dbPath, ['review', 'confirm', stranger.id, '--by', '张三', '--config', config])).rejects.toThrow(
      /ghost.*不在县配置中/,
    );
    expect(count(store)).toBe(0);
  });

  it('an import with one bad row writes none of its rows and names row and column', async () => {
    const { store, dbPath, dir, a, b } = setup();
    const file = join(dir, 'decisions.csv');
    writeFileSync(
      file,
      `问题编号,决定,审核人,理由,次数,分值\n${a.id},确认,张三,,,\n${b.id},驳回,张三,,,\nzzz,confirm,张三,x,,\n${a.id},调整,张三,改,abc,\n`,
    );
    const err = await cli(dbPath, ['review', 'import', file]).catch((e: Error) => e);
    expect(exitCodeFor(err)).toBe(2); // the CLI exits 2 on it, with the message as it stands
    const msg = (err as Error).message;
    expect(msg).toContain('第 3 行，理由：驳回必须填写理由');
    expect(msg).toContain('第 4 行，问题编号：问题编号 "zzz" 不存在');
    expect(msg).toContain('第 5 行，次数：“abc”不是数字');
    expect(msg).not.toContain('第 2 行');
    expect(count(store)).toBe(0);
  });

  it('an import whose finding belongs to a unit outside the config', async () => {
    const { store, dbPath, dir, stranger, config } = setup();
    const file = join(dir, 'd.csv');
    writeFileSync(file, `问题编号,决定,审核人,理由\n${stranger.id},确认,张三,\n`);
    await expect(cli(dbPath, ['review', 'import', file, '--config', config])).rejects.toThrow(
      /第 2 行，问题编号：问题所属单位 "ghost" 不在县配置中/,
    );
    expect(count(store)).toBe(0);
  });

  it('a malformed sheet: missing columns, a formula cell, not an xlsx at all', async () => {
    const { store, dbPath, dir, a } = setup();
    const noReason = join(dir, 'no-reason.csv');
    writeFileSync(noReason, `问题编号,决定,审核人\n${a.id},确认,张三\n`);
    await expect(cli(dbPath, ['review', 'import', noReason])).rejects.toThrow(/缺少列 “理由”/);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('审核');
    ws.addRow(['问题编号', '决定', '审核人', '理由', '次数', '分值']);
    ws.addRow([a.id, '调整', '张三', '改', null, null]);
    ws.getCell('F2').value = { formula: '1+1', result: 2 };
    const withFormula = join(dir, 'formula.xlsx');
    await wb.xlsx.writeFile(withFormula);
    await expect(cli(dbPath, ['review', 'import', withFormula])).rejects.toThrow(/第 2 行第 6 列：不接受公式/);

    const garbage = join(dir, 'garbage.xlsx');
    writeFileSync(garbage, 'this is not a zip');
    await expect(cli(dbPath, ['review', 'import', garbage])).rejects.toThrow(/无法读取 xlsx/);
    expect(count(store)).toBe(0);
  });

  it('a good xlsx imports every decision in one go', async () => {
    const { store, dbPath, dir, a, b, config } = setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('审核');
    ws.addRow(['问题编号', '决定', '审核人', '理由', '次数', '分值']);
    ws.addRow([a.id, '确认', '张三', '', null, null]);
    ws.addRow([b.id, 'adjust', '李四', '只有一件', 1, null]);
    const file = join(dir, 'ok.xlsx');
    await wb.xlsx.writeFile(file);
    expect(await cli(dbPath, ['review', 'import', file, '--config', config])).toContain('已导入 2 条审核决定');
    const events = listReviewEvents(store);
    expect(events.map((e) => [e.findingId, e.after.status, e.source.startsWith('import:')])).toEqual([
      [a.id, 'confirmed', true],
      [b.id, 'adjusted', true],
    ]);
    expect(events[1].occurrences).toBe(1);
  });
});

describe('review import: encodings and sheets', () => {
  it('reads a GBK CSV as Excel saves it in Chinese', async () => {
    const iconv = (await import('iconv-lite')).default;
    const { store, dbPath, dir, a } = setup();
    const file = join(dir, 'gbk.csv');
    writeFileSync(file, iconv.encode(`问题编号,决定,审核人,理由\r\n${a.id},驳回,张三,"指南写明了网址,见第二段"\r\n`, 'gbk'));
    expect(await cli(dbPath, ['review', 'import', file])).toContain('已导入 1 条');
    expect(listReviewEvents(store)[0]).toMatchObject({ action: 'dismiss', by: '张三', reason: '指南写明了网址,见第二段' });
  });
});
