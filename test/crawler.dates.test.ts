import { describe, it, expect } from 'vitest';
import { parseDate, inferYearlessDates, dateFromUrl, parseInstant, toShanghaiIso } from '../crawler/index.ts';
import { mentionsDate } from '../crawler/dates.ts';

describe('parseDate', () => {
  it.each([
    ['2023-12-29', '2023-12-29'],
    ['2023/12/29', '2023-12-29'],
    ['2023.12.29', '2023-12-29'],
    ['2023年12月29日', '2023-12-29'],
    ['2023年1月5日', '2023-01-05'],
    ['2023-12-27 16:17', '2023-12-27'],
    ['2026-01-22 11:40:11', '2026-01-22'],
    ['发布时间：2023-12-29 09:00', '2023-12-29'],
    ['发布日期:2023-12-29', '2023-12-29'],
    ['时间：2024-03-23 16:23', '2024-03-23'],
    ['生成日期：2023-05-11', '2023-05-11'],
    ['成文日期：二〇二三年十二月二十九日', '2023-12-29'],
    ['二〇一八年四月十九日', '2018-04-19'],
    ['二〇二〇年十月一日', '2020-10-01'],
    ['二〇二三年三月三十一日', '2023-03-31'],
    ['２０１０年３月５日', '2010-03-05'],
    ['2020/12/31 14:29:32', '2020-12-31'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ date: expected, yearInferred: false });
  });

  it('converts an ISO instant to the Shanghai calendar day', () => {
    expect(parseDate('2023-12-28T20:30:00Z')?.date).toBe('2023-12-29');
    expect(parseDate('2023-12-29T00:30:00+08:00')?.date).toBe('2023-12-29');
  });

  it.each(['2023-02-30', '2023-13-01', '2023年2月29日', '二〇二三年二月三十日', '12-32', '00-10', '', '关于做好工作的通知'])(
    'rejects %s',
    (text) => {
      expect(parseDate(text, { asOf: '2023-12-15' })).toBeNull();
    },
  );

  it('accepts 02-29 only in a leap year', () => {
    expect(parseDate('2024-02-29')?.date).toBe('2024-02-29');
    expect(parseDate('02-29', { referenceYear: 2023 })).toBeNull();
    expect(parseDate('02-29', { referenceYear: 2024 })).toEqual({ date: '2024-02-29', yearInferred: true });
  });

  it('completes a year-less date with the nearest year not after asOf', () => {
    expect(parseDate('[12-29]', { asOf: '2024-01-05' })).toEqual({ date: '2023-12-29', yearInferred: true });
    expect(parseDate('01-03', { asOf: '2024-01-05' })).toEqual({ date: '2024-01-03', yearInferred: true });
    expect(parseDate('12-15', { asOf: '2023-12-15' })).toEqual({ date: '2023-12-15', yearInferred: true });
    expect(parseDate('12月16日', { asOf: '2023-12-15' })).toEqual({ date: '2022-12-16', yearInferred: true });
    expect(parseDate('12-29', { referenceYear: 2021 })).toEqual({ date: '2021-12-29', yearInferred: true });
  });

  it('gives no date to a year-less text without context', () => {
    expect(parseDate('12-29')).toBeNull();
  });
});

