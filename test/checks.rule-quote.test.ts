// A detail quotes the rubric row and goes on after it ("：…。" or "（…）。"): the quote never brings its own 。,
// so no 整改通知单 or 通报 reads "扣4分。。".
import { describe, expect, it } from 'vitest';
import { ruleQuote } from '../checks/rubric-rows.ts';

type Row = Parameters<typeof ruleQuote>[0];

describe('ruleQuote', () => {
  it('drops the closing punctuation of the rubric text, keeps the text', () => {
    const row = { deductionText: '未通过政府门户网站及时规范公开财政预算、财政决算情况的，扣4分。' } as Row;
    expect(ruleQuote(row, '回退')).toBe('未通过政府门户网站及时规范公开财政预算、财政决算情况的，扣4分');
    expect(`考核方案“财政预决算”：${ruleQuote(row, '回退')}。`).not.toContain('。。');
  });

  it('uses the fallback when the row has no text, and shortens a long text with …', () => {
    expect(ruleQuote(null, '发现一件，扣1分')).toBe('发现一件，扣1分');
    const long = { deductionText: `${'很长的考核要求'.repeat(12)}。` } as Row;
    expect(ruleQuote(long, 'x')).toMatch(/^很长的考核要求.{53}…$/);
  });
});
