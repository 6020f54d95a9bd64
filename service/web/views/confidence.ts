// A finding's confidence as the workspace shows it: 高 / 低（需人工核实） with the check's reason beside it, so a
// reviewer sees why a deduction needs a person before opening it. The reason is escaped like any stored text.
import type { Finding } from '../../../checks/index.ts';
import { esc } from '../html.ts';

type Confident = Pick<Finding, 'confidence' | 'confidenceReason'>;

export function confidenceLabel(f: Confident): string {
  return f.confidence === 'low' ? '低（需人工核实）' : '高';
}

/** Table cell: the label, and the reason underneath in small print. */
export function confidenceCell(f: Confident): string {
  const label = f.confidence === 'low' ? `<span class="pending">${confidenceLabel(f)}</span>` : confidenceLabel(f);
  const reason = f.confidenceReason?.trim();
  return reason ? `${label}<br><small class="muted confidence-reason">${esc(reason)}</small>` : label;
}

/** Plain text for a spreadsheet cell: 低（需人工核实）：理由. */
export function confidenceText(f: Confident): string {
  const reason = f.confidenceReason?.trim();
  return reason ? `${confidenceLabel(f)}：${reason}` : confidenceLabel(f);
}
