// Content-safety findings (issue 17) in the 通报 and the 整改通知单: their own section, first, in the order of their
// weight — 严重表述错误 and 隐私泄露 are 单项否决-class (国办秘函〔2019〕19号), then 有害信息 (敏感词) and 错别字.
import type { Finding } from '../checks/index.ts';

export const CONTENT_SAFETY_ORDER = ['content.expression', 'privacy.exposure', 'content.sensitive', 'content.typo'] as const;

export function isContentSafety(checkId: string): boolean {
  return (CONTENT_SAFETY_ORDER as readonly string[]).includes(checkId);
}

/** Where it stands (页面“…” / 附件“…”), as the check named it; the address otherwise. */
export function contentPlace(f: Finding): string {
  const ev = f.evidence[0];
  return ev?.place ?? ev?.url ?? '—';
}

/** What was found there, masked (the check never stores the raw value). */
export function contentFound(f: Finding): string {
  return f.evidence[0]?.found ?? f.subject;
}

/** What to correct, in the words of the 通报 and the 整改通知单. */
export function contentRemedy(f: Finding): string {
  switch (f.checkId) {
    case 'privacy.exposure':
      return '立即撤下该页面或附件，将身份证号、手机号、银行卡号等按规范脱敏后再发布，并排查同类名单';
    case 'content.expression':
      return '核实后立即更正，并按保密审查和信息发布审核制度复查本栏目同期信息';
    case 'content.sensitive':
      return '立即核实：如属被植入的有害信息，立即删除并检查网站是否被篡改；如为正常用语，在工作台标注“确认无误”';
    default:
      return '更正错别字后重新发布';
  }
}

/** One line of the 通报: the problem, the masked value, where it stands and the excerpt. */
export function contentItemText(f: Finding): string {
  const excerpt = f.evidence[0]?.excerpt;
  return `${f.title}。位置：${contentPlace(f)}；发现内容：${contentFound(f)}${excerpt ? `；原文：${excerpt}` : ''}`;
}
