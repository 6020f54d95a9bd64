// 政务咨询 questions. Compliant replies come 1–3 working days after the question (limit 5), so only planted
// questions are late; planted traps sit across the 2023 国庆 holiday where calendar and working days differ.
import type { Column, Item, Question } from '../model.ts';
import type { Rng } from '../prng.ts';
import { addDays, addWorkdays } from '../dates.ts';
import { ASKERS, QUESTIONS } from './pools.ts';
import { place } from './rows.ts';

interface ConsultationInput {
  asOf: string;
  year: number;
  blank: boolean;
  late: { asked: string; replied: string | null }[];
  extra: { asked: string; replied: string | null }[];
  newItem: (title: string, date: string, extra: Partial<Item>) => Item;
}

function hms(rng: Rng): string {
  return `${String(rng.int(8, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
}

const REPLY =
  '您好！您反映的问题已收悉。经向相关业务股室核实，现答复如下：请携带本人身份证件及相关材料到县政务服务中心对应窗口办理，具体可拨打业务咨询电话了解。感谢您对我们工作的关注和支持！';

export function buildConsultation(rng: Rng, col: Column, o: ConsultationInput): Column {
  if (o.blank) {
    col.placeholder = '暂无信息';
    return col;
  }
  const qs: { asked: string; replied: string | null }[] = [];
  const months = [2, 4, 6, 8, 10];
  for (const m of months) {
    const asked = `${o.year}-${String(m + rng.int(0, 1)).padStart(2, '0')}-${String(rng.int(5, 25)).padStart(2, '0')}`;
    if (asked > addDays(o.asOf, -15)) continue;
    qs.push({ asked, replied: addWorkdays(asked, rng.int(1, 3)) });
  }
  qs.push(...o.late, ...o.extra);
  const offset = rng.int(0, QUESTIONS.length - 1);
  const items = qs.map((q, i) => {
    const text = QUESTIONS[(offset + i) % QUESTIONS.length];
    const question: Question = {
      asker: rng.pick(ASKERS),
      asked: q.asked,
      askedTime: hms(rng),
      replied: q.replied,
      repliedTime: q.replied ? hms(rng) : null,
      text,
      reply: q.replied ? REPLY : '',
    };
    return o.newItem(`关于“${text.replace(/？$/, '')}”的咨询`, q.asked, { question, body: [text] });
  });
  place(col, items);
  return col;
}
