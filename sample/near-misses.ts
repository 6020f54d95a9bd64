// The sample's near-misses, beside its ground truth: pages that look like gaps and are not (no finding may name
// them), and gaps that look like compliance (each is in the ground truth and must be found). Derived from the content
// model like the ground truth, so that both stay exact whatever the seed picks. `subject` is the finding subject the
// entry is about; without one, the unit's findings of the check must number exactly what the ground truth plants.
import type { SiteModel, UnitModel } from './model.ts';
import { GUIDE_FAMILIES, type GuideFamily } from './content/guide-families.ts';
import { detailUrl } from './urls.ts';
import { PAGE_MASKED, PAGE_WORDING, PLANTED_ATTACHMENTS } from './content/privacy.ts';

export interface NearMiss {
  unitId: string;
  checkId: string;
  kind: 'near-miss' | 'look-alike-gap';
  /** The finding subject it concerns (element, 事项, page address); a page address matches a subject ending in it. */
  subject?: string;
  what: string;
  modelledOn: string;
}

/** Element ids of the sample's guide → the element names the guide check reports. */
const GUIDE_SUBJECTS: Record<string, string> = {
  address: '办公地址',
  hours: '办公时间',
  phone: '联系电话',
  fax: '传真号码',
  website: '网站网址',
  newMedia: '政务新媒体账号',
  readingRoom: '查阅场所地址',
};

/** Field ids of the sample's 机构职能 → the field names the functions check reports (those the table family tabulates). */
const FUNCTION_SUBJECTS: Record<string, string> = { address: '办公地址', hours: '办公时间', contact: '联系方式', leader: '负责人姓名' };

const FAMILY_WORDING: Record<Exclude<GuideFamily, 'prose'>, { ids: string[]; what: string; modelledOn: string }> = {
  pingtan: {
    ids: ['address', 'hours', 'phone', 'website'],
    what: '指南以“通信地址”“咨询时间”“咨询电话”给出，网址单独成行',
    modelledOn: '../shared/real-pages texts/fj-pingtan-guide-paragraphs.html',
  },
  table: {
    ids: ['address', 'hours', 'phone', 'fax', 'website', 'newMedia', 'readingRoom'],
    what: '联系方式和查阅场所写在表格里，网址为无标签的纯文本，账号写作“在微信中搜索“…””',
    modelledOn: 'test/fixtures/real-modelled/pages/hlj-baoqing-guide-table.html',
  },
  wangkui: {
    ids: ['hours', 'newMedia', 'readingRoom'],
    what: '办公时间按季节分段，账号写作“…”微信公众号。微信号：…，查阅点写作“联系地址：…”',
    modelledOn: 'test/fixtures/real-modelled/pages/hlj-wangkui-guide.gbk.html',
  },
};

function guideEntries(unit: UnitModel, index: number): NearMiss[] {
  const out: NearMiss[] = [];
  const family = GUIDE_FAMILIES[index % GUIDE_FAMILIES.length];
  const missing = [...(unit.plan.guideMissing ?? []), ...(unit.plan.guideLabelOnly ?? [])];
  if (family !== 'prose') {
    const f = FAMILY_WORDING[family];
    for (const id of f.ids.filter((i) => !missing.includes(i)))
      out.push({
        unitId: unit.id,
        checkId: 'guide.incomplete',
        kind: 'near-miss',
        subject: GUIDE_SUBJECTS[id],
        what: f.what,
        modelledOn: f.modelledOn,
      });
  }
  if (family === 'table')
    for (const [, subject] of Object.entries(FUNCTION_SUBJECTS).filter(([id]) => !unit.plan.functionsMissing?.includes(id)))
      out.push({
        unitId: unit.id,
        checkId: 'functions.incomplete',
        kind: 'near-miss',
        subject,
        what: '机构信息写在两列标签表里，领导简介为“姓名｜职务｜分工”表',
        modelledOn: 'test/fixtures/real-modelled/pages/fj-pingtan-style-functions-table.html',
      });
  for (const id of unit.plan.guideLabelOnly ?? [])
    out.push({
      unitId: unit.id,
      checkId: 'guide.incomplete',
      kind: 'look-alike-gap',
      subject: GUIDE_SUBJECTS[id],
      what: `指南保留了“${GUIDE_SUBJECTS[id]}”的标签，其后没有内容`,
      modelledOn: 'test/fixtures/real-modelled/pages/hlj-wangkui-guide.gbk.html（联系电话一行）',
    });
  if (unit.plan.guideMissing?.includes('fax'))
    out.push({
      unitId: unit.id,
      checkId: 'guide.incomplete',
      kind: 'look-alike-gap',
      subject: '传真号码',
      what: '指南写了“传真申请”，却没有传真号码',
      modelledOn: 'test/fixtures/real-modelled/pages/near-miss-guide-fax-application.html',
    });
  return out;
}