describe('inferYearlessDates', () => {
  it('rolls the year over on a newest-first list (12-28 after 01-03 is the previous year)', () => {
    const rows = ['01-08', '01-03', '12-28', '06-01', '03-02', '12-30', '08-08'].map((dateText) => ({ dateText }));
    expect(inferYearlessDates(rows, { asOf: '2024-01-10' }).map((d) => d?.date)).toEqual([
      '2024-01-08',
      '2024-01-03',
      '2023-12-28',
      '2023-06-01',
      '2023-03-02',
      '2022-12-30',
      '2022-08-08',
    ]);
  });

  it('keeps full dates and uses them as anchors for the rows below', () => {
    const rows = [{ dateText: '12-30' }, { dateText: '2022-03-01' }, { dateText: '12-20' }, { dateText: '11-02' }];
    expect(inferYearlessDates(rows, { asOf: '2024-01-10' })).toEqual([
      { date: '2023-12-30', yearInferred: true },
      { date: '2022-03-01', yearInferred: false },
      { date: '2021-12-20', yearInferred: true },
      { date: '2021-11-02', yearInferred: true },
    ]);
  });

  it('does not let a pinned old row at the top push the rows below into an earlier year', () => {
    const rows = [{ dateText: '03-15' }, { dateText: '12-10' }, { dateText: '12-01' }, { dateText: '11-20' }];
    expect(inferYearlessDates(rows, { asOf: '2023-12-15' }).map((d) => d?.date)).toEqual([
      '2023-03-15',
      '2023-12-10',
      '2023-12-01',
      '2023-11-20',
    ]);
  });

  it('tolerates slight disorder instead of jumping a year back', () => {
    const rows = [{ dateText: '12-10' }, { dateText: '12-12' }, { dateText: '12-08' }];
    expect(inferYearlessDates(rows, { asOf: '2023-12-15' }).map((d) => d?.date)).toEqual(['2023-12-10', '2023-12-12', '2023-12-08']);
  });

  it('takes the year from a tYYYYMMDD URL when the row has one', () => {
    const rows = [{ dateText: '05-17', url: 'http://x.gov.cn/a/202105/t20210518_1.html' }];
    expect(inferYearlessDates(rows, { asOf: '2024-01-10' })[0]).toEqual({ date: '2021-05-17', yearInferred: true });
  });

  it('returns null for rows without a date', () => {
    expect(inferYearlessDates([{ dateText: null }, { dateText: '无' }], { asOf: '2024-01-10' })).toEqual([null, null]);
  });
});

describe('dateFromUrl / parseInstant', () => {
  it('reads TRS and Hanweb URL dates', () => {
    expect(dateFromUrl('https://a.gov.cn/x/202312/t20231228_6300000.htm')).toBe('2023-12-28');
    expect(dateFromUrl('http://a.gov.cn/art/2023/11/2/art_1229214366_58800.html')).toBe('2023-11-02');
    expect(dateFromUrl('http://a.gov.cn/info/1001.html')).toBeNull();
  });

  it('reads RFC 822, ISO, unix seconds and Shanghai wall times as instants', () => {
    const iso = (t: string) => {
      const ms = parseInstant(t);
      return ms === null ? null : toShanghaiIso(ms);
    };
    expect(iso('Fri, 29 Dec 2023 02:00:00 GMT')).toBe('2023-12-29T10:00:00+08:00');
    expect(iso('Fri, 29 Dec 2023 10:00:00 +0800')).toBe('2023-12-29T10:00:00+08:00');
    expect(iso('2023-12-29T02:00:00Z')).toBe('2023-12-29T10:00:00+08:00');
    expect(iso('1703815200')).toBe('2023-12-29T10:00:00+08:00');
    expect(iso('2023-12-29 10:00')).toBe('2023-12-29T10:00:00+08:00');
    expect(iso('2023年12月29日')).toBe('2023-12-29T00:00:00+08:00');
    expect(iso('sometime last week')).toBeNull();
    expect(iso('2023-02-30 10:00')).toBeNull();
  });
});

describe('mentionsDate', () => {
  it.each([
    '2023-05-06',
    '关于开展安全检查的通知 2023年5月6日',
    '发布时间：2023 / 5 / 6',
    '１９９９．１２．３１',
    '关于春节值班安排的通知 05-06',
    '[12-29]',
  ])('finds a date in %s', (text) => {
    expect(mentionsDate(text)).toBe(true);
  });

  it.each(['联系电话：0591-12345678', '版本 3.10.2', 'V2.0.1', '1888-01-01', '第12345-6789号', '2023年工作要点', ''])(
    'finds no date in %s',
    (text) => {
      expect(mentionsDate(text)).toBe(false);
    },
  );
});
