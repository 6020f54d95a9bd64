import { describe, expect, it } from 'vitest';
import { summaryLine } from '../inspection/index.ts';

describe('run summary line', () => {
  it('names fetch errors by class in Chinese and says what a re-run did not ask again', () => {
    const line = summaryLine(7, {
      units: 41,
      unitsDone: 41,
      unitsUnreachable: 1,
      pagesFetched: 120,
      bytes: 2 * 1048576,
      notModified: 300,
      skippedFreshDetails: 50,
      skippedFreshListPages: 12,
      reusedFromEarlierAttempt: 0,
      seconds: 9.5,
      fetch: {
        requests: 130,
        pages: 120,
        bytes: 2 * 1048576,
        notModified: 300,
        retries: 0,
        linkChecks: 0,
        hosts: {},
        errors: { http_status: 2, timeout: 1 },
      },
    });
    expect(line).toContain('第 7 次检查');
    expect(line).toContain('详情页 50');
    expect(line).toContain('未变列表的后续页 12');
    expect(line).toMatch(/错误 .*HTTP.* 2，.*超时.* 1/);
  });
});
