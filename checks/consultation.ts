// consultation.late / consultation.timely (P7, V7): reply within N working days of the question (W1/W3).
import type { DetailObservation, ListItem, UnitObservations } from '../store/index.ts';
import type { UnitConfig } from '../config/index.ts';
import type { Check, CheckContext } from './context.ts';
import type { Evidence, Finding } from '../model/index.ts';
import { inRange, parseDateText } from './dates.ts';
import { makeFinding } from './finding.ts';
import { columnGroup, detailEvidence, detailsOf, homeUnreachable, notCrawled, pageFor } from './observed.ts';
import { bonusPoints, deductionPoints, rubricRow } from './rubric-rows.ts';
import { containsAny } from './text.ts';
import { isLateByWorkdays } from './workdays.ts';

export interface Question {
  url: string;
  title: string;
  asked: string | null;
  askedFromField: boolean;
  replied: string | null;
  answered: boolean; // a reply is visible even when its date is not
  detail: DetailObservation | null;
  item: ListItem | null;
}

function field(record: Record<string, string> | undefined, labels: readonly string[]): string | null {
  if (!record) return null;
  for (const label of labels) {
    const hit = Object.entries(record).find(([k]) => k.replace(/[\s:：]/g, '') === label);
    if (hit && hit[1].trim()) return hit[1];
  }
  return null;
}

function readQuestions(ctx: CheckContext, obs: UnitObservations): Question[] {
  const f = ctx.settings.consultationFields;
  const items = columnGroup(obs, 'consultation').flatMap((c) => c.items);
  const details = detailsOf(obs, 'consultation');
  const urls = [...new Set([...items.map((i) => i.url), ...details.map((d) => d.url)])];
  return urls.map((url) => {
    const item = items.find((i) => i.url === url) ?? null;
    const detail = details.find((d) => d.url === url) ?? null;
    const askedField = parseDateText(field(detail?.fields, f.question)) ?? parseDateText(field(item?.extra, f.question));
    const replied = parseDateText(field(detail?.fields, f.reply)) ?? parseDateText(field(item?.extra, f.reply));
    const status = field(item?.extra, f.status) ?? field(detail?.fields, f.status);
    const replyText = field(detail?.fields, f.replyText);
    const unansweredStatus = !!status && containsAny(status, f.unansweredStatus);
    const answered = !unansweredStatus && (!!replied || !!replyText || (!!status && !unansweredStatus));
    return {
      url,
      title: detail?.title || item?.title || url,
      asked: askedField ?? detail?.publishedAt ?? item?.date ?? null,
      askedFromField: !!askedField,
      replied,
      answered,
      detail,
      item,
    };
  });
}

function evidenceFor(obs: UnitObservations, q: Question, excerpt: string): Evidence {
  if (q.detail) return detailEvidence(obs, q.detail, excerpt);
  const page = pageFor(obs, q.url);
  return {
    url: q.url,
    excerpt,
    snapshot: page?.contentHash ?? null,
    screenshot: page?.screenshot ?? null,
    fetchedAt: page?.fetchedAt ?? null,
  };
}

interface Judged {
  q: Question;
  late: boolean;
  timely: boolean;
  deadline: string;
  lowReasons: string[];
}

function judge(ctx: CheckContext, obs: UnitObservations): Judged[] {
  if (homeUnreachable(obs) || notCrawled(obs)) return [];
  const n = ctx.settings.consultationReplyWorkdays;
  const out: Judged[] = [];
  for (const q of readQuestions(ctx, obs)) {
    if (!q.asked || !inRange(q.asked, ctx.window.start, ctx.window.end)) continue;
    const low: string[] = [];
    if (!q.askedFromField) low.push('提问时间取自列表或发布日期，未见"留言时间"字段');
    if (q.replied) {
      if (q.replied < q.asked) continue; // inconsistent dates: nothing can be said
      const r = isLateByWorkdays(q.asked, q.replied, n);
      if (!r.calendarKnown) low.push('日历数据缺失');
      out.push({ q, late: r.late, timely: !r.late, deadline: r.deadline, lowReasons: low });
    } else if (!q.answered) {
      const r = isLateByWorkdays(q.asked, ctx.asOf, n);
      if (!r.calendarKnown) low.push('日历数据缺失');
      if (r.late) out.push({ q, late: true, timely: false, deadline: r.deadline, lowReasons: low });
    }
  }
  return out;
}

function row(ctx: CheckContext, unit: UnitConfig) {
  return rubricRow(ctx, unit, 'consultation');
}

export const consultationLate: Check = {
  id: 'consultation.late',
  family: 'consultation',
  run(ctx, unit, obs) {
    const points = deductionPoints(row(ctx, unit));
    const n = ctx.settings.consultationReplyWorkdays;
    return judge(ctx, obs)
      .filter((j) => j.late)
      .map((j): Finding => {
        const measured = j.q.replied
          ? `提问 ${j.q.asked}，回复 ${j.q.replied}，期限为 ${n} 个工作日（截至 ${j.deadline}）`
          : `提问 ${j.q.asked}，截至检查日 ${ctx.asOf} 仍未回复，期限为 ${n} 个工作日（截至 ${j.deadline}）`;
        return makeFinding(unit, {
          checkId: 'consultation.late',
          indicator: 'consultation',
          column: 'consultation',
          subject: j.q.url,
          kind: 'deduction',
          title: j.q.replied ? `政务咨询未按时限回复：${j.q.title}` : `政务咨询逾期未回复：${j.q.title}`,
          detail: `${measured}。考核方案"政策咨询"：未按要求时限回复的，每一件扣${points}分（工作日不含提问当日，节假日不计，调休上班日计入）。${j.lowReasons.length ? `注意：${j.lowReasons.join('；')}。` : ''}`,
          suggestedPoints: -points,
          confidence: j.lowReasons.length ? 'low' : 'high',
          monthly: true,
          evidence: [evidenceFor(obs, j.q, measured)],
        });
      });
  },
};

export const consultationTimely: Check = {
  id: 'consultation.timely',
  family: 'consultation',
  run(ctx, unit, obs) {
    const points = bonusPoints(row(ctx, unit));
    const n = ctx.settings.consultationReplyWorkdays;
    return judge(ctx, obs)
      .filter((j) => j.timely)
      .map((j): Finding => {
        const measured = `提问 ${j.q.asked}，回复 ${j.q.replied}，在 ${n} 个工作日期限（${j.deadline}）内，回复已在门户网站公开`;
        return makeFinding(unit, {
          checkId: 'consultation.timely',
          indicator: 'consultation',
          column: 'consultation',
          subject: j.q.url,
          kind: 'bonus',
          title: `政务咨询及时回复并公开：${j.q.title}`,
          detail: `${measured}。考核方案"政策咨询"加分：回复及时并公开发布的，一件加${points}分（上限由计分环节处理）。${j.lowReasons.length ? `注意：${j.lowReasons.join('；')}。` : ''}`,
          suggestedPoints: points,
          confidence: j.lowReasons.length ? 'low' : 'high',
          evidence: [evidenceFor(obs, j.q, measured)],
        });
      });
  },
};