function catalogEntries(unit: UnitModel): NearMiss[] {
  const places = unit.columns.find((c) => c.key === 'catalog')?.places ?? [];
  return places
    .filter((p) => p.items.length > 0)
    .map((p) => ({
      unitId: unit.id,
      checkId: 'catalog.item-missing',
      kind: 'near-miss' as const,
      subject: p.label,
      what: `标准目录“${p.label}”链接到的栏目有信息，标题都不含事项名`,
      modelledOn: 'test/fixtures/real-modelled/catalog/README.md（德安县涉农资金领域标准目录，胡集镇目录的链接）',
    }));
}

function budgetEntries(unit: UnitModel): NearMiss[] {
  const budget = unit.columns.find((c) => c.key === 'budget');
  if (!budget) return [];
  const out: NearMiss[] = [];
  const missing = unit.plan.budgetMissing ?? [];
  if (budget.items.some((i) => i.href && !i.broken) && missing.length === 0)
    out.push({
      unitId: unit.id,
      checkId: 'budget.missing',
      kind: 'near-miss',
      what: '预决算以 PDF 附件发布，列表行直接链接到附件',
      modelledOn: '../shared/docs/real-portals.md（TRS/开普云 预决算栏目的附件行）',
    });
  for (const what of missing)
    out.push({
      unitId: unit.id,
      checkId: 'budget.missing',
      kind: 'look-alike-gap',
      subject: what,
      what: `栏目有往年的部门${what}，没有本期应公开的一份`,
      modelledOn: '2023 考核方案 财政预决算（预算法第十四条）',
    });
  return out;
}

function decisionEntries(unit: UnitModel): NearMiss[] {
  const out: NearMiss[] = [];
  const note = '《重大行政决策程序暂行条例》第三条（年度决策事项目录）；checks/decision-catalog-rows.ts';
  if (unit.plan.decisionsCatalogYearInDate)
    out.push({
      unitId: unit.id,
      checkId: 'decisions.catalog',
      kind: 'near-miss',
      what: '本年度目录的标题不写年份，年份在发布日期里',
      modelledOn: note,
    });
  if (unit.plan.decisionsCatalogRepublished)
    out.push({
      unitId: unit.id,
      checkId: 'decisions.catalog',
      kind: 'look-alike-gap',
      what: '本年发布的一条目录是上一年度的目录',
      modelledOn: note,
    });
  return out;
}

function linkEntries(unit: UnitModel): NearMiss[] {
  const out: NearMiss[] = [];
  for (const l of unit.commentedLinks)
    out.push({
      unitId: unit.id,
      checkId: 'link.broken',
      kind: 'near-miss',
      what: `失效地址只在 HTML 注释里（${l.href}）`,
      modelledOn: '../shared/docs/real-portals.md',
    });
  for (const path of unit.head405Paths)
    out.push({
      unitId: unit.id,
      checkId: 'link.broken',
      kind: 'near-miss',
      what: `链接对 HEAD 返回 405、对 GET 正常（${path}）`,
      modelledOn: '../shared/docs/real-portals.md',
    });
  return out;
}

