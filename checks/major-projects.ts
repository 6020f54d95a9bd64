// majorprojects.missing: each required 重大项目 category needs a row dated inside the window (§9; rubric 重大项目建设).
import type { ListItem } from '../store/index.ts';
import type { Check } from './context.ts';
import type { Finding } from '../model/index.ts';
import { inRange } from './dates.ts';
import { makeFinding } from './finding.ts';
import { column, columnEvidence, homeUnreachable, notCrawled } from './observed.ts';
import { deductionPoints, rubricRow, ruleQuote } from './rubric-rows.ts';
import { containsAny } from './text.ts';

export const majorProjectsMissing: Check = {
  id: 'majorprojects.missing',
  family: 'major-projects',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const parent = column(obs, 'majorProjects');
    const row = rubricRow(ctx, unit, 'majorProjects');
    const points = deductionPoints(row);
    const out: Finding[] = [];
    for (const category of (ctx.settings.majorProjectRequired as Record<string, string[]>)[unit.class] ?? []) {
      const sub = column(obs, `majorProjects:${category}`);
      const sources = [sub, parent].filter((c) => c !== null);
      if (sources.length === 0) continue; // not looked for: nothing can be inferred
      if (sources.some((c) => c.status === 'unreachable')) continue; // not observed: no absence finding
      const keywords = ctx.settings.majorProjectCategories[category] ?? [category];
      const rows: ListItem[] = [
        ...(sub?.items ?? []),
        ...(parent?.items ?? []).filter((i) => containsAny(i.title, [category, ...keywords])),
      ];
      const dated = rows.filter((i) => i.date && inRange(i.date, ctx.window.start, ctx.window.end));
      if (dated.length > 0) continue;
      const unrendered = sources.some((c) => c.status === 'unrendered');
      const where =
        sub && sub.status !== 'missing'
          ? `子栏目"${sub.label ?? category}"`
          : parent && parent.status !== 'missing'
            ? '"重大项目建设"栏目'
            : '（未找到重大项目建设栏目）';
      const measured =
        rows.length > 0
          ? `${where}中"${category}"信息共 ${rows.length} 条，但没有发布日期在考核期 ${ctx.window.start} 至 ${ctx.window.end} 内的`
          : `${where}中未找到"${category}"类信息`;
      const ev = sub ?? parent;
      out.push(
        makeFinding(unit, {
          checkId: 'majorprojects.missing',
          indicator: 'majorProjects',
          column: sub ? sub.columnKey : 'majorProjects',
          subject: category,
          kind: 'deduction',
          title: `重大项目建设"${category}"信息未发布`,
          detail: `${measured}。考核方案"重大项目建设信息公开情况"：${ruleQuote(row, '未有信息发布的，一次扣2分')}。${unrendered ? '注意：该栏目需浏览器渲染而未渲染，列表可能不完整。' : ''}`,
          suggestedPoints: -points,
          confidence: unrendered ? 'low' : 'high',
          evidence: [
            ev
              ? columnEvidence(obs, ev)
              : { url: obs.home?.url ?? unit.home, excerpt: '未找到重大项目建设栏目', snapshot: obs.home?.contentHash ?? null },
          ],
        }),
      );
    }
    return out;
  },
};
