// privacy.exposure: the classes of number a government page publishes on purpose are no leak — an organisation's
// 统一社会信用代码 (an all-digit one can pass the ID check), and the work mobile numbers of officials listed with
// their posts (领导信息, 政务公开联系人). Each case has a control that differs only in what makes it personal.
import { describe, it, expect } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { idCheckChar } from '../checks/content/pii.ts';
import { detail, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'scj', name: '市场监管局', class: 'B', home: 'http://portal.test/zwgk/scj/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const check = CHECKS.find((c) => c.id === 'privacy.exposure')!;
// an all-digit code that also validates as an ID number (province 12, date 1998-04-01, MOD 11-2 check digit)
const CODE = `12010219980401123${idCheckChar('12010219980401123')}`;
const table = (headers: string[], rows: string[][]) => ({ headers, rows });
const run = (title: string, text: string, tables: { headers: string[]; rows: string[][] }[] = []) =>
  check.run(ctx, unit, unitObs(unit, { details: [detail('scj', 'shuanggongshi', title, text, { tables })] }));

describe('privacy.exposure: numbers published on purpose', () => {
  it('an organisation code in a 统一社会信用代码 column or after its label is not an ID number', () => {
    const rows = [
      ['1', '某某商贸有限公司', CODE, '刘某'],
      ['2', '某某餐饮店', CODE.replace(/^12/, '13').slice(0, 17) + idCheckChar(CODE.replace(/^12/, '13').slice(0, 17)), '陈某'],
    ];
    const text = rows.map((r) => r.join(' ')).join('\n');
    expect(run('行政许可公示', text, [table(['序号', '企业名称', '统一社会信用代码', '法定代表人'], rows)])).toEqual([]);
    expect(run('行政处罚决定书', `当事人：某某商贸有限公司，统一社会信用代码：${CODE}，住所：某某路1号。`)).toEqual([]);
    // control: the same number as a person's 身份证号 is a leak
    const leak = run('行政处罚决定书', `当事人：刘某，身份证号：${CODE}，住所：某某路1号。`);
    expect(leak).toHaveLength(1);
    expect(leak[0].confidence).toBe('high');
  });

  it("officials' work mobiles listed with their posts are published contacts; the same numbers in a list of residents are a leak", () => {
    const people = [
      ['王建国', '局长', '13812345678'],
      ['李秀英', '副局长', '13923456789'],
      ['赵立新', '办公室主任', '13734567890'],
    ];
    const text = people.map((r) => r.join(' ')).join('\n');
    expect(run('领导信息', text, [table(['姓名', '职务', '联系电话'], people)])).toEqual([]);
    expect(run('政务公开联系人', text, [table(['姓名', '科室', '联系电话'], people)])).toEqual([]);
    const residents = run('低保户名单', text, [table(['姓名', '村组', '联系电话'], people)]);
    expect(residents).toHaveLength(1);
    expect(residents[0].title).toContain('3 个手机号码');
  });
});