function columnEntries(unit: UnitModel): NearMiss[] {
  const out: NearMiss[] = [];
  const dept = unit.columns.find((c) => c.key === 'deptInfo');
  if (dept && unit.plan.deptInfoPinnedRecent)
    out.push({
      unitId: unit.id,
      checkId: 'deptinfo.stale',
      kind: 'look-alike-gap',
      subject: 'deptInfo',
      what: '唯一一条近期信息是置顶的旧公告，其余均已超期',
      modelledOn: '../shared/docs/domain-rules.md（置顶信息不计更新）',
    });
  const sgs = unit.columns.find((c) => c.key === 'shuanggongshi');
  if (sgs && sgs.items.length === 0 && sgs.subs?.some((s) => s.items.length > 0))
    for (const checkId of ['column.blank', 'column.stale', 'shuanggongshi.missing'])
      out.push({
        unitId: unit.id,
        checkId,
        kind: 'near-miss',
        ...(checkId === 'shuanggongshi.missing' ? {} : { subject: 'shuanggongshi' }),
        what: '双公示栏目页只列子栏目，本身没有条目；子栏目有考核期内的信息',
        modelledOn: '../shared/docs/real-portals.md（栏目页为子栏目导航）',
      });
  return out;
}

/** Navigation columns no fixed key names: a 人事 column older than six months is still within its year (V5). */
function navColumnEntries(unit: UnitModel): NearMiss[] {
  return (unit.plan.navInTime ?? []).map((label) => ({
    unitId: unit.id,
    checkId: 'column.stale',
    kind: 'near-miss' as const,
    subject: `nav:${label}`,
    what: `“${label}”栏目最新一条已超过 6 个月，但人事、规划类栏目的更新期限为 1 年`,
    modelledOn: '国办秘函〔2019〕19号 栏目不更新（人事、规划计划类 1 年）；real-pages ordos 左侧导航“人事信息”',
  }));
}

function attributeEntries(unit: UnitModel): NearMiss[] {
  const policies = unit.columns.find((c) => c.key === 'policies');
  const lined = (policies?.items ?? []).filter((i) => i.attr === 'line' && i.home && !i.href).slice(0, 2);
  return lined.map((i) => ({
    unitId: unit.id,
    checkId: 'attribute.missing',
    kind: 'near-miss' as const,
    subject: detailUrl(unit, i.home!, i),
    what: '公开属性不在元数据表里，而是正文末尾的“（此件公开发布）”',
    modelledOn: '../shared/real-pages（gov-cn-gne 等正文末尾的公开属性标注）',
  }));
}

function timingEntries(unit: UnitModel): NearMiss[] {
  const out: NearMiss[] = [];
  if (unit.plan.holidayInterpTrap)
    out.push({
      unitId: unit.id,
      checkId: 'interpretation.missing',
      kind: 'near-miss',
      what: '文件 9 月 28 日发布，解读 10 月 7 日（调休工作日）发布，未超过 3 个工作日',
      modelledOn: '国务院办公厅 2023 年部分节假日安排（chinese-days）',
    });
  for (const q of unit.plan.extraConsultations ?? [])
    out.push({
      unitId: unit.id,
      checkId: 'consultation.late',
      kind: 'near-miss',
      what: `${q.asked} 的咨询${q.replied ? `于 ${q.replied} 答复，跨节假日仍在 5 个工作日内` : '尚未答复，但未超过 5 个工作日'}`,
      modelledOn: '2023 考核方案 政务咨询（5 个工作日）',
    });
  return out;
}

/** Labels the navigation gives a required column other than its most common name (column.missing must see them). */
const LABEL_VARIANTS: Record<string, string[]> = {
  deptInfo: ['工作动态'],
  functions: ['机构概况'],
  majorProjects: ['重大建设项目'],
  budget: ['财政预决算'],
  annualReport: ['政府信息公开年度报告'],
  shuanggongshi: ['双公示'],
};

