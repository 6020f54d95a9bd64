// Shared runner for guide.incomplete and functions.incomplete: one finding per missing element.
import type { UnitConfig } from '../config/index.ts';
import type { UnitObservations } from '../store/index.ts';
import type { CheckContext } from './context.ts';
import type { CheckId, Finding } from '../model/index.ts';
import type { ElementDefinition } from './element-definitions.ts';
import { readElements } from './element-recognition.ts';
import { makeFinding } from './finding.ts';
import { column, detailEvidence, detailsOf, homeUnreachable, notCrawled } from './observed.ts';
import { deductionPoints, rubricRow, ruleQuote } from './rubric-rows.ts';
import { excerptStart, visibleLength } from './text.ts';

// the crawler keeps the first 20 000 characters of a detail page's text (crawler/run.ts maxDetailTextChars)
const STORED_TEXT_LIMIT = 20_000;
const ATTACHMENT = /\.(pdf|docx?|wps|ofd|jpe?g|png|gif)(\?|$)/i;

interface ArticleSpec {
  checkId: CheckId;
  indicator: string;
  columnKey: string;
  columnLabel: string;
  elements: readonly ElementDefinition[];
  rule: string; // legal source shown in the detail
}

export function runArticleElements(ctx: CheckContext, unit: UnitConfig, obs: UnitObservations, spec: ArticleSpec): Finding[] {
  if (homeUnreachable(obs) || notCrawled(obs)) return [];
  const col = column(obs, spec.columnKey);
  if (!col || col.status !== 'ok') return [];
  const details = detailsOf(obs, spec.columnKey);
  if (details.length === 0) return [];
  const chars = visibleLength(details.map((d) => d.text).join(''));
  if (chars < ctx.settings.articleMinChars) return []; // blank: column.blank reports it
  const links = details.flatMap((d) => d.links);
  const row = rubricRow(ctx, unit, spec.indicator);
  const points = deductionPoints(row);
  const main = [...details].sort((a, b) => b.text.length - a.text.length)[0];
  const truncated = details.some((d) => d.text.length >= STORED_TEXT_LIMIT);
  // the article itself published as an attachment or picture (指南.pdf, 机构职能.jpg): its text was not read
  const asAttachment = links.find((l) => ATTACHMENT.test(l.url) && /指南|职能|职责|概况/.test(l.text));
  const incomplete = truncated
    ? `正文超过 ${STORED_TEXT_LIMIT} 字，只保存了前 ${STORED_TEXT_LIMIT} 字`
    : chars < ctx.settings.guideShortChars
      ? `正文较短（${chars} 字，少于 ${ctx.settings.guideShortChars} 字），可能只抓到了部分内容`
      : asAttachment
        ? `正文另附"${asAttachment.text}"（${asAttachment.url}），附件内容未读取`
        : null;
  const readings = readElements(
    {
      text: details.map((d) => `${d.title}\n${d.text}`).join('\n'),
      links,
      tables: details.flatMap((d) => d.tables ?? []),
    },
    spec.elements,
    ctx.settings,
    { incomplete },
  );
  const out: Finding[] = [];
  for (const r of readings) {
    if (r.found) continue;
    const doubt = r.confidence === 'low';
    out.push(
      makeFinding(unit, {
        checkId: spec.checkId,
        indicator: spec.indicator,
        column: spec.columnKey,
        subject: r.id,
        kind: 'deduction',
        title: `${spec.columnLabel}缺少"${r.id}"${doubt ? '（需人工核实）' : ''}`,
        detail: `在${spec.columnLabel}正文（${main.url}，共 ${chars} 字）中未认出"${r.id}"：${r.reason}。${spec.rule}；考核方案：${ruleQuote(row, '有一项扣分')}。`,
        suggestedPoints: -points,
        confidence: r.confidence,
        confidenceReason: r.reason,
        evidence: [detailEvidence(obs, main, r.excerpt ?? excerptStart(main.text, 160))],
      }),
    );
  }
  return out;
}
