// 整改通知单: one file per unit with every open finding, its evidence and the deadline, ready to send.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AlignmentType, Paragraph, type Table } from 'docx';
import type { Finding } from '../checks/index.ts';
import type { DocumentSettings } from '../config/index.ts';
import * as D from './docx-style.ts';
import { dateZh, escapeHtml, issuerFor, safeFileName, todayShanghai } from './format.ts';
import { htmlTable, link, page } from './html.ts';
import { checkName, checkRule, columnName } from './labels.ts';
import { CONTENT_SAFETY_ORDER, contentFound, contentPlace, contentRemedy, isContentSafety } from './content-safety.ts';
import { isNotifiable, isPending, PENDING_MARK } from './notified.ts';
import { renderPdf } from './pdf.ts';
import { pngSize } from './png-size.ts';
import type { ReportUnit } from './types.ts';

export interface UnitReportInput {
  county: string;
  unit: ReportUnit;
  findings: Finding[]; // any findings; the unit's open ones are selected here
  deadline: string; // YYYY-MM-DD
  screenshots?: (id: string) => Buffer | null;
  draft?: boolean; // include pending findings, marked 【待确认】
  asOf?: string; // YYYY-MM-DD of the inspection
  issuedOn?: string;
  issuer?: string;
  pdf?: boolean;
  documents?: DocumentSettings; // office, contact, workspace address (county config `documents:`)
  serial?: number; // the unit's number in this batch of notices (编号)
}

/** 编号: year and month of the inspection and the unit's number in that batch, e.g. 整改〔2023〕12-05号. */
function noticeNumber(asOf: string | undefined, serial: number | undefined): string | null {
  if (!asOf || serial === undefined) return null;
  return `整改〔${asOf.slice(0, 4)}〕${asOf.slice(5, 7)}-${String(serial).padStart(2, '0')}号`;
}

/** How a unit reports back: the 已整改 button in the workspace (which queues the re-check), or the 反馈表. */
function reportBack(input: UnitReportInput): string {
  const where = input.documents?.workspaceUrl ? `政务公开工作台（${input.documents.workspaceUrl}）` : '政务公开工作台';
  return `整改完成后，请登录${where}，在对应问题上点击“已整改”，系统将自动复查并反馈结果；也可填写所附整改情况反馈表报县政府办公室。`;
}

function contactLine(input: UnitReportInput): string | null {
  const c = input.documents?.contact;
  return c ? `（联系人：${c.name}，联系电话：${c.phone}）` : null;
}

interface Item {
  f: Finding;
  shot: Buffer | null;
  fields: [string, string][];
}

/** The date of the inspection that found it (a tracked finding's run), never when the page happened to be fetched. */
function inspectionDate(f: Finding, asOf: string | undefined): string {
  const runAsOf = (f as Finding & { asOf?: string }).asOf;
  return runAsOf ? dateZh(runAsOf) : asOf ? dateZh(asOf) : '—';
}

function itemsOf(input: UnitReportInput): { items: Item[]; warnings: Finding[] } {
  const mine = input.findings.filter((f) => f.unitId === input.unit.id);
  // content safety first (严重表述错误, 隐私泄露, 有害信息, 错别字), then the rest in the order found
  const rank = (f: Finding) =>
    isContentSafety(f.checkId) ? (CONTENT_SAFETY_ORDER as readonly string[]).indexOf(f.checkId) : CONTENT_SAFETY_ORDER.length;
  const open = mine
    .filter((f) => isNotifiable(f, input.draft ?? false))
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
  const items = open.map((f) => {
    const ev = f.evidence[0];
    const shotId = f.evidence.find((e) => e.screenshot)?.screenshot ?? null;
    const shot = shotId && input.screenshots ? input.screenshots(shotId) : null;
    if (isContentSafety(f.checkId)) {
      return {
        f,
        shot,
        fields: [
          ['问题类型', checkName(f.checkId)],
          ['所在位置', contentPlace(f)],
          ['发现内容', contentFound(f)],
          ['网址', ev?.url ?? '—'],
          ['存在问题', f.detail],
          ['违反规定', checkRule(f.checkId) || '—'],
          [
            '证据摘录',
            f.evidence
              .map((e) => e.excerpt)
              .filter(Boolean)
              .join('\n') || '—',
          ],
          ['整改要求', contentRemedy(f)],
          ['检查时间', inspectionDate(f, input.asOf)],
          ['整改时限', f.checkId === 'content.typo' ? `${dateZh(input.deadline)}前` : '立即处理'],
        ] as [string, string][],
      };
    }
    const fields: [string, string][] = [
      ['问题类型', checkName(f.checkId)],
      ['所在栏目', columnName(f.column)],
      ['网址', ev?.url ?? (f.subject.startsWith('http') ? f.subject : '—')],
      ['存在问题', f.detail],
      ['违反规定', checkRule(f.checkId) || '—'],
      [
        '证据摘录',
        f.evidence
          .map((e) => e.excerpt)
          .filter(Boolean)
          .join('\n') || '—',
      ],
      ['检查时间', inspectionDate(f, input.asOf)],
      ['整改时限', `${dateZh(input.deadline)}前`],
    ];
    return { f, shot, fields };
  });
  const warnings = mine.filter((f) => f.kind === 'warning' && f.status !== 'dismissed');
  return { items, warnings };
}

