// privacy.exposure: personal information published unmasked, in a page or an attachment. One finding per
// document: what to take down or mask is the document. Every value shown is masked (maskValue / maskText);
// names in a list are shown with all but their first character hidden.
import type { Check } from '../context.ts';
import type { Finding } from '../../model/index.ts';
import { makeFinding } from '../finding.ts';
import { homeUnreachable, notCrawled } from '../observed.ts';
import { deductionPoints, rubricRow } from '../rubric-rows.ts';
import { contentDocuments, joinWrappedDigits, type ContentDocument, type ContentTable } from './documents.ts';
import { findPii, isValidIdNumber, maskedSlice, maskText, type PiiHit, type PiiKind } from './pii.ts';

const NAME_HEADER = /^(姓名|户主|申请人|户主姓名|救助对象|补助对象|人员姓名|学生姓名|考生姓名|名字|对象姓名|领取人)$/;
const ID_LABEL = /(身份证|证件号|公民身份号码)/;
/**
 * Codes of organisations, not people: 统一社会信用代码 (GB 32100-2015; 18 characters, an all-digit one can pass the ID
 * check), 组织机构代码, 纳税人识别号, 注册号 — in a column so headed or right after such a label (企业名录, 双公示 许可/处罚 rows).
 */
const ORG_CODE = /(统一社会信用代码|社会信用代码|信用代码|组织机构代码|纳税人识别号|税号|注册号|登记证号)/;
/**
 * A column naming a post or duty: the table lists officials' work contacts (领导信息 姓名|职务|分工|联系电话, 政务公开
 * 联系人 姓名|科室|电话), published on purpose. 岗位 is left out: 招录 lists name the 报考岗位 of applicants.
 */
const POST_HEADER = /^(职务|现任职务|职位|分工|工作分工|分管工作|负责工作|科室|处室|所在科室|联系科室)$/;
/** Lists shorter than this with no name column and no label read as a number that happens to validate. */
const LIST_MIN = 3;

const KIND_LABEL: Record<PiiKind, string> = { idcard: '身份证号', mobile: '手机号码', bankcard: '银行卡号' };

const maskName = (name: string): string => {
  const chars = [...name.trim()];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
};

interface DocumentLeak {
  values: Map<string, PiiHit>; // raw value → hit (the raw value never leaves this function)
  inNamedTable: boolean; // a table with a name column holds personal numbers
  labelled: boolean; // an ID number stands right after 身份证 / 证件号
  example: string; // masked excerpt: a table row or the text around the first hit
}

function maskRow(table: ContentTable, row: string[]): string {
  return row
    .map((cell, i) =>
      NAME_HEADER.test((table.headers[i] ?? '').replace(/\s+/g, '')) ? maskName(cell) : maskText(cell, table.headers[i] ?? ''),
    )
    .join(' ');
}

