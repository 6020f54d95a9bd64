// Shared runner for guide.incomplete and functions.incomplete: one finding per missing element.
import type { UnitConfig } from '../config/index.ts';
import type { UnitObservations } from '../store/index.ts';
import type { CheckContext } from './context.ts';
import type { CheckId, Finding } from './types.ts';
import type { TextPattern } from './settings.ts';
import { findElement } from './elements.ts';
import { makeFinding } from './finding.ts';
import { column, detailEvidence, detailsOf, homeUnreachable, notCrawled } from './observed.ts';
import { deductionPoints, rubricRow, ruleQuote } from './rubric-rows.ts';
import { excerptStart, normalizeText, visibleLength } from './text.ts';

export interface ArticleSpec {
  checkId: CheckId;
  indicator: string;
  columnKey: string;
  columnLabel: string;
  elements: TextPattern[];
  rule: string; // legal source shown in the detail
}

export function runArticleElements(ctx: CheckContext, unit: UnitConfig, obs: UnitObservations, spec: ArticleSpec): Finding[] {
  if (homeUnreachable(obs) || notCrawled(obs)) return [];
  const col = column(obs, spec.columnKey);
  if (!col || col.status !== 'ok') return [];
  const details = detailsOf(obs, spec.columnKey);
  if (details.length === 0) return [];
  const text = normalizeText(details.map((d) => `${d.title}\n${d.text}`).join('\n'));
  const chars = visibleLength(details.map((d) => d.text).join(''));
  if (chars < ctx.settings.articleMinChars) return []; // blank: column.blank reports it
  const links = details.flatMap((d) => d.links);
  const short = chars < ctx.settings.guideShortChars;
  const row = rubricRow(ctx, unit, spec.indicator);
  const points = deductionPoints(row);
  const main = [...details].sort((a, b) => b.text.length - a.text.length)[0];
  const out: Finding[] = [];
  for (const el of spec.elements) {
    if (findElement(text, links, el, ctx.settings).found) continue;
    out.push(makeFinding(unit, {
      checkId: spec.checkId,
      indicator: spec.indicator,
      column: spec.columnKey,
      subject: el.id,
      kind: 'deduction',
      title: `${spec.columnLabel}缺少"${el.id}"`,
      detail: `在${spec.columnLabel}正文（${main.url}，共 ${chars} 字）中未找到"${el.id}"（按关键词和格式查找）。${spec.rule}；考核方案：${ruleQuote(row, '有一项扣分')}${short ? `。注意：正文较短（少于 ${ctx.settings.guideShortChars} 字），可能只抓到了部分内容，请人工核对` : ''}。`,
      suggestedPoints: -points,
      confidence: short ? 'low' : 'high',
      evidence: [detailEvidence(obs, main, excerptStart(main.text, 160))],
    }));
  }
  return out;
}
