// Which unit gets which CMS style, encoding and planted gap. Fixed by unit id (the seed only varies texts
// and dates inside safe margins), so every check id has several planted units and most units stay clean.
// Date-dependent gaps are never planted on 'wcm' units (their list dates are year-less MM-DD), and broken rows
// never on 'hanweb' units (their rows sit in a <script type="text/xml"> datastore a link checker may not read).
import type { Encoding, InterpForm, Style } from '../kinds.ts';

export const STYLES: Record<string, Style> = {
  yishi: 'trs',
  niudu: 'epoint',
  chuhou: 'hanweb',
  yuyang: 'kpy',
  miaoshang: 'wcm',
  linjin: 'wcm',
  qiji: 'jsp',
  dongzhang: 'epoint',
  jiaobei: 'hanweb',
  sunji: 'kpy',
  beixin: 'jsp',
  danzi: 'epoint',
  'beijing-xiang': 'hanweb',
  sanguan: 'kpy',
  shifanqu: 'trs',
  fagai: 'epoint',
  jiaoyu: 'hanweb',
  gongke: 'kpy',
  gongan: 'jsp',
  minzheng: 'epoint',
  sifa: 'wcm',
  caizheng: 'trs',
  renshe: 'hanweb',
  ziranziyuan: 'kpy',
  zhujian: 'epoint',
  jiaotong: 'trs',
  shuiwu: 'hanweb',
  nongye: 'kpy',
  linye: 'kpy',
  shangwu: 'trs',
  wenlv: 'epoint',
  weijianti: 'hanweb',
  tuiyijunren: 'wcm',
  yingji: 'jsp',
  shenji: 'trs',
  shichang: 'epoint',
  tongji: 'wcm',
  yibao: 'hanweb',
  xingzhengshenpi: 'kpy',
  xinfang: 'trs',
  nengyuan: 'epoint',
};

export const BENCH_STYLES: Style[] = ['trs', 'epoint', 'hanweb', 'kpy', 'wcm'];

/** Legacy encodings: GBK announced in the header, GBK only in <meta http-equiv>, one GB18030. */
export const ENCODINGS: Record<string, { encoding: Encoding; charsetIn: 'header' | 'meta' }> = {
  linjin: { encoding: 'gbk', charsetIn: 'header' },
  sifa: { encoding: 'gbk', charsetIn: 'header' },
  shenji: { encoding: 'gbk', charsetIn: 'header' },
  tongji: { encoding: 'gbk', charsetIn: 'meta' },
  linye: { encoding: 'gb18030', charsetIn: 'header' },
};

export const UNREACHABLE = new Set(['xinfang']);
/** Units whose 部门信息公开 list rows are built by script from inline JSON. */
export const JS_RENDERED_DEPTINFO = new Set(['shangwu']);

/** Units responsible for a 重点领域 per the 2023 rubric (考核县X局); 工科局's comes from its config keyFields. */
export const KEY_FIELD_OWNERS: Record<string, string[]> = {
  caizheng: ['行政事业性收费'],
  shichang: ['食品药品监管'],
  renshe: ['稳岗就业'],
  minzheng: ['养老服务', '社会救助'],
  jiaoyu: ['义务教育'],
  nongye: ['涉农补贴'],
  wenlv: ['公共文化服务'],
};

export interface GapPlan {
  navStale?: string[]; // navigation column (by label): newest row older than its kind's period
  navBlank?: string[]; // navigation column (by label): shows 暂无信息
  navInTime?: string[]; // navigation column (by label): newest row older than six months, within its kind's year (near-miss)
  missingColumns?: string[]; // columns left out of the navigation entirely
  blankColumns?: string[]; // columns that show 暂无信息
  deptInfoAgeDays?: number; // newest non-pinned 部门信息公开 row this many days before asOf
  deptInfoPinnedRecent?: boolean; // a recent 置顶 row above stale rows
  policiesStale?: boolean;
  interpretationsStale?: boolean;
  keyFieldStale?: string[];
  keyFieldDropKind?: Record<string, string>; // key field → content kind left out
  brokenHomeLink?: boolean;
  brokenPdf?: boolean;
  brokenDeptInfoRow?: boolean;
  commentedBrokenLink?: boolean;
  head405Link?: boolean;
  feedGaps?: { from: string; days: number }[]; // no post for `days` days after `from`
  feedStopsAt?: string; // last post date
  feedBroken?: boolean;
  lateConsultations?: { asked: string; replied: string | null }[];
  extraConsultations?: { asked: string; replied: string | null }[]; // compliant traps
  guideMissing?: string[]; // guide element ids removed
  guideLabelOnly?: string[]; // guide element ids whose label stays with nothing after it (联系电话：)
  functionsMissing?: string[]; // function field ids removed
  majorProjectsOld?: string[]; // categories with rows dated before the window only
  majorProjectsAbsent?: string[]; // category sub-columns left out
  budgetMissing?: ('预算' | '决算')[];
  shuanggongshiParentEmpty?: boolean; // near-miss: the 双公示 page lists no rows of its own, its sub-columns do
  decisionsCatalogOld?: boolean; // 目录 row only for the previous year
  decisionsCatalogRepublished?: boolean; // gap: the previous year's 目录 published again this year, none of this year
  decisionsCatalogYearInDate?: boolean; // near-miss: this year's 目录 titled without a year, dated this year
  decisionsNoFeedback?: boolean; // 征求意见 without 结果反馈
  decisionsNoPrecomment?: boolean;
  govDocsMissingInterp?: number; // 政府/政府办 documents without any 解读
  govDocsLateInterp?: number; // with a 解读 5 working days later
  holidayInterpTrap?: boolean; // document 09-28, 解读 10-07 (调休 workday: in time)
  attributeMissing?: number; // 公文 without any 公开属性
  catalogMissing?: string[]; // 标准目录 事项 with no carrying row
  interpForms?: InterpForm[]; // distinct forms used in 政策解读 rows
}

