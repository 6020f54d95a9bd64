import { describe, expect, it } from 'vitest';
import { findPii, idCheckChar, isValidIdNumber, luhnValid, maskText, maskValue, tableLeaks } from '../checks/content/pii.ts';

// GB 11643-1999's own example number and two built here from the rule
const GB_EXAMPLE = '11010519491231002X';
function withCheck(first17: string) {
  return first17 + idCheckChar(first17);
}

describe('ID numbers (GB 11643)', () => {
  it('accepts the standard example and computes its check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber(GB_EXAMPLE)).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check digit, an unknown province, an impossible or future birth date', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber(withCheck('99010519491231002'))).toBe(false);
    expect(isValidIdNumber(withCheck('11010519490231002'))).toBe(false); // 31 February
    expect(isValidIdNumber(withCheck('11010520300101002'), '2026-12-01')).toBe(false);
  });
});

describe('findPii', () => {
  it('finds an ID, a mobile and a labelled bank card, masked', () => {
    const card = '6222020200112345678'.slice(0, 18);
    const luhnCard = [...'0123456789'].map((d) => card + d).find(luhnValid)!;
    const text = `张三 身份证号${GB_EXAMPLE} 电话13812345678 银行卡号${luhnCard}`;
    const hits = findPii(text);
    expect(hits.map((h) => h.kind)).toEqual(['idcard', 'mobile', 'bankcard']);
    expect(hits.map((h) => h.masked)).toEqual(['110105********002X', '138****5678', `6222${'*'.repeat(11)}${luhnCard.slice(-4)}`]);
  });
  it('leaves masked forms, failing check digits and unlabelled digit runs alone', () => {
    expect(findPii('身份证号110101********1234，电话138****5678')).toEqual([]);
    expect(findPii('编号110105194912310021')).toEqual([]);
    const luhn16 = [...'0123456789'].map((d) => '622202020011234' + d).find(luhnValid)!;
    expect(findPii(`订单${luhn16}`)).toEqual([]);
    expect(findPii('固话0539-12345678，文号2023001')).toEqual([]);
  });
  it('does not read an ID number inside a longer digit run', () => {
    expect(findPii(`9${GB_EXAMPLE}9`)).toEqual([]);
  });
});

describe('masking', () => {
  it('maskText replaces every unmasked number and nothing else', () => {
    expect(maskText(`李四${GB_EXAMPLE}，13812345678。`)).toBe('李四110105********002X，138****5678。');
    expect(maskValue('mobile', '13812345678')).toBe('138****5678');
  });
});

describe('tableLeaks', () => {
  it('marks a name column with ID numbers as a list leak', () => {
    const r = tableLeaks({
      headers: ['序号', '姓名', '身份证号码'],
      rows: [
        ['1', '张三', GB_EXAMPLE],
        ['2', '李四', '110101********1234'],
      ],
    });
    expect(r.hasNames).toBe(true);
    expect(r.rowsWithPii).toBe(1);
    expect(r.hits[0].masked).toBe('110105********002X');
  });
});

describe('numbers in extracted text', () => {
  it('a mobile followed by a space and an amount (a PDF row) is still found and masked', () => {
    expect(maskText('1 王建国 13567496628 300')).toBe('1 王建国 135****6628 300');
  });
  it('maskedSlice never cuts a number in two: half an ID number is not shown', async () => {
    const { maskedSlice } = await import('../checks/content/pii.ts');
    const text = `名单：${GB_EXAMPLE} 张三`;
    const cut = text.indexOf(GB_EXAMPLE) + 9;
    expect(maskedSlice(text, cut, text.length)).toBe('110105********002X 张三');
  });
});
