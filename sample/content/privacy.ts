// Planted personal-information leaks of the sample portal: published lists (救助名单, 补贴公示, 招录名单) with full
// 身份证号 and mobile numbers, in every attachment type and in a page table, plus near-misses that are compliant
// (masked values, 18-digit numbers that fail the GB 11643 check digit). The attachment files in
// sample/attachments/ are generated from this data by scripts/make-sample-attachments.ts and committed.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** A GB 11643 number of the county (临猗县 140821) with a valid check digit. */
export function sampleIdNumber(birth: string, seq: number): string {
  const first17 = `140821${birth}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return first17 + CHECK[sum % 11];
}

/** The same number with its check digit changed: 18 digits that are no ID number. */
export function badCheckDigit(id: string): string {
  const last = id[17] === 'X' ? '0' : String((Number(id[17]) + 1) % 10);
  return id.slice(0, 17) + (last === id[17] ? '2' : last);
}

export interface Person {
  name: string;
  id: string;
  mobile: string;
  village: string;
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '秀英', '卫东', '桂兰', '志强', '玉梅', '海军', '淑珍', '永红', '小燕', '俊峰', '丽娟'];
const VILLAGES = ['东张村', '西关村', '南赵村', '北景村', '孙吉村', '耽子村'];

/** `n` people of list `list`, deterministic. */
export function people(list: number, n: number): Person[] {
  return Array.from({ length: n }, (_, i) => {
    const k = list * 31 + i;
    const birth = `19${50 + ((k * 7) % 45)}${String(1 + (k % 12)).padStart(2, '0')}${String(1 + ((k * 3) % 28)).padStart(2, '0')}`;
    return {
      name: SURNAMES[k % SURNAMES.length] + GIVEN[(k * 5) % GIVEN.length],
      id: sampleIdNumber(birth, 100 + ((k * 37) % 800)),
      mobile: `13${5 + (k % 5)}${String(10_000_000 + ((k * 7_919_333) % 89_999_999)).padStart(8, '0')}`,
      village: VILLAGES[k % VILLAGES.length],
    };
  });
}

export const maskId = (id: string): string => `${id.slice(0, 6)}********${id.slice(14)}`;
export const maskMobile = (m: string): string => `${m.slice(0, 3)}****${m.slice(7)}`;

export type AttachmentExt = 'xls' | 'xlsx' | 'doc' | 'docx' | 'pdf';

export interface PlantedAttachment {
  file: string; // file name in sample/attachments/
  ext: AttachmentExt;
  title: string; // link text
  heading: string; // title line inside the document
  rows: string[][]; // table body (header is LIST_HEADER)
  header: string[];
  leaks: boolean; // unmasked, valid personal numbers: one privacy.exposure finding
  note: string; // a line below the table (content.* plants and near-misses, see `wording`)
  wording: WordingCounts; // findings the note should give
}

/** content.* findings a planted text gives (one per document and wrong word). */
export type WordingCounts = Partial<Record<'content.typo' | 'content.expression' | 'content.sensitive', number>>;

const LIST_HEADER = ['序号', '姓名', '村（社区）', '身份证号码', '联系电话', '救助金额（元）'];

function leakRows(list: number, n: number): string[][] {
  return people(list, n).map((p, i) => [String(i + 1), p.name, p.village, p.id, p.mobile, String(300 + (i % 4) * 50)]);
}

/** The attachments, in the order units receive them. */
export const PLANTED_ATTACHMENTS: PlantedAttachment[] = [
  {
    file: 'jzmd-2023-11.xls',
    ext: 'xls',
    title: '2023年11月城乡低保救助名单.xls',
    heading: '2023年11月城乡最低生活保障救助名单',
    header: LIST_HEADER,
    rows: leakRows(1, 12),
    leaks: true,
    note: '以上资金已按程序布署发放到户。',
    wording: { 'content.typo': 1 },
  },
  {
    file: 'btgs-2023.xlsx',
    ext: 'xlsx',
    title: '2023年耕地地力保护补贴发放公示.xlsx',
    heading: '2023年耕地地力保护补贴发放公示',
    header: LIST_HEADER,
    rows: leakRows(2, 9),
    leaks: true,
    note: '受新冠肺炎疫情影响，部分补贴延期发放。',
    wording: { 'content.expression': 1 },
  },
  {
    file: 'zlmd-2023.doc',
    ext: 'doc',
    title: '2023年公益性岗位招录人员名单.doc',
    heading: '2023年公益性岗位拟招录人员名单',
    header: LIST_HEADER,
    rows: leakRows(3, 6),
    leaks: true,
    note: '望各位拟录用人员再接再励，按时报到。',
    wording: { 'content.typo': 1 },
  },
  {
    file: 'lqmd-2023.docx',
    ext: 'docx',
    title: '2023年临时救助对象公示.docx',
    heading: '2023年第四季度临时救助对象公示',
    header: LIST_HEADER,
    rows: leakRows(4, 7),
    leaks: true,
    note: '县长陈立心对救助工作作出批示。',
    wording: { 'content.expression': 1 },
  },
  {
    file: 'gsmd-2023.pdf',
    ext: 'pdf',
    title: '2023年高龄津贴发放名单.pdf',
    heading: '2023年高龄津贴发放名单',
    header: LIST_HEADER,
    rows: leakRows(5, 8),
    leaks: true,
    note: '截止目前，津贴已全部发放。',
    wording: { 'content.typo': 1 },
  },
  // near-misses: the same kind of list, compliant
  {
    file: 'jzmd-masked.xls',
    ext: 'xls',
    title: '2023年10月城乡低保救助名单（已脱敏）.xls',
    heading: '2023年10月城乡最低生活保障救助名单',
    header: LIST_HEADER,
    rows: people(6, 10).map((p, i) => [String(i + 1), p.name, p.village, maskId(p.id), maskMobile(p.mobile), '300']),
    leaks: false,
    note: '公示截止日期：2023年11月10日。',
    wording: {},
  },
  {
    file: 'xmbh-2023.docx',
    ext: 'docx',
    title: '2023年项目资金安排表.docx',
    heading: '2023年县级衔接资金项目安排表',
    header: ['序号', '项目名称', '项目编号', '资金（万元）'],
    rows: people(7, 5).map((p, i) => [String(i + 1), `${p.village}道路硬化项目`, badCheckDigit(p.id), String(20 + i * 5)]),
    leaks: false,
    note: '注：统计时点的规范表述应为“截至目前”而非“截止目前”。',
    wording: {},
  },
  {
    file: 'gsmd-masked.pdf',
    ext: 'pdf',
    title: '2023年残疾人两项补贴名单（已脱敏）.pdf',
    heading: '2023年困难残疾人生活补贴和重度残疾人护理补贴名单',
    header: LIST_HEADER,
    rows: people(8, 6).map((p, i) => [String(i + 1), p.name, p.village, maskId(p.id), maskMobile(p.mobile), '120']),
    leaks: false,
    note: '县委书记周明远、县长陈立新对补贴发放工作提出要求。',
    wording: {},
  },
];

/** A leak in a page itself: a 公示 table with names and full numbers in the article body. */
export const PAGE_LEAK = { header: LIST_HEADER, rows: leakRows(9, 5) };
/** Sentences planted in page bodies for the content.* checks, and near-misses that must give nothing. */
export const PAGE_WORDING: { text: string; wording: WordingCounts }[] = [
  { text: '会议对近期重点工作进行了布署，报名截止日期为12月31日。', wording: { 'content.typo': 1 } },
  { text: '我县积极融入一带一路战略，持续扩大对外开放。', wording: { 'content.expression': 1 } },
  { text: '县长刘东升出席签约仪式并讲话。', wording: { 'content.expression': 1 } },
  { text: '友情链接：澳门赌场 百家乐 在线注册送彩金', wording: { 'content.sensitive': 2 } },
  { text: '本站已被植入广告：代办假证、信用卡套现，请联系站长。', wording: { 'content.sensitive': 2 } },
  { text: '严厉打击代开发票等违法行为，欢迎群众监督。', wording: {} },
  { text: '县委书记周明远、县长陈立新，副县长赵文华出席会议。', wording: {} },
  { text: '按照规定，“新冠肺炎”已更名，不再使用“新冠肺炎”这一名称。', wording: {} },
];

/** The county's leaders as the sample config lists them (config/sample.yaml `leaders:`). */
export const SAMPLE_LEADERS = [
  { name: '周明远', title: '县委书记', from: '2021-06-01' },
  { name: '陈立新', title: '县长', from: '2021-08-01' },
  { name: '刘东升', title: '县长', from: '2016-09-01', until: '2021-07-31' },
  { name: '刘东升', title: '县人大常委会主任', from: '2021-08-01' },
  { name: '赵文华', title: '副县长', from: '2020-01-01' },
];

/** A compliant page: the same table masked, and a 联系电话 with no person's list. */
export const PAGE_MASKED = {
  header: LIST_HEADER,
  rows: people(10, 5).map((p, i) => [String(i + 1), p.name, p.village, maskId(p.id), maskMobile(p.mobile), '300']),
};

export interface ItemAttachment {
  title: string;
  path: string;
  file: string;
}
export interface ItemTable {
  header: string[];
  rows: string[][];
}

interface PlantTarget {
  id: string;
  unreachable: boolean;
  columns: {
    key: string;
    items: {
      date: string;
      href?: string;
      broken?: boolean;
      pinned?: boolean;
      attachments?: ItemAttachment[];
      table?: ItemTable;
      body: string[];
    }[];
  }[];
  privacy?: { leaks: number; note: string };
  wording?: Record<string, number>;
  body?: string[];
}

/**
 * Puts the planted lists on the newest 政策文件 of every third reachable unit (so that CMS styles and encodings
 * vary): attachments first, then the page table leak and its masked twin. Units added for benchmarks get none.
 */
export function plantPrivacy(units: PlantTarget[], windowStart: string): void {
  const hosts = units.filter((u) => !u.unreachable && !u.id.startsWith('bench-') && u.columns.some((c) => c.key === 'policies'));
  const plants: ({ kind: 'file'; a: PlantedAttachment } | { kind: 'table'; t: ItemTable; leaks: boolean })[] = [
    ...PLANTED_ATTACHMENTS.map((a) => ({ kind: 'file' as const, a })),
    { kind: 'table', t: PAGE_LEAK, leaks: true },
    { kind: 'table', t: PAGE_MASKED, leaks: false },
  ];
  const newestDoc = (unit: PlantTarget) =>
    unit.columns
      .find((c) => c.key === 'policies')!
      .items.filter((it) => !it.href && !it.broken && !it.pinned && it.date >= windowStart)
      .sort((a, b) => b.date.localeCompare(a.date))[0];
  const countWording = (unit: PlantTarget, w: WordingCounts): void => {
    for (const [k, n] of Object.entries(w)) (unit.wording ??= {})[k] = (unit.wording?.[k] ?? 0) + n;
  };
  PAGE_WORDING.forEach((plant, i) => {
    const unit = hosts[(i * 5 + 2) % hosts.length];
    const item = newestDoc(unit);
    if (!item) return;
    item.body.push(plant.text);
    countWording(unit, plant.wording);
  });
  plants.forEach((plant, i) => {
    const unit = hosts[(i * 3 + 1) % hosts.length];
    const item = newestDoc(unit);
    if (!item) return;
    let leaks = 0;
    let what: string;
    if (plant.kind === 'file') {
      (item.attachments ??= []).push({ title: plant.a.title, file: plant.a.file, path: `/zwgk/${unit.id}/attach/${plant.a.file}` });
      leaks = plant.a.leaks ? 1 : 0;
      what = `附件 ${plant.a.title}`;
      countWording(unit, plant.a.wording);
    } else {
      item.table = plant.t;
      leaks = plant.leaks ? 1 : 0;
      what = '页面公示表格';
    }
    const prev = unit.privacy ?? { leaks: 0, note: '' };
    unit.privacy = {
      leaks: prev.leaks + leaks,
      note: [prev.note, `${what}${leaks ? '含未脱敏身份证号和手机号' : '（已脱敏或非身份证号，不应报告）'}`].filter(Boolean).join('；'),
    };
  });
}