/** Content-safety problems get their own part, first; a notice without them keeps one list. */
function hasSections(items: Item[]): boolean {
  return items.some((it) => isContentSafety(it.f.checkId));
}

function sectionBefore(items: Item[], i: number): string | null {
  if (!hasSections(items)) return null;
  const content = isContentSafety(items[i].f.checkId);
  if (i === 0) return content ? '一、内容安全问题（严重表述错误、个人信息泄露等须立即处理）' : null;
  return !content && isContentSafety(items[i - 1].f.checkId) ? '二、其他问题' : null;
}

function itemTitle(i: number, it: Item): string {
  return `问题${i + 1}：${isPending(it.f) ? PENDING_MARK : ''}${it.f.title}`;
}

function intro(input: UnitReportInput, n: number): string {
  const when = input.asOf ? `${dateZh(input.asOf)}` : '近期';
  return n
    ? `${when}，县政府办公室对你单位在县政府门户网站开设的政务公开栏目及政务新媒体进行了检查，发现以下${n}个问题。请对照逐项整改，于${dateZh(input.deadline)}前完成，并填写所附整改情况反馈表报县政府办公室。`
    : `${when}，县政府办公室对你单位在县政府门户网站开设的政务公开栏目及政务新媒体进行了检查，未发现需要整改的问题。`;
}

function docxChildren(input: UnitReportInput, items: Item[], warnings: Finding[], issuer: string, date: string): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (input.draft) out.push(D.body([D.run('【审核稿】含待确认问题，仅供内部审核，不得印发', { color: 'C00000' })], { indent: false }));
  out.push(D.title('政务公开问题整改通知单'));
  const number = noticeNumber(input.asOf, input.serial);
  if (number) out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [D.run(`编号：${number}`)] }));
  out.push(D.mainTo(`${input.unit.name}：`), D.body(intro(input, items.length)));
  if (items.length) out.push(D.body(reportBack(input)));
  items.forEach((it, i) => {
    const section = sectionBefore(items, i);
    if (section) out.push(D.heading1(section));
    out.push((hasSections(items) ? D.heading2 : D.heading1)(itemTitle(i, it)));
    out.push(
      D.table(
        ['项目', '内容'],
        it.fields.map(([k, v]) => [k, v]),
        [18, 82],
        { keepTogether: true },
      ),
    );
    if (it.shot) {
      const size = pngSize(it.shot);
      if (size) out.push(D.picture(it.shot, size.width, size.height), D.caption(`问题${i + 1}截图`));
    }
  });
  if (warnings.length) {
    out.push(D.heading1('预警提示（不扣分，请及时处理）'));
    warnings.forEach((w, i) => out.push(D.body(`${i + 1}.${w.title}。${w.detail}`)));
  }
  out.push(...D.signature(issuer, date));
  const contact = contactLine(input);
  if (contact) out.push(D.note(contact));
  if (items.length) {
    out.push(D.attachmentLabel(), D.title('整改情况反馈表'), D.body(`单位名称：${input.unit.name}`, { indent: false }));
    out.push(
      D.table(
        ['序号', '问题', '整改情况', '完成时间'],
        items.map((it, i) => [String(i + 1), it.f.title, '', '']),
        [8, 46, 30, 16],
      ),
    );
    out.push(D.body('单位负责人（签字）：            联系人及电话：', { indent: false }));
  }
  return out;
}

