// Every error the user can fix by changing their input exits 2, decided in one place; anything else exits 1.
import { describe, expect, it } from 'vitest';
import { exitCodeFor, UsageError } from '../cli/errors.ts';
import { ConfigError, InputError } from '../config/index.ts';
import { CheckSettingsError } from '../checks/index.ts';
import { ManualInputError, TableReadError } from '../scoring/index.ts';
import { ReviewInputError, StoreMissingError, UserInputError } from '../store/index.ts';
import { UnitListError } from '../onboard/index.ts';

describe('input errors', () => {
  const inputErrors: [string, Error][] = [
    ['ConfigError', new ConfigError('county.yaml', [{ path: 'units[0].home', message: '必须是网址' }])],
    ['UsageError', new UsageError('--as-of: 不是有效日期')],
    ['CheckSettingsError', new CheckSettingsError('设置 x 无效')],
    ['ManualInputError', new ManualInputError('第 2 行，分值：须为数字')],
    ['TableReadError', new TableReadError('无法读取表格')],
    ['ReviewInputError', new ReviewInputError('第 1 行，action 无效', 1, 'action')],
    ['UserInputError', new UserInputError('用户名已存在')],
    ['StoreMissingError', new StoreMissingError('/tmp/none.db')],
    ['UnitListError', new UnitListError('units.csv', [{ place: '第 3 行', message: '缺少名称' }])],
  ];

  it.each(inputErrors)('%s is an InputError, keeps its name and message, and exits 2', (name, err) => {
    expect(err).toBeInstanceOf(InputError);
    expect(err.name).toBe(name);
    expect(err.message).not.toBe('');
    expect(exitCodeFor(err)).toBe(2);
  });

  it('messages are the ones the classes always built', () => {
    expect(new ConfigError('c.yaml', [{ path: '', message: '缺少字段' }]).message).toBe('c.yaml: (根): 缺少字段');
    expect(new UnitListError('u.csv', [{ place: '第 3 行', message: '缺少名称' }]).message).toBe('u.csv：第 3 行：缺少名称');
  });

  it('any other error exits 1', () => {
    expect(exitCodeFor(new Error('磁盘已满'))).toBe(1);
    expect(exitCodeFor(new TypeError('x is undefined'))).toBe(1);
    expect(exitCodeFor('a string')).toBe(1);
  });
});
