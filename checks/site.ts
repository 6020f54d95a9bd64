import type { Check } from './context.ts';
import { makeFinding } from './finding.ts';
import { pageEvidence } from './observed.ts';
import { deductionPoints, rubricRow } from './rubric-rows.ts';

const ERROR_LABELS: Record<string, string> = {
  dns: '域名解析失败',
  tls: 'TLS/证书错误',
  refused: '连接被拒绝',
  reset: '连接被重置',
  timeout: '访问超时',
  http_status: 'HTTP 错误状态',
  too_large: '页面过大',
  bad_encoding: '编码无法识别',
  redirect_loop: '重定向循环',
  too_many_redirects: '重定向次数过多',
  robots_disallowed: 'robots.txt 禁止抓取',
  out_of_scope: '超出抓取范围',
  unsupported_scheme: '不支持的协议',
  other: '其他错误',
};

export function errorLabel(errorClass: string | null, status: number | null): string {
  const label = ERROR_LABELS[errorClass ?? 'other'] ?? '其他错误';
  return status ? `${label}（HTTP ${status}）` : label;
}

export const siteUnreachable: Check = {
  id: 'site.unreachable',
  family: 'site',
  run(ctx, unit, obs) {
    const home = obs.home;
    if (!home || home.ok) return [];
    const row = rubricRow(ctx, unit, 'notice.monthly');
    const reason = errorLabel(home.errorClass, home.status);
    return [
      makeFinding(unit, {
        checkId: 'site.unreachable',
        indicator: 'notice.monthly',
        column: null,
        subject: home.url,
        kind: 'deduction',
        title: `${unit.name}信息公开首页无法访问`,
        detail: `首页 ${home.url} 共请求 ${home.attempts} 次仍无法打开：${reason}${home.errorMessage ? `（${home.errorMessage}）` : ''}。违反政府网站与政务新媒体检查指标"站点无法访问"（国办秘函〔2019〕19号）；该单位其余栏目本次未能检查。`,
        suggestedPoints: -deductionPoints(row),
        monthly: true,
        evidence: [pageEvidence(home, `${reason}，检查时间 ${home.fetchedAt}`)],
      }),
    ];
  },
};
