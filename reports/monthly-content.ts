// The content of the monthly 通报, built once and rendered to .docx and HTML alike.
import type { Finding } from '../checks/index.ts';
import { classCountsText, rubricClasses, type ClassInfo, type DocumentSettings } from '../config/index.ts';
import { gongwenFrame, titleLines, zhQuotes, type GongwenFrame } from './gongwen.ts';
import { checkName, checkRule, CHECK_LABELS } from './labels.ts';
import { dateZh, issuerFor, monthZh, sectionNumber, todayShanghai } from './format.ts';
import { CONTENT_SAFETY_ORDER, contentItemText, isContentSafety } from './content-safety.ts';
import { isNotifiable, isPending, PENDING_MARK } from './notified.ts';
import type { MonthCounts } from './chart-options.ts';
import type { ReportUnit } from './types.ts';

export interface MonthlyRunInfo {
  asOf?: string; // YYYY-MM-DD the check ran as of
  checkedFrom?: string; // YYYY-MM-DD
  checkedTo?: string;
  pagesFetched?: number;
  linksChecked?: number;
  accountsChecked?: number;
  columnsChecked?: number;
}

export interface MonthlyInput {
  county: string;
  month: string; // YYYY-MM
  findings: Finding[];
  units: ReportUnit[];
  deadline: string; // YYYY-MM-DD
  draft: boolean;
  runInfo?: MonthlyRunInfo;
  history?: MonthCounts[]; // counts: null for a month without a complete inspection (未检查)
  issuedOn?: string; // YYYY-MM-DD, default today (Asia/Shanghai)
  issuer?: string; // default <county>人民政府办公室
  pdf?: boolean; // also write a PDF through Chromium when it is installed
  documents?: DocumentSettings; // 红头, 文号, 主送, 抄送, 印发机关, 联系人 (county config `documents:`)
  number?: number; // {n} of the 发文字号; default: the month
  classes?: ClassInfo[]; // the rubric's classes with labels (rubricClasses); default: the units' class keys
}

interface ProblemItem {
  text: string;
  url: string | null;
  pending: boolean;
}

interface KindGroup {
  checkId: string;
  name: string;
  count: number;
  units: { unitId: string; unitName: string; items: ProblemItem[] }[];
}

export interface MonthlyContent {
  title: string;
  titleLines: string[]; // the title broken between words, as printed
  frame: GongwenFrame;
  mainTo: string;
  draft: boolean;
  intro: string;
  basics: string[];
  groups: KindGroup[]; // content-safety kinds first (their own section), then the others
  contentGroups: number; // how many of groups are content safety
  requirements: string[];
  tableTitle: string;
  tableHeaders: string[];
  tableRows: string[][];
  issuer: string;
  date: string;
  kindsInOrder: string[];
  unitCounts: { name: string; count: number }[];
  notified: Finding[];
}

const KIND_ORDER: string[] = [...CONTENT_SAFETY_ORDER, ...Object.keys(CHECK_LABELS).filter((k) => !isContentSafety(k))];