export const GAPS: Record<string, GapPlan> = {
  yishi: { brokenHomeLink: true, catalogMissing: ['公共文化服务'] },
  niudu: { missingColumns: ['annualReport'], attributeMissing: 1 },
  chuhou: { blankColumns: ['annualReport'], guideMissing: ['fax'] },
  yuyang: { deptInfoAgeDays: 70 },
  miaoshang: { feedGaps: [{ from: '2023-07-03', days: 31 }], guideLabelOnly: ['phone'], navBlank: ['通知公告'] },
  linjin: { interpForms: ['文字', '图解', 'H5'] },
  qiji: { blankColumns: ['deptInfo'] },
  dongzhang: { deptInfoAgeDays: 20, catalogMissing: ['农田水利'] },
  jiaobei: { functionsMissing: ['leader'] },
  sunji: {
    majorProjectsOld: ['竣工'],
    catalogMissing: ['宅基地审批', '农村危房改造'],
    head405Link: true,
    lateConsultations: [{ asked: '2023-09-26', replied: '2023-10-11' }],
  },
  beixin: { policiesStale: true },
  danzi: { guideMissing: ['hours'] },
  'beijing-xiang': { budgetMissing: ['决算'] },
  sanguan: { brokenDeptInfoRow: true, navInTime: ['人事信息'] },
  shifanqu: { blankColumns: ['decisions'], brokenDeptInfoRow: true },
  fagai: {
    blankColumns: ['consultation'],
    functionsMissing: ['address'],
    decisionsCatalogOld: true,
    head405Link: true,
    govDocsMissingInterp: 1,
    govDocsLateInterp: 1,
  },
  jiaoyu: {
    brokenHomeLink: true,
    attributeMissing: 1,
    interpForms: ['文字', '图解', '视频', '问答'],
    lateConsultations: [{ asked: '2023-12-01', replied: '2023-12-11' }],
  },
  gongke: {
    commentedBrokenLink: true,
    keyFieldDropKind: { 促进民营经济发展壮大: '违规收费典型案例' },
    govDocsMissingInterp: 1,
    feedGaps: [
      { from: '2023-03-06', days: 20 },
      { from: '2023-08-14', days: 25 },
    ],
  },
  gongan: {
    missingColumns: ['annualReport'],
    guideMissing: ['readingRoom', 'website'],
    majorProjectsOld: ['招标投标', '征收土地', '重大设计变更'],
  },
  minzheng: {
    keyFieldStale: ['社会救助'],
    decisionsCatalogYearInDate: true,
    lateConsultations: [
      { asked: '2023-06-05', replied: '2023-06-20' },
      { asked: '2023-11-01', replied: null },
    ],
  },
  sifa: { brokenHomeLink: true },
  caizheng: { brokenPdf: true, interpForms: ['文字', '图解', '视频'], extraConsultations: [{ asked: '2023-12-13', replied: null }] },
  renshe: { missingColumns: ['keyField:稳岗就业', 'decisions'], feedGaps: [{ from: '2023-03-01', days: 18 }], feedStopsAt: '2023-10-20' },
  ziranziyuan: { lateConsultations: [{ asked: '2023-11-20', replied: null }], holidayInterpTrap: true },
  zhujian: { missingColumns: ['shuanggongshi'], budgetMissing: ['预算'], attributeMissing: 2 },
  jiaotong: { deptInfoAgeDays: 86, deptInfoPinnedRecent: true, budgetMissing: ['预算', '决算'], navStale: ['人事信息'] },
  shuiwu: { govDocsLateInterp: 1, decisionsCatalogYearInDate: true },
  nongye: { blankColumns: ['keyField:涉农补贴'] },
  linye: { decisionsNoFeedback: true, shuanggongshiParentEmpty: true },
  shangwu: { attributeMissing: 1 },
  wenlv: { guideMissing: ['newMedia'], head405Link: true },
  weijianti: { interpForms: ['文字', '视频', '图解'], decisionsCatalogRepublished: true },
  tuiyijunren: { functionsMissing: ['hours', 'leader'] },
  yingji: { interpretationsStale: true },
  shenji: { decisionsNoPrecomment: true },
  shichang: {
    keyFieldDropKind: { 食品药品监管: '药品零售经营监督检查' },
    extraConsultations: [{ asked: '2023-09-28', replied: '2023-10-08' }],
  },
  tongji: { missingColumns: ['decisions'] },
  yibao: { majorProjectsAbsent: ['质量安全监督'], feedBroken: true },
  xinfang: { feedStopsAt: '2023-11-15' },
  nengyuan: { missingColumns: ['shuanggongshi'] },
};
