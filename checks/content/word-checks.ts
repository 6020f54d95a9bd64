// content.typo (错别字), content.expression (严重表述错误: listed formulations, leaders' names and titles) and
// content.sensitive (the office's sensitive words), over every page and attachment a unit published. One finding
// per document and wrong word; the excerpt marks the word with 【】 and is masked like every excerpt.
import { loadContentWords, type CountyConfig, type UnitConfig } from '../../config/index.ts';
import type { UnitObservations } from '../../store/index.ts';
import type { Check, CheckContext } from '../context.ts';
import type { CheckId, Finding } from '../../model/index.ts';
import { makeFinding } from '../finding.ts';
import { homeUnreachable, notCrawled } from '../observed.ts';
import { deductionPoints, rubricRow } from '../rubric-rows.ts';
import type { ContentDocument } from './documents.ts';
import { maskedSlice } from './pii.ts';
import { compileWords, leaderTitles, scanUnit, type CompiledWords, type WordHit } from './word-scan.ts';

type Leader = CountyConfig['leaders'][number];

/** One line around the hit, the hit marked, personal numbers masked. */
function markedExcerpt(text: string, start: number, end: number, radius = 30): string {
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  const clip = (a: number, b: number) => maskedSlice(text, a, b).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${clip(from, start)}【${text.slice(start, end)}】${clip(end, to)}${to < text.length ? '…' : ''}`;
}

function wordsFor(ctx: CheckContext): CompiledWords {
  return compileWords(loadContentWords(), leaderTitles(ctx.config));
}

const where = (doc: ContentDocument): string => doc.place;
const docDate = (ctx: CheckContext, doc: ContentDocument): string => doc.publishedAt ?? ctx.asOf;

interface Problem {
  subject: string;
  title: string;
  detail: string;
  high: boolean;
  hit: WordHit;
}

function findingsOf(ctx: CheckContext, unit: UnitConfig, checkId: CheckId, doc: ContentDocument, problems: Problem[]): Finding[] {
  const row = rubricRow(ctx, unit, 'notice.monthly');
  const seen = new Map<string, { p: Problem; n: number }>();
  for (const p of problems) {
    const s = seen.get(p.subject);
    if (s) s.n++;
    else seen.set(p.subject, { p, n: 1 });
  }
  return [...seen.values()].map(({ p, n }) =>
    makeFinding(unit, {
      checkId,
      indicator: 'notice.monthly',
      column: doc.columnKey,
      subject: `${p.subject}（${doc.name}）`,
      kind: 'deduction',
      title: p.title,
      detail: `${where(doc)}：${p.detail}${n > 1 ? `本文档共出现 ${n} 处。` : ''}`,
      occurrences: 1,
      suggestedPoints: -deductionPoints(row),
      confidence: p.high ? 'high' : 'low',
      monthly: true,
      evidence: [
        {
          url: doc.url,
          excerpt: markedExcerpt(doc.text, p.hit.start, p.hit.end),
          snapshot: doc.snapshot,
          fetchedAt: doc.fetchedAt,
          place: where(doc),
          found: p.subject,
        },
      ],
    }),
  );
}

function wordCheck(
  id: CheckId,
  problemsOf: (ctx: CheckContext, doc: ContentDocument, hits: WordHit[], words: CompiledWords) => Problem[],
): Check {
  return {
    id,
    family: 'content',
    run(ctx, unit, obs: UnitObservations) {
      if (homeUnreachable(obs) || notCrawled(obs)) return [];
      const words = wordsFor(ctx);
      return scanUnit(obs, words).flatMap(({ doc, hits }) => findingsOf(ctx, unit, id, doc, problemsOf(ctx, doc, hits, words)));
    },
  };
}

export const contentTypo = wordCheck('content.typo', (_ctx, _doc, hits, words) =>
  hits
    .filter((h) => h.kind === 'typo')
    .map((h) => {
      const t = words.lists.typos[h.entry];
      return {
        subject: `${t.wrong}→${t.right}`,
        title: `错别字：“${t.wrong}”应为“${t.right}”`,
        detail: `“${t.wrong}”应为“${t.right}”。属于政府网站检查指标扣分项“错别字”（国办秘函〔2019〕19号）。${t.onlyBefore ? '此词是否有误取决于上下文，需人工确认。' : ''}`,
        high: !t.onlyBefore,
        hit: h,
      };
    }),
);

export const contentSensitive = wordCheck('content.sensitive', (_ctx, _doc, hits, words) =>
  hits
    .filter((h) => h.kind === 'sensitive')
    .map((h) => {
      const s = words.lists.sensitive[h.entry];
      return {
        subject: s.word,
        title: `疑似有害信息：出现敏感词“${s.word}”（${s.category}）`,
        detail: `出现敏感词“${s.word}”（${s.category}类），可能是网站被植入的有害信息或链接。如属实，构成政府网站检查指标单项否决项“发布或链接反动、暴力、色情等内容”（国办秘函〔2019〕19号）；请人工确认，并检查网站是否被篡改。`,
        high: false,
        hit: h,
      };
    }),
);

/** The leader `name` held `title` on `date`. */
const heldOn = (l: Leader, date: string): boolean => (!l.from || l.from <= date) && (!l.until || date <= l.until);

/** Same length, exactly one character different. */
function oneCharOff(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff++;
  return diff === 1;
}

function leaderProblems(ctx: CheckContext, doc: ContentDocument, hits: WordHit[], words: CompiledWords): Problem[] {
  const leaders = ctx.config.leaders ?? [];
  if (leaders.length === 0) return [];
  const date = docDate(ctx, doc);
  const lengths = [...new Set(leaders.map((l) => l.name.length))];
  const out: Problem[] = [];
  for (const h of hits) {
    if (h.kind !== 'title') continue;
    const title = words.titles[h.entry];
    if (doc.text[h.start - 1] === '副' && !title.startsWith('副')) continue; // 副县长 when only 县长 is configured
    // the name stands right after the title (县长陈立新) or right before it (陈立新县长)
    const candidates = lengths.flatMap((n) => [doc.text.slice(h.end, h.end + n), doc.text.slice(Math.max(0, h.start - n), h.start)]);
    const exact = leaders.filter((l) => candidates.includes(l.name));
    if (exact.length > 0) {
      const holder = exact.find((l) => l.title === title && heldOn(l, date));
      if (holder) continue;
      const person = exact[0];
      const current = leaders.filter((l) => l.name === person.name && heldOn(l, date)).map((l) => l.title);
      const past = leaders.find((l) => l.name === person.name && l.title === title);
      const nowHolder = leaders.find((l) => l.title === title && heldOn(l, date));
      const detail = past
        ? `${person.name}${past.until ? `已于 ${past.until} 卸任${title}` : `${past.from} 起才任${title}`}${current.length ? `，${date} 时任${current.join('、')}` : ''}${nowHolder ? `；${date} 时的${title}为${nowHolder.name}` : ''}。`
        : `${person.name}未任${title}${current.length ? `（${date} 时任${current.join('、')}）` : ''}。`;
      out.push({
        subject: `${title}${person.name}→${current[0] ?? '（现职务）'}`,
        title: `严重表述错误：领导职务有误（“${title}${person.name}”）`,
        detail: `${detail}领导姓名、职务错误属于严重表述错误，为政府网站检查指标单项否决项（国办秘函〔2019〕19号）。请人工确认（历史报道中的原职务不算错误）。`,
        high: false,
        hit: h,
      });
      continue;
    }
    // a wrong character in the name of the person who holds the title (names of three or more characters:
    // two characters after a title are too often ordinary words)
    const holder = leaders.find(
      (l) =>
        l.title === title &&
        heldOn(l, date) &&
        l.name.length >= 3 &&
        [doc.text.slice(h.end, h.end + l.name.length), doc.text.slice(Math.max(0, h.start - l.name.length), h.start)].some(
          (c) => oneCharOff(c, l.name) && c[0] === l.name[0],
        ),
    );
    if (holder) {
      const after = doc.text.slice(h.end, h.end + holder.name.length);
      const written = oneCharOff(after, holder.name) ? after : doc.text.slice(Math.max(0, h.start - holder.name.length), h.start);
      out.push({
        subject: `${title}${written}→${title}${holder.name}`,
        title: `严重表述错误：领导姓名有误（“${written}”应为“${holder.name}”）`,
        detail: `${title}的姓名写作“${written}”，应为“${holder.name}”。领导姓名错误属于严重表述错误，为政府网站检查指标单项否决项（国办秘函〔2019〕19号）。请人工确认。`,
        high: false,
        hit: h,
      });
    }
  }
  return out;
}

export const contentExpression = wordCheck('content.expression', (ctx, doc, hits, words) => [
  ...hits
    .filter((h) => h.kind === 'expression')
    .flatMap((h): Problem[] => {
      const e = words.lists.expressions[h.entry];
      if (e.since && docDate(ctx, doc) < e.since) return [];
      return [
        {
          subject: `${e.wrong}→${e.right}`,
          title: `表述不规范：“${e.wrong}”应为“${e.right}”`,
          detail: `“${e.wrong}”应为“${e.right}”（${e.note}${e.since ? `，自 ${e.since} 起` : ''}）。错误的政治、法律表述属于严重表述错误，为政府网站检查指标单项否决项（国办秘函〔2019〕19号）。请人工确认。`,
          high: false,
          hit: h,
        },
      ];
    }),
  ...leaderProblems(ctx, doc, hits, words),
]);
