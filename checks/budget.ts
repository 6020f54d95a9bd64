// budget.missing (B1/B2; rubric 财政预决算): the year's 预算 and the previous year's 决算, plus the season 预警.
import type { ListItem } from '../store/index.ts';
import type { Check } from './context.ts';
import type { Finding } from '../model/index.ts';
import { makeFinding, warningSubject } from './finding.ts';
import { columnEvidence, columnGroup, homeUnreachable, notCrawled } from './observed.ts';
import { deductionPoints, rubricRow, ruleQuote } from './rubric-rows.ts';
import { normalizeText } from './text.ts';

function yearMentioned(title: string, year: number): boolean {
  return new RegExp(`${year}\\s*年`).test(normalizeText(title));
}

function isBudgetRow(item: ListItem, year: number): boolean {
  return yearMentioned(item.title, year) && item.title.includes('预算') && !item.title.includes('决算');
}

function isFinalAccountsRow(item: ListItem, year: number): boolean {
  return yearMentioned(item.title, year) && item.title.includes('决算');
}

export const budgetMissing: Check = {
  id: 'budget.missing',
  family: 'budget',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const group = columnGroup(obs, 'budget');
    if (group.length === 0) return []; // not looked for: nothing can be inferred
    if (group.some((c) => c.status === 'unreachable' || c.status === 'unrendered') && !group.some((c) => c.items.length > 0)) return [];
    const items = group.flatMap((c) => c.items);
    const year = ctx.config.year;
    const row = rubricRow(ctx, unit, 'budget');
    const points = deductionPoints(row);
    const main = group.find((c) => c.columnKey === 'budget') ?? group[0];
    const evidence = main
      ? [columnEvidence(obs, main)]
      : [{ url: obs.home?.url ?? unit.home, excerpt: '未找到财政预决算栏目', snapshot: obs.home?.contentHash ?? null }];
    const where =
      main && main.status !== 'missing' ? `财政预决算栏目（${main.url ?? ''}，共 ${items.length} 条）` : '财政预决算栏目不存在，';
    const out: Finding[] = [];
    const wants = [
      { subject: '预算', label: `${year}年预算`, ok: items.some((i) => isBudgetRow(i, year)) },
      { subject: '决算', label: `${year - 1}年决算`, ok: items.some((i) => isFinalAccountsRow(i, year - 1)) },
    ];
    for (const w of wants) {
      if (w.ok) continue;
      out.push(
        makeFinding(unit, {
          checkId: 'budget.missing',
          indicator: 'budget',
          column: 'budget',
          subject: w.subject,
          kind: 'deduction',
          title: `未公开${w.label}`,
          detail: `${where}中没有标题含"${w.subject === '预算' ? `${year}年` : `${year - 1}年`}"和"${w.subject}"的条目。预算法第十四条要求批复后20日内公开部门${w.subject}；考核方案"财政预决算"：${ruleQuote(row, '未及时规范公开财政预算、财政决算情况的，扣4分')}。`,
          suggestedPoints: -points,
          evidence,
        }),
      );
    }
    if (!wants[0].ok && ctx.asOf >= `${year}-${ctx.settings.budgetWarnFrom}` && ctx.asOf <= `${year}-12-31`) {
      out.push(
        makeFinding(unit, {
          checkId: 'budget.missing',
          indicator: 'budget',
          column: 'budget',
          subject: warningSubject('预算'),
          kind: 'warning',
          title: `预警：${year}年部门预算尚未公开`,
          detail: `已过 ${year}-${ctx.settings.budgetWarnFrom}，部门预算通常在财政批复后20日内公开（预算法第十四条），请尽快公开。`,
          suggestedPoints: 0,
          evidence,
        }),
      );
    }
    return out;
  },
};