function htmlBody(input: UnitReportInput, items: Item[], warnings: Finding[], issuer: string, date: string): string {
  const parts: string[] = [];
  if (input.draft) parts.push('<p class="draft">【审核稿】含待确认问题，仅供内部审核，不得印发</p>');
  const number = noticeNumber(input.asOf, input.serial);
  parts.push(
    '<h1>政务公开问题整改通知单</h1>',
    number ? `<p style="text-align:center;text-indent:0">编号：${escapeHtml(number)}</p>` : '',
    `<p class="to">${escapeHtml(input.unit.name)}：</p>`,
    `<p>${escapeHtml(intro(input, items.length))}</p>`,
  );
  if (items.length) parts.push(`<p>${escapeHtml(reportBack(input))}</p>`);
  items.forEach((it, i) => {
    const section = sectionBefore(items, i);
    if (section) parts.push(`<h2>${escapeHtml(section)}</h2>`);
    const h = hasSections(items) ? 'h3' : 'h2';
    parts.push(`<${h}${isPending(it.f) ? ' class="pending"' : ''}>${escapeHtml(itemTitle(i, it))}</${h}>`);
    const rows = it.fields.map(
      ([k, v]) =>
        `<tr><th style="width:18%">${escapeHtml(k)}</th><td>${k === '网址' ? link(v) : escapeHtml(v).replace(/\n/g, '<br>')}</td></tr>`,
    );
    parts.push(`<table><tbody>${rows.join('')}</tbody></table>`);
    if (it.shot && pngSize(it.shot))
      parts.push(
        `<figure><img class="shot" alt="问题${i + 1}截图" src="data:image/png;base64,${it.shot.toString('base64')}"><figcaption>问题${i + 1}截图</figcaption></figure>`,
      );
  });
  if (warnings.length) {
    parts.push('<h2>预警提示（不扣分，请及时处理）</h2>');
    warnings.forEach((w, i) => parts.push(`<p>${i + 1}.${escapeHtml(w.title)}。${escapeHtml(w.detail)}</p>`));
  }
  parts.push(`<p>&nbsp;</p><p class="sign">${escapeHtml(issuer)}</p><p class="sign">${escapeHtml(date)}</p>`);
  const contact = contactLine(input);
  if (contact) parts.push(`<p>${escapeHtml(contact)}</p>`);
  if (items.length) {
    parts.push(
      '<h1 style="margin-top:2em;break-before:page;page-break-before:always">整改情况反馈表</h1>',
      `<p class="plain">单位名称：${escapeHtml(input.unit.name)}</p>`,
    );
    parts.push(
      htmlTable(
        ['序号', '问题', '整改情况', '完成时间'],
        items.map((it, i) => [String(i + 1), it.f.title, '', '']),
        [0],
      ),
    );
    parts.push('<p class="plain">单位负责人（签字）：　　　　　　联系人及电话：</p>');
  }
  return parts.join('\n');
}

/** Writes 整改通知单 for one unit as .docx and .html (and .pdf when asked); returns the paths written. `stem` overrides the file name. */
export async function writeUnitReport(input: UnitReportInput, outDir: string, stem?: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const { items, warnings } = itemsOf(input);
  const issuer = input.issuer ?? input.documents?.office ?? issuerFor(input.county);
  const date = dateZh(input.issuedOn ?? input.asOf ?? todayShanghai());
  const title = `${input.unit.name}政务公开问题整改通知单`;
  const base = join(outDir, stem ?? unitReportStem(input.unit.name, input.draft));
  await writeFile(`${base}.docx`, await D.documentBuffer({ title, creator: issuer }, docxChildren(input, items, warnings, issuer, date)));
  await writeFile(`${base}.html`, page(title, htmlBody(input, items, warnings, issuer, date)));
  const written = [`${base}.docx`, `${base}.html`];
  if (input.pdf && (await renderPdf(`${base}.html`, `${base}.pdf`))) written.push(`${base}.pdf`);
  return written;
}

function unitReportStem(name: string, draft?: boolean): string {
  return safeFileName(`整改通知单-${name}${draft ? '（审核稿）' : ''}`);
}

/**
 * `--all`: one 整改通知单 per unit that has something to fix (open findings or warnings); returns every path written.
 * File names come from unit names made file-safe, so two units can end up with one name ("水务局", "水务 局"): the
 * later one then gets its id appended. With `dirPerUnit` each unit's files go into a folder named by its id, which is
 * how the workspace tells whose notice a file is.
 */
export async function writeAllUnitReports(
  input: Omit<UnitReportInput, 'unit'> & { units: ReportUnit[] },
  outDir: string,
  opts: { dirPerUnit?: boolean } = {},
): Promise<string[]> {
  const written: string[] = [];
  const used = new Set<string>();
  for (const [i, unit] of input.units.entries()) {
    const { items, warnings } = itemsOf({ ...input, unit });
    if (!items.length && !warnings.length) continue;
    let stem = unitReportStem(unit.name, input.draft);
    if (!opts.dirPerUnit && used.has(stem)) stem = unitReportStem(`${unit.name}-${unit.id}`, input.draft);
    used.add(stem);
    written.push(
      ...(await writeUnitReport({ ...input, unit, serial: input.serial ?? i + 1 }, opts.dirPerUnit ? join(outDir, unit.id) : outDir, stem)),
    );
  }
  return written;
}
