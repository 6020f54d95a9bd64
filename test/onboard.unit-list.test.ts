import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { assignUnitIds, loadUnitList, parseUnitListCsv, parseUnitListText, UnitListError, type PlannedUnit } from '../onboard/index.ts';
import { sharedPath } from './helpers/shared-material.ts';

const PLAN_FILE = sharedPath('seeds/2023-assessment-plan.txt');
const PLAN = PLAN_FILE === null ? '' : readFileSync(PLAN_FILE, 'utf8');

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof UnitListError) return err.problems.map((p) => `${p.place}：${p.message}`);
    throw err;
  }
  throw new Error('expected a UnitListError');
}

describe('附件1 text', () => {
  it.skipIf(PLAN_FILE === null)('reads the 41 units of the real plan, pasted whole, with their classes', () => {
    const units = parseUnitListText(PLAN, 'plan.txt');
    expect(units).toHaveLength(41);
    expect(units.filter((u) => u.class === 'A')).toHaveLength(14);
    expect(units[0]).toMatchObject({ name: '猗氏镇政府', class: 'A' });
    expect(units[14]).toMatchObject({ name: '临猗现代农业产业示范区', class: 'B' });
    expect(units.at(-1)!.name).toBe('能源局');
  });

  it('reads half-width punctuation, one name a line, and names split over lines', () => {
    const text = 'A类(2个):\n猗氏镇政府,牛杜镇政府\nB 类（3 个）：\n发改局\n教育局；\n工科局\n';
    const units = parseUnitListText(text, 'x.txt');
    expect(units.map((u) => `${u.class}${u.name}`)).toEqual(['A猗氏镇政府', 'A牛杜镇政府', 'B发改局', 'B教育局', 'B工科局']);
    expect(units[3].place).toBe('第 5 行');
  });

  it('names the line when a section count does not add up or a name is not a name', () => {
    const problems = problemsOf(() => parseUnitListText('A 类(3 个):\n猗氏镇政府、牛杜镇政府\nB 类(1 个):发改局2023', 'x.txt'));
    expect(problems).toContain('第 1 行：A 类标明 3 个，实际读到 2 个单位名称');
    expect(problems.some((p) => p.startsWith('第 3 行：') && p.includes('含数字'))).toBe(true);
  });

  it('rejects text without any section heading, saying what it looked for', () => {
    expect(problemsOf(() => parseUnitListText('猗氏镇政府、牛杜镇政府', 'x.txt'))[0]).toContain('A 类(N 个)');
  });
});

describe('CSV and XLSX', () => {
  it('reads a GBK CSV as Excel saves it, with 乡镇/县直 classes and an optional id', () => {
    const csv = '名称,类别,id\r\n猗氏镇政府,乡镇,\r\n发改局,县直,fgj\r\n';
    const units = parseUnitListCsv(iconv.encode(csv, 'gbk'), 'u.csv');
    expect(units).toEqual([
      { name: '猗氏镇政府', class: 'A', id: null, place: '第 2 行' },
      { name: '发改局', class: 'B', id: 'fgj', place: '第 3 行' },
    ]);
  });

  it('names the row and cell of each bad row', () => {
    const csv = '名称,类别\n猗氏镇政府,C\n,A\n发改局,B\n发改局,B\n';
    const problems = problemsOf(() => parseUnitListCsv(Buffer.from(csv), 'u.csv'));
    expect(problems).toEqual([
      '第 2 行 B2：类别“C”无法识别，应为 A/B 或 乡镇/县直',
      '第 3 行 A3：名称为空',
      '第 5 行：单位“发改局”重复（第 4 行已有）',
    ]);
  });

  it('says which header is missing', () => {
    expect(problemsOf(() => parseUnitListCsv(Buffer.from('单位,备注\n发改局,\n'), 'u.csv'))[0]).toContain('缺少“类别”列');
  });

  it('reads the first sheet of an xlsx and names bad cells with the sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考核对象');
    ws.addRow(['序号', '名称', '类别']);
    ws.addRow([1, '猗氏镇政府', 'A类']);
    ws.addRow([2, '发改局', '县直单位']);
    ws.addRow([3, '教育局', '其他']);
    const dir = mkdtempSync(join(tmpdir(), 'units-'));
    const file = join(dir, 'units.xlsx');
    await wb.xlsx.writeFile(file);
    await expect(loadUnitList(file)).rejects.toThrow('第 4 行 考核对象!C4：类别“其他”无法识别');
    ws.getRow(4).getCell(3).value = 'B';
    await wb.xlsx.writeFile(file);
    const units = await loadUnitList(file);
    expect(units.map((u) => [u.name, u.class])).toEqual([
      ['猗氏镇政府', 'A'],
      ['发改局', 'B'],
      ['教育局', 'B'],
    ]);
  });
});

describe('ids from names', () => {
  const unit = (name: string, cls: 'A' | 'B' = 'B', id: string | null = null): PlannedUnit => ({ name, class: cls, id, place: '' });

  it('are the pinyin of the name without county and ending, the same every time', () => {
    const ids = assignUnitIds(
      [unit('猗氏镇政府', 'A'), unit('嵎阳镇政府', 'A'), unit('临猗现代农业产业示范区'), unit('发改局'), unit('卫健体局')],
      '临猗县',
    );
    expect(ids.map((u) => u.id)).toEqual(['yishi', 'yuyang', 'xiandainongyechanye', 'fagai', 'weijianti']);
    expect(assignUnitIds([unit('卫健体局')], '临猗县')[0].id).toBe('weijianti');
  });

  it('stay unique: a clash takes the ending, then a number, and given ids are kept', () => {
    const ids = assignUnitIds(
      [unit('北京镇政府', 'A'), unit('北景乡政府', 'A'), unit('北井乡政府', 'A'), unit('能源局', 'B', 'beijing')],
      '临猗县',
    );
    expect(ids.map((u) => u.id)).toEqual(['beijing-zhen', 'beijing-xiang', 'beijing-2', 'beijing']);
  });
});