function scanDocument(doc: ContentDocument, today: string): DocumentLeak | null {
  const leak: DocumentLeak = { values: new Map(), inNamedTable: false, labelled: false, example: '' };
  const notPersonal = new Set<string>(); // organisation codes read from a table: not re-read from the text
  for (const table of doc.tables) {
    const named = table.headers.some((h) => NAME_HEADER.test(h.replace(/\s+/g, '')));
    const officials = table.headers.some((h) => POST_HEADER.test(h.replace(/\s+/g, '')));
    for (const row of table.rows) {
      const hits = row.flatMap((cell, i) =>
        findPii(cell, table.headers[i] ?? '', today).map((h) => ({
          h,
          raw: cell.slice(h.start, h.end).replace(/ /g, ''),
          orgCode: ORG_CODE.test(table.headers[i] ?? '') || ORG_CODE.test(cell.slice(Math.max(0, h.start - 12), h.start)),
        })),
      );
      for (const { raw, orgCode } of hits) if (orgCode) notPersonal.add(raw);
      // a mobile number counts only in a list of people: a contact number in prose, a 联系方式 table or a list of
      // officials with their posts is published on purpose
      const kept = hits.filter(({ h, orgCode }) => !orgCode && (h.kind !== 'mobile' || (named && !officials)));
      if (kept.length === 0) continue;
      if (named) leak.inNamedTable = true;
      if (!leak.example) leak.example = `${table.headers.join(' ')}｜${maskRow(table, row)}`;
      for (const { h, raw } of kept) leak.values.set(raw, h);
    }
  }
  const text = doc.format === 'pdf' ? joinWrappedDigits(doc.text, (d) => isValidIdNumber(d, today)) : doc.text;
  for (const h of findPii(text, '', today)) {
    if (h.kind === 'mobile') continue; // in prose: see above; in a table it was read from the table
    const raw = text.slice(h.start, h.end).replace(/ /g, '');
    if (notPersonal.has(raw) || ORG_CODE.test(text.slice(Math.max(0, h.start - 12), h.start))) continue;
    if (h.kind === 'idcard' && ID_LABEL.test(text.slice(Math.max(0, h.start - 12), h.start))) leak.labelled = true;
    if (!leak.values.has(raw) && !leak.example) {
      const from = Math.max(0, text.lastIndexOf('\n', h.start) + 1, h.start - 40);
      const lineEnd = text.indexOf('\n', h.end);
      const to = Math.min(lineEnd < 0 ? text.length : lineEnd, h.end + 40);
      leak.example = maskedSlice(text, from, to).replace(/\s+/g, ' ');
    }
    leak.values.set(raw, h);
  }
  const ids = [...leak.values.values()].filter((h) => h.kind !== 'mobile');
  return ids.length > 0 || (leak.inNamedTable && leak.values.size >= 2) ? leak : null;
}

export const privacyExposure: Check = {
  id: 'privacy.exposure',
  family: 'content',
  run(ctx, unit, obs) {
    if (homeUnreachable(obs) || notCrawled(obs)) return [];
    const row = rubricRow(ctx, unit, 'notice.monthly');
    const out: Finding[] = [];
    for (const doc of contentDocuments(obs)) {
      const leak = scanDocument(doc, ctx.asOf);
      if (!leak) continue;
      const hits = [...leak.values.values()];
      const counts = (['idcard', 'mobile', 'bankcard'] as const)
        .map((k) => [k, hits.filter((h) => h.kind === k).length] as const)
        .filter(([, n]) => n > 0);
      const idCount = hits.filter((h) => h.kind === 'idcard').length;
      // positive and complete: validated ID numbers in a list of named people, several of them, or labelled as such
      const high = (leak.inNamedTable && hits.length >= 2) || idCount >= LIST_MIN || leak.labelled;
      const first = hits.find((h) => h.kind === 'idcard') ?? hits[0];
      const what = counts.map(([k, n]) => `${n} 个${KIND_LABEL[k]}`).join('、');
      const where = doc.place;
      out.push(
        makeFinding(unit, {
          checkId: 'privacy.exposure',
          indicator: 'notice.monthly',
          column: doc.columnKey,
          subject: `${first.masked}（${doc.name}）`,
          kind: 'deduction',
          title: `${doc.kind === 'attachment' ? '附件' : '页面'}公开了未脱敏的个人信息：${what}`,
          detail:
            `${where}中公开了${what}（均未脱敏${leak.inNamedTable ? '，与姓名同列于名单中' : ''}）。《政府信息公开条例》第十五条：涉及个人隐私的政府信息不得公开；` +
            '属于政府网站检查指标单项否决项“安全、泄密事故等严重问题”（国办秘函〔2019〕19号），并列为年度考核重大扣分项（二）“造成失泄密”的候选，经评议人员确认后计入。' +
            `请立即撤下或将身份证号、手机号等按规范脱敏（如 ${first.masked}）后重新发布。${high ? '' : '号码未与姓名同列且数量少，需人工核实是否为个人信息。'}`,
          occurrences: 1,
          suggestedPoints: -deductionPoints(row),
          confidence: high ? 'high' : 'low',
          monthly: true,
          evidence: [
            {
              url: doc.url,
              excerpt: leak.example,
              snapshot: doc.snapshot,
              fetchedAt: doc.fetchedAt,
              place: where,
              found: hits.length > 1 ? `${first.masked} 等 ${hits.length} 个号码` : first.masked,
            },
          ],
        }),
      );
    }
    return out;
  },
};
