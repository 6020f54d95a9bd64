// attribute.missing (P3, 国办发〔2016〕80号): a fetched 公文 (has a 文号) must state its 公开属性.
import type { Check } from './context.ts';
import type { Finding } from '../model/index.ts';
import { inRange } from './dates.ts';
import { makeFinding } from './finding.ts';
import { detailEvidence, homeUnreachable, notCrawled } from './observed.ts';
import { deductionPoints, rubricRow, ruleQuote } from './rubric-rows.ts';
import { containsAny, excerptStart, findDocNumber } from './text.ts';

export const attributeMissing: Check = {
  id: 'attribute.missing',
  family: 'attribute',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const s = ctx.settings;
    const row = rubricRow(ctx, unit, 'attribute');
    const points = deductionPoints(row);
    const seen = new Set<string>();
    const out: Finding[] = [];
    for (const d of obs.details) {
      if (seen.has(d.url)) continue;
      seen.add(d.url);
      if (d.title.includes('解读')) continue; // a 解读 cites the document's 文号 but is not a 公文
      const numberSource = [d.fields['文号'], d.fields['发文字号'], d.title].filter(Boolean).join(' ');
      const number = findDocNumber(numberSource, s.documentNumberPattern);
      if (!number) continue;
      if (d.publishedAt && !inRange(d.publishedAt, ctx.window.start, ctx.window.end)) continue;
      const fieldValues = Object.values(d.fields).join(' ');
      const labelled = Object.entries(d.fields).some(([k, v]) => containsAny(k, s.attributeFieldLabels) && /主动|依申请|不予|免予/.test(v));
      if (labelled || containsAny(`${fieldValues} ${d.text} ${d.title}`, s.attributeMarks)) continue;
      out.push(
        makeFinding(unit, {
          checkId: 'attribute.missing',
          indicator: 'attribute',
          column: d.columnKey,
          subject: d.url,
          kind: 'deduction',
          title: `公文未标注公开属性：${d.title}`,
          detail: `文件 ${number}（${d.url}）的元数据和正文中均未出现"主动公开""依申请公开""不予公开"或"此件公开发布"等公开属性标注。考核方案"公开属性认定情况"：${ruleQuote(row, '发现一件，扣1分')}（国办发〔2016〕80号）。${d.publishedAt ? '' : '注意：该文件无发布日期，可能不在考核期内。'}`,
          suggestedPoints: -points,
          confidence: d.publishedAt ? 'high' : 'low',
          evidence: [
            detailEvidence(
              obs,
              d,
              excerptStart(
                `${number} ${Object.entries(d.fields)
                  .map(([k, v]) => `${k}：${v}`)
                  .join(' ')}`,
                160,
              ),
            ),
          ],
        }),
      );
    }
    return out;
  },
};