/** 2023-10-06 → 2023年10月6日, as a 公文 writes dates. */
function datesZh(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`);
}

/**
 * What the finding already knows, in the words of a 通报: the facts of its detail (dates, days, the link and its
 * status, the account, the question's dates), without the rule it breaks (stated once per group) or how we
 * measured it.
 */
export function itemFacts(f: Finding): string {
  const sentences = f.detail
    .split(/(?<=。)/)
    .map((x) => x.trim())
    .filter(Boolean);
  const facts = sentences
    .filter((x) => !/^(违反|属于|考核方案|依据|同一目标|该单位其余栏目|[^。]*单位必须设置该栏目)/.test(x))
    .join('')
    .replace(/（HEAD 被拒时以 GET 复核，重试后）|（(HEAD|GET)）/g, '')
    .replace(/（按栏目名称和配置地址查找）/g, '')
    .replace(/重试\s*\d+\s*次后仍无法打开/g, '多次访问仍无法打开')
    .replace(/，属于[^。，；]*(?=[。；]|$)/g, '') // the rule a fact amounts to is the group's heading
    .replace(/（([^（）]*)）/g, (all, inner: string) => (isMachineMessage(inner) ? '' : all))
    .replace(/（HTTP (\d{3})）（[^（）]*HTTP \1[^（）]*）/g, '（HTTP $1）') // 503 said once, not twice
    .replace(/([\u4e00-\u9fa5]) +(?=[\u4e00-\u9fa5])/g, '$1') // "在 牛杜镇政府 的": no spaces inside Chinese text
    .replace(/[。；]+$/, '');
  return datesZh(facts);
}

/** A system's own error text in brackets (connect ECONNREFUSED …): no Chinese, no address, not an HTTP status. */
function isMachineMessage(inner: string): boolean {
  return /[A-Za-z]{4,}/.test(inner) && !/[\u4e00-\u9fa5]/.test(inner) && !inner.includes('://') && !/^HTTP \d{3}$/.test(inner.trim());
}

/** The address an entry ends with (。网址：…). */
function itemUrl(f: Finding): string | null {
  return f.evidence[0]?.url ?? (f.subject.startsWith('http') ? f.subject : null);
}

/** One entry's text without its closing 。, which the renderer adds before 网址 (no 。。). */
function itemText(f: Finding): string {
  const mark = isPending(f) ? PENDING_MARK : '';
  if (isContentSafety(f.checkId)) return zhQuotes(`${mark}${contentItemText(f)}`).replace(/[。；]+$/, '');
  const occ =
    f.occurrences > 1 && f.checkId === 'link.broken' ? `（失效链接${f.occurrences}个）` : f.occurrences > 1 ? `（${f.occurrences}处）` : '';
  const url = itemUrl(f);
  // the address is given once, at the end of the entry
  const facts = url ? itemFacts(f).split(`（${url}）`).join('') : itemFacts(f);
  return zhQuotes(`${mark}${f.title}${occ}${facts ? `。${facts}` : ''}`).replace(/[。；]+$/, '');
}

export function buildMonthlyContent(input: MonthlyInput): MonthlyContent {
  const notified = notifiedInOrder(input);
  const kinds = [...new Set(notified.map((f) => f.checkId))];
  const groups = kindGroups(input, notified, kinds);
  const classes = input.classes?.length ? input.classes : rubricClasses(null, input.units);
  const basics = basicsParagraphs(input, notified, classCountsText(classes, 'label'));
  const requirements = requirementParagraphs(input, notified);
  const kindsInOrder = KIND_ORDER.filter((k) => kinds.includes(k as Finding['checkId']));
  const classLabel = new Map(classes.map((c) => [c.key, c.label]));
  const tableRows = countTableRows(input, notified, kindsInOrder, classLabel);
  const issuedOn = input.issuedOn ?? input.runInfo?.asOf ?? todayShanghai();
  const frame = gongwenFrame(input.county, input.units, input.documents, {
    year: input.month.slice(0, 4),
    n: input.number ?? Number(input.month.slice(5, 7)),
  });
  const titleParts = [frame.office, `关于${monthZh(input.month)}份`, '全县政府网站和政务新媒体', '全覆盖检查情况的通报'];
  return {
    title: titleParts.join(''),
    titleLines: titleLines(titleParts),
    frame,
    mainTo: frame.mainTo,
    draft: input.draft,
    intro: `为进一步加强全县政府网站和政务新媒体管理，提升政务公开工作质量，根据年度政务公开工作考核方案，县政府办公室组织开展了${monthZh(input.month)}份全覆盖检查。现将有关情况通报如下：`,
    basics,
    groups,
    contentGroups: groups.filter((g) => isContentSafety(g.checkId)).length,
    requirements,
    tableTitle: `${monthZh(input.month)}份全覆盖检查问题统计表`,
    tableHeaders: ['序号', '单位名称', '类别', ...kindsInOrder.map(checkName), '合计'],
    tableRows,
    issuer: input.issuer ?? input.documents?.office ?? issuerFor(input.county),
    date: dateZh(issuedOn),
    kindsInOrder,
    unitCounts: input.units
      .map((u) => ({ name: u.name, count: notified.filter((f) => f.unitId === u.id).length }))
      .filter((r) => r.count > 0),
    notified,
  };
}

/** The findings the 通报 lists, by kind (content safety first), then unit order, then subject. */
function notifiedInOrder(input: MonthlyInput): Finding[] {
  const unitOrder = new Map(input.units.map((u, i) => [u.id, i]));
  return input.findings
    .filter((f) => f.monthly && isNotifiable(f, input.draft))
    .sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.checkId) - KIND_ORDER.indexOf(b.checkId) ||
        (unitOrder.get(a.unitId) ?? 1e9) - (unitOrder.get(b.unitId) ?? 1e9) ||
        a.subject.localeCompare(b.subject),
    );
}

function kindGroups(input: MonthlyInput, notified: Finding[], kinds: Finding['checkId'][]): KindGroup[] {
  const unitName = new Map(input.units.map((u) => [u.id, u.name]));
  return kinds.map((checkId) => {
    const ofKind = notified.filter((f) => f.checkId === checkId);
    const unitIds = [...new Set(ofKind.map((f) => f.unitId))];
    return {
      checkId,
      name: checkName(checkId),
      count: ofKind.length,
      units: unitIds.map((unitId) => ({
        unitId,
        unitName: unitName.get(unitId) ?? ofKind.find((f) => f.unitId === unitId)!.unitName,
        items: ofKind
          .filter((f) => f.unitId === unitId)
          .map((f) => ({
            text: itemText(f),
            url: itemUrl(f),
            pending: isPending(f),
          })),
      })),
    };
  });
}

/** 基本情况: what was checked, when, and what was found. */
function basicsParagraphs(input: MonthlyInput, notified: Finding[], byClass: string): string[] {
  const unitsWithProblems = new Set(notified.map((f) => f.unitId));
  const pendingCount = notified.filter(isPending).length;
  const run = input.runInfo ?? {};
  const when =
    run.checkedFrom && run.checkedTo
      ? `${dateZh(run.checkedFrom)}至${dateZh(run.checkedTo)}`
      : run.asOf
        ? `${dateZh(run.asOf)}`
        : monthZh(input.month);
  const scale = [
    run.columnsChecked ? `政务公开栏目${run.columnsChecked}个` : '',
    run.accountsChecked ? `政务新媒体账号${run.accountsChecked}个` : '',
  ]
    .filter(Boolean)
    .join('、');
  const okUnits = input.units.length - unitsWithProblems.size;
  const passRate = input.units.length ? `${((okUnits / input.units.length) * 100).toFixed(1).replace(/\.0$/, '')}%` : '—';
  return [
    `${when}，县政府办公室对全县${input.units.length}个单位${byClass ? `（${byClass}）` : ''}在县政府门户网站开设的政务公开栏目及政务新媒体进行了全覆盖检查${scale ? `，共检查${scale}` : ''}。`,
    notified.length
      ? `经检查，${okUnits}个单位未发现问题，合格率${passRate}；共发现问题${notified.length}个，涉及${unitsWithProblems.size}个单位。${input.draft && pendingCount ? `其中${pendingCount}个问题尚待人工确认，已标注“${PENDING_MARK}”，确认前不得印发。` : ''}`
      : `经检查，${input.units.length}个单位均未发现需要通报的问题，合格率100%。`,
  ];
}

function requirementParagraphs(input: MonthlyInput, notified: Finding[]): string[] {
  const requirements = [
    `请被通报单位对照问题清单逐项整改，于${dateZh(input.deadline)}前完成，并将整改情况书面报送县政府办公室。`,
    '各单位要举一反三，加强栏目日常维护和内容审核，确保信息发布及时、准确、规范，防止同类问题再次发生。',
    '本次通报结果纳入年度政务公开工作考核（在我县每月政府网站和政务新媒体全覆盖检查中被通报的，有一次扣1分）。逾期未整改的，将在下月通报中再次通报。',
  ];
  if (notified.some((f) => isContentSafety(f.checkId))) {
    requirements.unshift(
      '通报的内容安全问题中，严重表述错误、泄露个人信息和疑似有害信息属于单项否决类问题，相关单位须立即撤下或更正，不受上述整改期限限制，并当日将处理情况报县政府办公室；经认定的，按年度考核方案的有关规定处理。',
    );
  }
  return requirements;
}

/** 问题统计表: one row per unit with its count per kind, then the 合计 row. */
function countTableRows(input: MonthlyInput, notified: Finding[], kindsInOrder: string[], classLabel: Map<string, string>): string[][] {
  const tableRows = input.units.map((u, i) => {
    const mine = notified.filter((f) => f.unitId === u.id);
    return [
      String(i + 1),
      u.name,
      classLabel.get(u.class) ?? u.class,
      ...kindsInOrder.map((k) => String(mine.filter((f) => f.checkId === k).length)),
      String(mine.length),
    ];
  });
  tableRows.push([
    '',
    '合计',
    '',
    ...kindsInOrder.map((k) => String(notified.filter((f) => f.checkId === k).length)),
    String(notified.length),
  ]);
  return tableRows;
}

export function groupHeading(i: number, g: KindGroup): string {
  return `（${sectionNumber(i + 1)}）${g.name}（${g.count}个，涉及${g.units.length}个单位）`;
}

export function groupRule(g: KindGroup): string {
  const rule = checkRule(g.checkId);
  return rule ? `依据：${rule}。` : '';
}