function presenceEntries(unit: UnitModel): NearMiss[] {
  const out: NearMiss[] = [];
  for (const col of unit.columns)
    if (LABEL_VARIANTS[col.key]?.includes(col.label))
      out.push({
        unitId: unit.id,
        checkId: 'column.missing',
        kind: 'near-miss',
        subject: col.key,
        what: `必设栏目以“${col.label}”为名`,
        modelledOn: '../shared/docs/real-portals.md（各地栏目名称）；checks/column-names.ts',
      });
  if (unit.feed.kind !== 'broken' && unit.feed.posts.some((p) => p.pinned))
    out.push({
      unitId: unit.id,
      checkId: 'newmedia.stale',
      kind: 'near-miss',
      what: '订阅源第一条是上一年的置顶欢迎语，不计为更新，也不拉长更新间隔',
      modelledOn: '../shared/docs/domain-rules.md（置顶信息不计更新）',
    });
  const items = unit.columns.flatMap((c) => [c, ...(c.subs ?? [])]).flatMap((c) => c.items);
  const masked = items.some(
    (i) => i.table === PAGE_MASKED || i.attachments?.some((a) => PLANTED_ATTACHMENTS.some((p) => p.file === a.file && !p.leaks)),
  );
  if (masked)
    out.push({
      unitId: unit.id,
      checkId: 'privacy.exposure',
      kind: 'near-miss',
      what: '公示名单的身份证号、手机号已脱敏，或 18 位数字校验位不符、不是身份证号',
      modelledOn: 'GB 11643 校验位；sample/content/privacy.ts',
    });
  return out;
}

/** Sentences that read like a wording fault and are not (代开发票 in a warning against it, the leaders' right names). */
function contentEntries(unit: UnitModel): NearMiss[] {
  const bodies = unit.columns.flatMap((c) => [c, ...(c.subs ?? [])]).flatMap((c) => c.items.flatMap((i) => i.body));
  const planted = PAGE_WORDING.filter((w) => Object.keys(w.wording).length === 0 && bodies.includes(w.text));
  return planted.flatMap((w) =>
    ['content.typo', 'content.expression', 'content.sensitive'].map((checkId) => ({
      unitId: unit.id,
      checkId,
      kind: 'near-miss' as const,
      what: `正文“${w.text}”没有错误`,
      modelledOn: 'sample/content/privacy.ts PAGE_WORDING（领导名单见 config/sample.yaml leaders）',
    })),
  );
}

function partialEntries(unit: UnitModel): NearMiss[] {
  const out: NearMiss[] = [];
  for (const cat of unit.plan.majorProjectsOld ?? [])
    out.push({
      unitId: unit.id,
      checkId: 'majorprojects.missing',
      kind: 'look-alike-gap',
      subject: cat,
      what: `“${cat}”子栏目有信息，但都是上一年的`,
      modelledOn: '2023 考核方案 重大建设项目（考核期内的批准、实施信息）',
    });
  if (unit.plan.decisionsNoFeedback)
    out.push({
      unitId: unit.id,
      checkId: 'decisions.precomment',
      kind: 'look-alike-gap',
      what: '征求意见稿和起草说明都已公开，缺意见采纳情况的反馈',
      modelledOn: '《重大行政决策程序暂行条例》第十四条、第十五条',
    });
  for (const [field, kind] of Object.entries(unit.plan.keyFieldDropKind ?? {}))
    out.push({
      unitId: unit.id,
      checkId: 'keyfield.coverage',
      kind: 'look-alike-gap',
      what: `重点领域“${field}”栏目有近期信息，但没有“${kind}”`,
      modelledOn: '2023 考核方案 重点领域信息公开（如……等信息）',
    });
  return out;
}

export function nearMisses(site: SiteModel): NearMiss[] {
  return site.units
    .filter((u) => !u.unreachable && !u.id.startsWith('bench-'))
    .flatMap((u) => [
      ...guideEntries(u, site.units.indexOf(u)),
      ...catalogEntries(u),
      ...budgetEntries(u),
      ...decisionEntries(u),
      ...linkEntries(u),
      ...columnEntries(u),
      ...navColumnEntries(u),
      ...attributeEntries(u),
      ...timingEntries(u),
      ...presenceEntries(u),
      ...partialEntries(u),
      ...contentEntries(u),
    ]);
}
