// interpretation.missing (P1: 解读 within N working days of a 政府/政府办 document) and interpretation.multiform.
import type { DetailObservation, ListItem, UnitObservations } from '../store/index.ts';
import type { Check, CheckContext } from './context.ts';
import type { Finding } from '../model/index.ts';
import { inRange } from './dates.ts';
import { makeFinding } from './finding.ts';
import { columnGroup, detailEvidence, detailsOf, homeUnreachable, notCrawled, pageFor } from './observed.ts';
import { bonusPoints, deductionPoints, rubricRow, ruleQuote } from './rubric-rows.ts';
import { compactTitle, containsAny, docNumberKey, findDocNumber, normalizeDocNumber } from './text.ts';
import { documentCore, quotedTitles } from './topics.ts';
import { addWorkdays } from './workdays.ts';

interface Doc {
  url: string;
  title: string;
  date: string;
  number: string;
  detail: DetailObservation | null;
}

interface Interp {
  url: string;
  title: string;
  date: string | null;
  text: string; // title + 文号-bearing fields, for matching
  links: string[];
}

function extraText(record: Record<string, string> | undefined): string {
  return record ? Object.values(record).join(' ') : '';
}

function governmentDocs(ctx: CheckContext, obs: UnitObservations): Doc[] {
  const items = columnGroup(obs, 'policies').flatMap((c) => c.items);
  const details = detailsOf(obs, 'policies');
  const urls = [...new Set([...items.map((i) => i.url), ...details.map((d) => d.url)])];
  const out: Doc[] = [];
  for (const url of urls) {
    const item = items.find((i) => i.url === url);
    const detail = details.find((d) => d.url === url) ?? null;
    const title = detail?.title || item?.title || '';
    const source = [detail?.fields['文号'], detail?.fields['发文字号'], item?.extra?.['文号'], title].filter(Boolean).join(' ');
    const number = findDocNumber(source, ctx.settings.governmentDocumentPattern);
    const date = item?.date ?? detail?.publishedAt ?? null;
    if (!number || !date || !inRange(date, ctx.window.start, ctx.window.end)) continue;
    out.push({ url, title, date, number, detail });
  }
  return out;
}

function interpretations(obs: UnitObservations): Interp[] {
  const rows: { item: ListItem | null; detail: DetailObservation | null }[] = [];
  const group = columnGroup(obs, 'interpretations');
  for (const i of group.flatMap((c) => c.items)) rows.push({ item: i, detail: obs.details.find((d) => d.url === i.url) ?? null });
  for (const c of obs.columns) {
    if (c.columnKey.startsWith('interpretations')) continue;
    for (const i of c.items) if (i.title.includes('解读')) rows.push({ item: i, detail: obs.details.find((d) => d.url === i.url) ?? null });
  }
  for (const d of detailsOf(obs, 'interpretations')) if (!rows.some((r) => r.item?.url === d.url)) rows.push({ item: null, detail: d });
  const seen = new Set<string>();
  const out: Interp[] = [];
  for (const { item, detail } of rows) {
    const url = item?.url ?? detail!.url;
    if (seen.has(url)) continue;
    seen.add(url);
    const title = item?.title || detail?.title || '';
    out.push({
      url,
      title,
      date: item?.date ?? detail?.publishedAt ?? null,
      text: `${title} ${detail?.title ?? ''} ${extraText(item?.extra)} ${extraText(detail?.fields)} ${detail?.text.slice(0, 300) ?? ''}`,
      links: detail?.links.map((l) => l.url) ?? [],
    });
  }
  return out;
}

function matches(doc: Doc, interp: Interp): boolean {
  const compact = compactTitle(interp.text);
  if (normalizeDocNumber(interp.text).includes(docNumberKey(doc.number))) return true;
  const core = documentCore(doc.title);
  if (core.length >= 4 && compact.includes(core)) return true;
  if (quotedTitles(doc.title).some((q) => q.length >= 4 && compact.includes(q))) return true;
  if (interp.links.includes(doc.url)) return true;
  if (doc.detail?.links.some((l) => l.url === interp.url)) return true;
  return false;
}

