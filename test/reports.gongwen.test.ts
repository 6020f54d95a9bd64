import { describe, it, expect } from 'vitest';
import { columnName } from '../checks/index.ts';
import { gongwenFrame, mainToFor, titleLines, zhQuotes } from '../reports/gongwen.ts';
import { itemFacts } from '../reports/monthly-content.ts';
import type { Finding } from '../checks/index.ts';

describe('公文 parts', () => {
  it('turns straight quotes into Chinese ones, nesting “…‘…’…” and leaving a lone quote alone', () => {
    expect(zhQuotes('重点领域"社会救助"：建议赋分 0')).toBe('重点领域“社会救助”：建议赋分 0');
    expect(zhQuotes('转发“关于"双公示"工作的通知”')).toBe('转发“关于‘双公示’工作的通知”');
    expect(zhQuotes('“一“二”三”')).toBe('“一‘二’三”');
    expect(zhQuotes('尺寸 5" 屏')).toBe('尺寸 5" 屏');
    // a 重点领域 column inside a quoted title (空白栏目, 栏目不更新): the inner quotes nest
    expect(zhQuotes(`"${columnName('keyField:涉农补贴')}"栏目为空白栏目`)).toBe('“重点领域‘涉农补贴’”栏目为空白栏目');
  });

  it('builds 主送 from the units covered, naming a zone that is neither township nor department', () => {
    const u = (name: string, cls: 'A' | 'B') => ({ id: name, name, class: cls });
    expect(mainToFor([u('猗氏镇政府', 'A'), u('北辛乡政府', 'A'), u('临猗现代农业产业示范区', 'B'), u('发改局', 'B')])).toBe(
      '各乡（镇）人民政府，临猗现代农业产业示范区管委会，县直各有关单位：',
    );
    expect(mainToFor([u('发改局', 'B')])).toBe('县直各有关单位：');
    expect(mainToFor([u('城关街道办事处', 'A'), u('教育局', 'B')])).toBe('各街道办事处，县直各有关单位：');
  });

  it('breaks a title only between its parts, each line within the width', () => {
    const parts = ['临猗县人民政府办公室', '关于2023年12月份', '全县政府网站和政务新媒体', '全覆盖检查情况的通报'];
    const lines = titleLines(parts);
    expect(lines.join('')).toBe(parts.join(''));
    for (const l of lines)
      expect(
        parts.some((p) => l.startsWith(p)),
        l,
      ).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('fills 文号 and 附注 from the settings and invents nothing that is not configured', () => {
    const units = [{ id: 'a', name: '猗氏镇政府', class: 'A' as const }];
    const f = gongwenFrame(
      '临猗县',
      units,
      { docNumber: '临政办函〔{year}〕{n}号', contact: { name: '王明', phone: '0359-1' }, publicNote: '此件公开发布' },
      { year: '2023', n: 12 },
    );
    expect(f.docNumber).toBe('临政办函〔2023〕12号');
    expect(f.note).toBe('（此件公开发布；联系人：王明，联系电话：0359-1）');
    expect(f.office).toBe('临猗县人民政府办公室');
    const bare = gongwenFrame('临猗县', units, undefined, { year: '2023', n: 12 });
    expect(bare.docNumber).toBeNull();
    expect(bare.copyTo).toBeNull();
  });

  it('states what a finding knows in plain words: dates as 公文 dates, no rule citation, no measuring jargon or system error text', () => {
    const f = {
      checkId: 'link.broken',
      title: '页面存在 1 个无法访问的链接',
      detail:
        '页面 http://x/a/ 上的链接经检测（HEAD 被拒时以 GET 复核，重试后）仍无法访问："旧版" → http://x/old：HTTP 错误状态（HTTP 404）（HEAD）。属于政府网站检查指标"可用性"中的错链、断链（国办秘函〔2019〕19号）。同一目标在本单位只计一次。',
    } as Finding;
    expect(itemFacts(f)).toBe('页面 http://x/a/ 上的链接经检测仍无法访问："旧版" → http://x/old：HTTP 错误状态（HTTP 404）');
    const stale = {
      checkId: 'column.stale',
      title: 't',
      detail: '最新一条（不含置顶）2023-10-06"会"，距检查日 2023-12-15 共 70 天，超过 14 天。违反栏目更新要求。',
    } as Finding;
    expect(itemFacts(stale)).toBe('最新一条（不含置顶）2023年10月6日"会"，距检查日 2023年12月15日 共 70 天，超过 14 天');
    const unreachable = {
      checkId: 'site.unreachable',
      title: '猗氏镇信息公开首页无法访问',
      detail:
        '首页 http://x/yishi/ 重试 3 次后仍无法打开：连接被拒绝（connect ECONNREFUSED 127.0.0.1:80）。违反政府网站与政务新媒体检查指标"站点无法访问"（国办秘函〔2019〕19号）；该单位其余栏目本次未能检查。',
    } as Finding;
    expect(itemFacts(unreachable)).toBe('首页 http://x/yishi/ 多次访问仍无法打开：连接被拒绝');
    const blank = {
      checkId: 'column.blank',
      title: '“养老服务”栏目为空白栏目',
      detail: '栏目列表页显示“暂无信息”，属于空白栏目。',
    } as Finding;
    expect(itemFacts(blank)).toBe('栏目列表页显示“暂无信息”');
    const missing = {
      checkId: 'column.missing',
      title: '缺少“双公示”栏目',
      detail: '在 住建局 的信息公开页面及其导航中未找到“双公示”栏目。',
    } as Finding;
    expect(itemFacts(missing)).toBe('在住建局的信息公开页面及其导航中未找到“双公示”栏目');
    const http503 = {
      checkId: 'site.unreachable',
      title: '信访局信息公开首页无法访问',
      detail: '首页 http://x/xf/ 重试 3 次后仍无法打开：HTTP 错误状态（HTTP 503）（服务器返回 HTTP 503）。违反……。',
    } as Finding;
    expect(itemFacts(http503)).toBe('首页 http://x/xf/ 多次访问仍无法打开：HTTP 错误状态（HTTP 503）');
  });
});