export const interpretationMissing: Check = {
  id: 'interpretation.missing',
  family: 'interpretation',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const n = ctx.settings.interpretationWorkdays;
    const row = rubricRow(ctx, unit, 'interpretation.timely');
    const points = deductionPoints(row);
    const interps = interpretations(obs);
    const out: Finding[] = [];
    for (const doc of governmentDocs(ctx, obs)) {
      const deadline = addWorkdays(doc.date, n);
      const matched = interps.filter((i) => matches(doc, i));
      if (matched.some((i) => i.date && i.date <= deadline.value)) continue;
      if (matched.some((i) => !i.date)) continue; // an undated 解读 exists: timing cannot be judged
      if (matched.length === 0 && ctx.asOf <= deadline.value) continue; // still within the limit
      const late = matched.filter((i) => i.date).sort((a, b) => a.date!.localeCompare(b.date!))[0];
      const measured = late
        ? `文件 ${doc.number} 发布于 ${doc.date}，解读"${late.title}"发布于 ${late.date}，超过 ${n} 个工作日期限（${deadline.value}）`
        : `文件 ${doc.number} 发布于 ${doc.date}，截至检查日 ${ctx.asOf} 未找到对应解读（按标题、文号和相互链接匹配），期限为 ${n} 个工作日（${deadline.value}）`;
      const page = pageFor(obs, doc.url);
      out.push(
        makeFinding(unit, {
          checkId: 'interpretation.missing',
          indicator: 'interpretation.timely',
          column: 'policies',
          subject: doc.url,
          kind: 'deduction',
          title: `${late ? '政策解读发布超时' : '政府公文未解读'}：${doc.title}`,
          detail: `${measured}。考核方案"政府、政府办公文解读情况"：${ruleQuote(row, '未按要求时限对文件进行解读的，每一件扣3分')}（国办发〔2016〕19号：文件公开后3个工作日内发布解读）。${deadline.calendarKnown ? '' : '注意：日历数据缺失，工作日按已知数据计算。'}`,
          suggestedPoints: -points,
          confidence: deadline.calendarKnown ? 'high' : 'low',
          evidence: [
            doc.detail
              ? detailEvidence(obs, doc.detail, `${doc.number} ${doc.title}`)
              : {
                  url: doc.url,
                  excerpt: `${doc.date} ${doc.number} ${doc.title}`,
                  snapshot: page?.contentHash ?? null,
                  fetchedAt: page?.fetchedAt ?? null,
                },
          ],
        }),
      );
    }
    return out;
  },
};

function interpretationForm(title: string, forms: { form: string; keywords: string[] }[]): string {
  return forms.find((f) => containsAny(title, f.keywords))?.form ?? '文字';
}

export const interpretationMultiform: Check = {
  id: 'interpretation.multiform',
  family: 'interpretation',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const rows = interpretations(obs).filter((i) => i.date && inRange(i.date, ctx.window.start, ctx.window.end));
    const byForm = new Map<string, Interp>();
    for (const r of rows) {
      const form = interpretationForm(r.title, ctx.settings.interpretationForms);
      if (!byForm.has(form)) byForm.set(form, r);
    }
    if (byForm.size < ctx.settings.multiformMinForms) return [];
    const row = rubricRow(ctx, unit, 'interpretation.multiform');
    const points = bonusPoints(row);
    const forms = [...byForm.keys()];
    return [...byForm.entries()]
      .filter(([form]) => form !== '文字')
      .map(([form, example]) => {
        const page = pageFor(obs, example.url);
        return makeFinding(unit, {
          checkId: 'interpretation.multiform',
          indicator: 'interpretation.multiform',
          column: 'interpretations',
          subject: form,
          kind: 'bonus',
          title: `多样化解读：${form}`,
          detail: `考核期内政策解读共使用 ${forms.length} 种方式（${forms.join('、')}），其中"${form}"如 ${example.date}"${example.title}"。考核方案"多样化解读"：${ruleQuote(row, '通过三种及以上的方式开展政策解读的，有一项加3分')}。`,
          suggestedPoints: points,
          evidence: [
            {
              url: example.url,
              excerpt: `${example.date} ${example.title}`,
              snapshot: page?.contentHash ?? null,
              screenshot: page?.screenshot ?? null,
              fetchedAt: page?.fetchedAt ?? null,
            },
          ],
        });
      });
  },
};
