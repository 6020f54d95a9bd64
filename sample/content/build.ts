// Builds the whole content model from the seed and the gap plan.
import { plantPrivacy } from './privacy.ts';
import type { Column, ColumnKind, InterpForm, Item, SiteModel, UnitModel } from '../model.ts';
import { childRng, type Rng } from '../prng.ts';
import { addDays, addWorkdays } from '../dates.ts';
import { columnUrl, detailUrl, unitBase } from '../urls.ts';
import { GAPS, type GapPlan } from './plan.ts';
import { unitNames, type UnitNames } from './names.ts';
import {
  CATALOG_ITEMS,
  CATALOG_PLACES,
  CATEGORY_SLUGS,
  CATEGORY_TITLES,
  COMMITTEES,
  COMPANIES,
  DECISION_TOPICS,
  DEPT_DOC_TOPICS,
  GOV_TOPICS,
  KEY_FIELD_ROWS,
  KEY_FIELD_SLUGS,
  MAJOR_CATEGORIES,
  NEWS,
  PERMITS,
  PROJECTS,
  VIOLATIONS,
} from './pools.ts';
import { contactInfo, functionsHtml, guideHtml } from './articles.ts';
import { GUIDE_FAMILIES } from './guide-families.ts';
import { place, sortRows } from './rows.ts';
import { buildConsultation } from './consultation.ts';
import { buildFeed } from './feed-posts.ts';
import { navColumns } from './nav-columns.ts';
import type { SampleUnitSpec } from '../config.ts';

export interface BuildOptions {
  seed: number;
  asOf: string;
  pagesPerColumn: number;
}

/** County-wide document number counters (临政发/临政办发/临政办函 numbers are unique in the county). */
interface Counters {
  政发: number;
  政办发: number;
  政办函: number;
}

interface Ctx {
  unit: UnitModel;
  names: UnitNames;
  plan: GapPlan;
  rng: Rng;
  asOf: string;
  year: number;
  pagesPerColumn: number;
  serial: number;
  cid: number;
  counters: Counters;
  index: number;
  jsRendered: boolean;
}

const PAGE_SIZE = 12;

function hhmm(rng: Rng): string {
  return `${String(rng.int(8, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
}

function newItem(ctx: Ctx, title: string, date: string, extra: Partial<Item> = {}): Item {
  ctx.serial += 1;
  return {
    serial: ctx.serial,
    title,
    date,
    time: hhmm(ctx.rng),
    attr: 'field',
    body: [],
    ...extra,
  };
}

function newColumn(ctx: Ctx, key: string, label: string, slug: string, kind: ColumnKind = 'list'): Column {
  ctx.cid += 1;
  return { key, label, slug, cid: 1229400000 + ctx.index * 100 + ctx.cid, kind, items: [] };
}

/** `count` dates going back from `newest`, `minGap`–`maxGap` days apart, never before `floor`. */
function datesBack(ctx: Ctx, newest: string, count: number, minGap: number, maxGap: number, floor?: string): string[] {
  const out: string[] = [];
  let d = newest;
  for (let i = 0; i < count; i++) {
    if (floor && d < floor) break;
    out.push(d);
    d = addDays(d, -ctx.rng.int(minGap, maxGap));
  }
  return out;
}

function fill(ctx: Ctx, template: string): string {
  return template
    .replaceAll('{s}', ctx.names.short)
    .replaceAll('{m}', String(ctx.rng.int(1, 12)))
    .replaceAll('{org}', ctx.names.org);
}

function newsBody(ctx: Ctx, title: string): string[] {
  return [
    `近日，${title.replace(ctx.names.short, ctx.names.org)}。`,
    `会议（活动）强调，要坚持以人民为中心的发展思想，压实工作责任，细化工作措施，确保各项任务落地见效。`,
    `下一步，${ctx.names.short}将持续抓好工作落实，以实际行动推动高质量发展。`,
  ];
}

// ---------- columns ----------

function deptInfoColumn(ctx: Ctx): Column {
  const label = ctx.unit.cls === 'B' && ctx.index % 2 === 0 ? '部门信息公开' : '工作动态';
  const col = newColumn(ctx, 'deptInfo', label, 'gzdt');
  if (ctx.plan.blankColumns?.includes('deptInfo')) {
    col.placeholder = '暂无信息';
    return col;
  }
  const age = ctx.plan.deptInfoAgeDays ?? ctx.rng.int(1, 4);
  const count = ctx.pagesPerColumn * PAGE_SIZE - ctx.rng.int(2, 5);
  const dates = datesBack(ctx, addDays(ctx.asOf, -age), count, 3, 9);
  const items = dates.map((d) => {
    const title = fill(ctx, ctx.rng.pick(NEWS));
    return newItem(ctx, title, d, { body: newsBody(ctx, title) });
  });
  if (ctx.plan.deptInfoPinnedRecent) {
    items.push(
      newItem(ctx, `${ctx.names.short}关于调整办公时间的公告`, addDays(ctx.asOf, -5), {
        pinned: true,
        body: ['经研究，自即日起调整冬季办公时间。'],
      }),
    );
  } else if (ctx.index % 4 === 1) {
    items.push(
      newItem(ctx, `${ctx.names.short}${ctx.year}年度重点工作任务清单`, `${ctx.year}-01-${String(ctx.rng.int(10, 20))}`, {
        pinned: true,
        body: ['现将本年度重点工作任务清单公布如下。'],
      }),
    );
  }
  if (ctx.plan.brokenDeptInfoRow) items[2].broken = true;
  if (ctx.jsRendered) col.jsRendered = true;
  place(col, items);
  return col;
}

interface GovDoc {
  item: Item;
  core: string;
}

function docNo(prefix: string, year: number, n: number): string {
  return `${prefix}〔${year}〕${n}号`;
}

function attrFor(ctx: Ctx): 'field' | 'line' {
  return ctx.rng.chance(0.35) ? 'line' : 'field';
}

function docBody(ctx: Ctx, title: string, no: string): string[] {
  return [
    `各有关单位：`,
    `现将有关事项通知如下，请结合实际，认真抓好贯彻落实。`,
    `一、提高思想认识。各单位要充分认识做好此项工作的重要意义，切实加强组织领导。`,
    `二、明确工作任务。按照职责分工，细化工作措施，确保各项任务按时完成。`,
    `三、强化督导落实。对工作推进情况进行跟踪问效，及时报送进展情况。`,
    `（${no}）`,
  ];
}

function policiesColumn(ctx: Ctx, govDocs: GovDoc[]): Column {
  const col = newColumn(ctx, 'policies', '政策文件', 'zcwj');
  const y = ctx.year;
  const items: Item[] = [];
  const stale = !!ctx.plan.policiesStale;
  const newest = stale ? `${y}-04-10` : addDays(ctx.asOf, -ctx.rng.int(5, 30));
  const own =
    ctx.unit.cls === 'A'
      ? CATALOG_ITEMS.filter((c, j) => !ctx.plan.catalogMissing?.includes(c.item) && !hasOwnPlace(ctx, c.item, j)).map(
          (c) => `${ctx.names.org}关于${c.doc}`,
        )
      : [];
  const deptCount = ctx.unit.cls === 'A' ? 2 : 5;
  for (let i = 0; i < deptCount; i++) own.push(`${ctx.names.org}关于${DEPT_DOC_TOPICS[(ctx.index + i) % DEPT_DOC_TOPICS.length]}`);
  const dates = datesBack(ctx, newest, own.length, 12, 30);
  own.forEach((title, i) => {
    const no = docNo(ctx.names.docPrefix, y, ctx.rng.int(1, 9) + i * 9);
    const d = dates[i] ?? dates[dates.length - 1];
    items.push(
      newItem(ctx, title, d, { docNo: no, writtenDate: addDays(d, -ctx.rng.int(1, 4)), attr: attrFor(ctx), body: docBody(ctx, title, no) }),
    );
  });
  for (const g of govDocs) items.push(g.item);
  // 公开属性 gaps go on the newest documents, well inside the detail pages a crawl fetches.
  const docs = sortRows(items);
  for (let i = 0; i < (ctx.plan.attributeMissing ?? 0); i++) {
    docs[i].attr = 'none';
    docs[i].body = docs[i].body.filter((p) => !p.startsWith('（此件'));
  }
  for (const it of items) {
    if (it.attr === 'line') it.body.push('（此件公开发布）');
  }
  place(col, items);
  return col;
}

function govDocs(ctx: Ctx): GovDoc[] {
  if (ctx.unit.cls !== 'B') return [];
  const y = ctx.year;
  const n = 2 + (ctx.plan.govDocsMissingInterp ?? 0) + (ctx.plan.govDocsLateInterp ?? 0);
  const early = !!ctx.plan.interpretationsStale;
  const out: GovDoc[] = [];
  for (let i = 0; i < n; i++) {
    const kind = (['政办发', '政发', '政办函'] as const)[(ctx.index + i) % 3];
    ctx.counters[kind] += 1;
    const no = docNo(`临${kind}`, y, ctx.counters[kind]);
    let date = early
      ? `${y}-0${ctx.rng.int(2, 5)}-${String(ctx.rng.int(10, 25))}`
      : `${y}-${String(ctx.rng.int(6, 11)).padStart(2, '0')}-${String(ctx.rng.int(10, 25))}`;
    if (i === 0 && ctx.plan.holidayInterpTrap) date = `${y}-09-28`;
    let core: string;
    let title: string;
    if (kind === '政办函') {
      const c = COMMITTEES[(ctx.index + i) % COMMITTEES.length];
      core = `调整临猗县${c}组成人员`;
      title = `临猗县人民政府办公室关于${core}的通知`;
    } else {
      core = GOV_TOPICS[(ctx.index * 3 + i) % GOV_TOPICS.length];
      title = `临猗县人民政府${kind === '政办发' ? '办公室' : ''}关于印发${core}的通知`;
    }
    const item = newItem(ctx, title, date, {
      docNo: no,
      writtenDate: addDays(date, -ctx.rng.int(1, 3)),
      attr: attrFor(ctx),
      body: docBody(ctx, title, no),
    });
    out.push({ item, core });
  }
  return out;
}

const FORM_TITLES: Record<InterpForm, (core: string, no: string) => string> = {
  文字: (c, n) => `《${c}》（${n}）政策解读`,
  图解: (c, n) => `图解：《${c}》（${n}）`,
  视频: (c, n) => `视频解读：《${c}》（${n}）`,
  问答: (c, n) => `《${c}》（${n}）政策问答`,
  H5: (c, n) => `H5解读：《${c}》（${n}）`,
};

function interpretationsColumn(ctx: Ctx, docs: GovDoc[], countyDocs: { core: string; no: string; date: string }[]): Column {
  const col = newColumn(ctx, 'interpretations', '政策解读', 'zcjd');
  const forms: InterpForm[] = ctx.plan.interpForms ?? (ctx.index % 3 === 0 ? ['文字', '图解'] : ['文字']);
  const missing = ctx.plan.govDocsMissingInterp ?? 0;
  const late = ctx.plan.govDocsLateInterp ?? 0;
  const rows: { core: string; no: string; date: string }[] = [];
  docs.forEach((g, i) => {
    if (i >= 2 && i < 2 + missing) return;
    let date: string;
    if (i >= 2 + missing) date = addWorkdays(g.item.date, 5);
    else if (i === 0 && ctx.plan.holidayInterpTrap)
      date = addDays(g.item.date, 9); // 10-07, the first 调休 workday
    else date = addWorkdays(g.item.date, ctx.rng.int(0, 2));
    rows.push({ core: g.core, no: g.item.docNo!, date });
  });
  const stale = !!ctx.plan.interpretationsStale;
  for (const c of countyDocs) {
    if (stale && c.date > `${ctx.year}-05-31`) continue;
    rows.push(c);
  }
  const items = rows.map((r, i) => {
    const form = forms[i % forms.length];
    return newItem(ctx, FORM_TITLES[form](r.core, r.no), r.date, {
      form,
      body: [`为便于社会公众更好地理解《${r.core}》（${r.no}），现就有关内容解读如下。`, '一、出台背景', '二、主要内容', '三、政策亮点'],
    });
  });
  place(col, items);
  return col;
}

/** County documents the unit re-publishes 解读 for; never one of the unit's own documents (no accidental match). */
function countyDocsFor(ctx: Ctx, own: GovDoc[]): { core: string; no: string; date: string }[] {
  const y = ctx.year;
  const out: { core: string; no: string; date: string }[] = [];
  const n = ctx.unit.cls === 'A' ? 3 : 2;
  const cores = GOV_TOPICS.filter((t) => !own.some((g) => g.core === t));
  for (let i = 0; i < n; i++) {
    const core = cores[(ctx.index + 5 + i * 4) % cores.length];
    const date = i === 0 ? addDays(ctx.asOf, -ctx.rng.int(10, 40)) : `${y}-0${ctx.rng.int(3, 8)}-${String(ctx.rng.int(10, 25))}`;
    out.push({ core, no: docNo('临政办发', y, 200 + ctx.index * 3 + i), date });
  }
  return out;
}

function budgetColumn(ctx: Ctx): Column {
  const col = newColumn(ctx, 'budget', ctx.index % 2 ? '财政预决算' : '财政预决算公开', 'czyjs');
  const y = ctx.year;
  const org = ctx.names.org;
  const rows: [string, string][] = [];
  if (!ctx.plan.budgetMissing?.includes('预算')) rows.push([`${org}${y}年部门预算公开`, `${y}-02-${String(ctx.rng.int(10, 27))}`]);
  if (!ctx.plan.budgetMissing?.includes('决算')) rows.push([`${org}${y - 1}年部门决算公开`, `${y}-08-${String(ctx.rng.int(10, 28))}`]);
  rows.push([`${org}${y - 1}年部门预算公开`, `${y - 1}-02-${String(ctx.rng.int(10, 27))}`]);
  rows.push([`${org}${y - 2}年部门决算公开`, `${y - 1}-08-${String(ctx.rng.int(10, 28))}`]);
  const pdf = ctx.unit.style === 'trs' || ctx.unit.style === 'kpy';
  const items = rows.map(([title, date], i) => {
    const it = newItem(ctx, title, date, {
      body: [`根据预算法和财政部门批复，现将${title.replace(org, '本单位')}有关情况公开如下。`, '附件：部门预决算公开表格'],
    });
    if (pdf) {
      it.href = `${unitBase(ctx.unit)}czyjs/P0${date.replaceAll('-', '')}${String(it.serial).padStart(6, '0')}.pdf`;
      if (ctx.plan.brokenPdf && i === 0) {
        it.broken = true;
        ctx.unit.brokenPaths.push(it.href);
      }
    }
    return it;
  });
  place(col, items);
  return col;
}

function majorProjectsColumn(ctx: Ctx): Column {
  const col = newColumn(ctx, 'majorProjects', ctx.index % 3 === 2 ? '重大建设项目' : '重大项目建设', 'zdxm');
  const y = ctx.year;
  col.subs = [];
  const all: Item[] = [];
  MAJOR_CATEGORIES.forEach((cat, ci) => {
    if (ctx.plan.majorProjectsAbsent?.includes(cat)) return;
    const sub = newColumn(ctx, `majorProjects:${cat}`, cat, `zdxm/${CATEGORY_SLUGS[cat]}`);
    const old = ctx.plan.majorProjectsOld?.includes(cat);
    const templates = CATEGORY_TITLES[cat];
    const items = templates.map((t, i) => {
      const p = PROJECTS[(ctx.index + ci + i) % PROJECTS.length];
      const date = old
        ? `${y - 1}-${String(ctx.rng.int(3, 11)).padStart(2, '0')}-${String(ctx.rng.int(10, 25))}`
        : `${y}-${String(ctx.rng.int(2, 11)).padStart(2, '0')}-${String(ctx.rng.int(10, 25))}`;
      const title = t.replace('{p}', p);
      return newItem(ctx, title, date, { body: [`${title}。`, `项目名称：${p}`, `建设单位：${ctx.names.org}`] });
    });
    place(sub, items);
    col.subs!.push(sub);
    all.push(...items);
  });
  col.items = sortRows(all).slice(0, 15);
  return col;
}

function shuanggongshiColumn(ctx: Ctx): Column {
  const col = newColumn(ctx, 'shuanggongshi', ctx.index % 2 ? '双公示' : '“双公示”专栏', 'sgs');
  col.subs = [];
  const all: Item[] = [];
  for (const [cat, slug] of [
    ['行政许可', 'xzxk'],
    ['行政处罚', 'xzcf'],
  ] as const) {
    const sub = newColumn(ctx, `shuanggongshi:${cat}`, cat, `sgs/${slug}`);
    const dates = datesBack(ctx, addDays(ctx.asOf, -ctx.rng.int(2, 25)), 5, 10, 40);
    const items = dates.map((d, i) => {
      const company = COMPANIES[(ctx.index + i) % COMPANIES.length];
      const title =
        cat === '行政许可'
          ? `${company}${PERMITS[(ctx.index + i) % PERMITS.length]}信息公示`
          : `${company}${VIOLATIONS[(ctx.index + i) % VIOLATIONS.length]}行政处罚信息公示`;
      return newItem(ctx, title, d, {
        body: [`行政相对人名称：${company}`, `决定日期：${addDays(d, -ctx.rng.int(1, 5))}`, `${cat}机关：${ctx.names.org}`],
      });
    });
    place(sub, items);
    col.subs.push(sub);
    all.push(...items);
  }
  // a navigation page listing only its sub-columns: fresh through them, not blank
  col.items = ctx.plan.shuanggongshiParentEmpty ? [] : sortRows(all);
  return col;
}

function decisionsColumn(ctx: Ctx): Column {
  const col = newColumn(ctx, 'decisions', '重大行政决策', 'zdjc');
  if (ctx.plan.blankColumns?.includes('decisions')) {
    col.placeholder = '暂无信息';
    return col;
  }
  const y = ctx.year;
  const org = ctx.names.org;
  const items: Item[] = [];
  const catalogBody = { body: ['经研究，现将本年度重大行政决策事项目录予以公布。'] };
  if (ctx.plan.decisionsCatalogRepublished)
    // last year's 目录 published again this year: a row of this year that is not this year's 目录
    items.push(newItem(ctx, `${org}${y - 1}年度重大行政决策事项目录`, `${y}-01-${String(ctx.rng.int(10, 27))}`, catalogBody));
  else if (ctx.plan.decisionsCatalogYearInDate)
    // the title names no year: the 发布日期 says which year's 目录 it is
    items.push(newItem(ctx, `${org}重大行政决策事项目录`, `${y}-02-${String(ctx.rng.int(10, 27))}`, catalogBody));
  else if (!ctx.plan.decisionsCatalogOld)
    items.push(newItem(ctx, `${org}${y}年度重大行政决策事项目录`, `${y}-02-${String(ctx.rng.int(10, 27))}`, catalogBody));
  items.push(
    newItem(ctx, `${org}${y - 1}年度重大行政决策事项目录`, `${y - 1}-03-${String(ctx.rng.int(10, 27))}`, {
      body: ['经研究，现将年度重大行政决策事项目录予以公布。'],
    }),
  );
  if (!ctx.plan.decisionsNoPrecomment) {
    const topic = DECISION_TOPICS[ctx.index % DECISION_TOPICS.length];
    const d = `${y}-${String(ctx.rng.int(4, 8)).padStart(2, '0')}-${String(ctx.rng.int(10, 20))}`;
    items.push(newItem(ctx, `关于公开征求《${topic}（征求意见稿）》意见的公告`, d, { body: [`征求意见时间：${d}至${addDays(d, 30)}`] }));
    items.push(newItem(ctx, `《${topic}（征求意见稿）》起草说明及解读`, d, { body: ['一、起草背景', '二、主要内容'] }));
    if (!ctx.plan.decisionsNoFeedback)
      items.push(
        newItem(ctx, `《${topic}（征求意见稿）》征求意见结果反馈`, addDays(d, 38), {
          body: ['征求意见期间共收到意见建议若干条，采纳情况如下。'],
        }),
      );
  }
  place(col, items);
  return col;
}

function annualReportColumn(ctx: Ctx): Column {
  const col = newColumn(ctx, 'annualReport', ctx.index % 2 ? '政府信息公开年度报告' : '政府信息公开年报', 'ndbg');
  if (ctx.plan.blankColumns?.includes('annualReport')) {
    col.placeholder = '暂无信息';
    return col;
  }
  const y = ctx.year;
  const items = [1, 2, 3].map((k) =>
    newItem(ctx, `${ctx.names.org}${y - k}年政府信息公开工作年度报告`, `${y - k + 1}-01-${String(ctx.rng.int(12, 28))}`, {
      body: [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ],
    }),
  );
  place(col, items);
  return col;
}

/**
 * Whether a 标准目录 item is published in a column of its own (the catalogue links there) rather than as a 政策文件
 * named for it: every planted gap (its column shows 暂无信息), and a third of the others, by unit and row index.
 */
function hasOwnPlace(ctx: Ctx, item: string, row: number): boolean {
  return !!ctx.plan.catalogMissing?.includes(item) || (ctx.index + row) % 3 === 0;
}

/** The column an item's catalogue cell links to: rows under other titles, or 暂无信息 for a planted gap. */
function catalogPlace(ctx: Ctx, item: string): Column {
  const spec = CATALOG_PLACES[item];
  const col = newColumn(ctx, `catalog:${item}`, item, `bzml/${spec.slug}`);
  if (ctx.plan.catalogMissing?.includes(item)) {
    col.placeholder = '暂无信息';
    return col;
  }
  const dates = datesBack(ctx, addDays(ctx.asOf, -ctx.rng.int(10, 60)), spec.titles.length, 20, 60);
  const items = spec.titles.map((t, i) => {
    const title = t.replaceAll('{s}', ctx.names.short).replaceAll('{y}', String(ctx.year));
    return newItem(ctx, title, dates[i], {
      body: [`现将${title.replace(ctx.names.short, '')}有关情况予以公布。`, '如有异议，请于公示期内向本单位反映。'],
    });
  });
  place(col, items);
  return col;
}

function catalogColumn(ctx: Ctx, policies: Column): Column {
  const col = newColumn(ctx, 'catalog', '基层政务公开标准目录', 'bzml', 'catalog');
  const places: Column[] = [];
  col.catalog = CATALOG_ITEMS.map((c, j) => {
    const own = hasOwnPlace(ctx, c.item, j) ? catalogPlace(ctx, c.item) : null;
    if (own) places.push(own);
    return {
      item: c.item,
      content: `${c.item}相关政策、办理流程、结果信息`,
      basis: '《中华人民共和国政府信息公开条例》',
      limit: '信息形成或者变更之日起20个工作日内',
      subject: ctx.names.org,
      channel: '■政府网站 ■公开查阅点 □两微一端',
      href: columnUrl(ctx.unit, own ?? policies),
    };
  });
  col.places = places;
  const item = newItem(ctx, `${ctx.names.org}基层政务公开标准目录（${ctx.year}年版）`, `${ctx.year}-03-${String(ctx.rng.int(10, 28))}`, {
    body: ['现将本级基层政务公开标准目录公布如下。'],
  });
  place(col, [item]);
  return col;
}

function keyFieldColumn(ctx: Ctx, field: string): Column {
  const col = newColumn(ctx, `keyField:${field}`, field, `zdly/${KEY_FIELD_SLUGS[field] ?? 'qt'}`);
  if (ctx.plan.blankColumns?.includes(col.key)) {
    col.placeholder = '暂无信息';
    return col;
  }
  const stale = ctx.plan.keyFieldStale?.includes(field);
  const drop = ctx.plan.keyFieldDropKind?.[field];
  const rows = (KEY_FIELD_ROWS[field] ?? []).filter((r) => r.kind !== drop);
  const dates = datesBack(
    ctx,
    stale ? `${ctx.year}-03-${String(ctx.rng.int(15, 30))}` : addDays(ctx.asOf, -ctx.rng.int(5, 40)),
    rows.length,
    8,
    30,
  );
  const items = rows.map((r, i) => newItem(ctx, r.title, dates[i], { body: [`现将${r.title}有关情况公开如下。`] }));
  place(col, items);
  return col;
}

function articleColumn(ctx: Ctx, key: 'guide' | 'functions', label: string, slug: string, html: string): Column {
  const col = newColumn(ctx, key, label, slug, 'article');
  col.article = { title: `${ctx.names.org}${label}`, date: `${ctx.year}-0${ctx.rng.int(1, 3)}-${String(ctx.rng.int(10, 28))}`, html };
  return col;
}

// ---------- unit ----------

export function buildUnit(spec: SampleUnitSpec, index: number, opts: BuildOptions, counters: Counters): UnitModel {
  const names = unitNames(spec.name, spec.cls);
  const plan = spec.bench ? {} : (GAPS[spec.id] ?? {});
  const rng = childRng(opts.seed, spec.id);
  const unit: UnitModel = {
    id: spec.id,
    name: spec.name,
    org: names.org,
    short: names.short,
    cls: spec.cls,
    style: spec.style,
    encoding: spec.encoding,
    charsetIn: spec.charsetIn,
    unreachable: spec.unreachable,
    columns: [],
    feed: { kind: 'rss', account: spec.account, posts: [] },
    homeLinks: [],
    commentedLinks: [],
    brokenPaths: [],
    head405Paths: [],
    keyFields: spec.keyFields,
    plan,
  };
  const year = Number(opts.asOf.slice(0, 4));
  const ctx: Ctx = {
    unit,
    names,
    plan,
    rng,
    asOf: opts.asOf,
    year,
    pagesPerColumn: opts.pagesPerColumn,
    serial: 0,
    cid: 0,
    counters,
    index,
    jsRendered: spec.jsRenderedDeptInfo,
  };
  const missing = new Set(plan.missingColumns ?? []);
  const contact = contactInfo(rng, names.org, index);
  const cols: Column[] = [];
  cols.push(
    articleColumn(
      ctx,
      'guide',
      index % 2 ? '政府信息公开指南' : '信息公开指南',
      'gkzn',
      guideHtml({
        org: names.org,
        unitId: spec.id,
        account: spec.account,
        contact,
        websiteAsLink: index % 3 === 0,
        missing: plan.guideMissing ?? [],
        family: GUIDE_FAMILIES[index % GUIDE_FAMILIES.length],
        labelOnly: plan.guideLabelOnly,
      }),
    ),
  );
  cols.push(
    articleColumn(
      ctx,
      'functions',
      index % 3 === 1 ? '机构概况' : '机构职能',
      'jgzn',
      functionsHtml({
        org: names.org,
        cls: spec.cls,
        rng,
        contact,
        missing: plan.functionsMissing ?? [],
        table: GUIDE_FAMILIES[index % GUIDE_FAMILIES.length] === 'table',
      }),
    ),
  );
  cols.push(deptInfoColumn(ctx));
  cols.push(majorProjectsColumn(ctx));
  cols.push(budgetColumn(ctx));
  const docs = govDocs(ctx);
  cols.push(policiesColumn(ctx, docs));
  cols.push(interpretationsColumn(ctx, docs, countyDocsFor(ctx, docs)));
  cols.push(
    buildConsultation(ctx.rng, newColumn(ctx, 'consultation', '政务咨询', 'zwzx'), {
      asOf: opts.asOf,
      year,
      blank: !!plan.blankColumns?.includes('consultation'),
      late: plan.lateConsultations ?? [],
      extra: plan.extraConsultations ?? [],
      newItem: (title, date, extra) => newItem(ctx, title, date, extra),
    }),
  );
  cols.push(annualReportColumn(ctx));
  if (spec.cls === 'A') cols.push(catalogColumn(ctx, cols.find((c) => c.key === 'policies')!));
  if (spec.cls === 'B') {
    cols.push(shuanggongshiColumn(ctx));
    cols.push(decisionsColumn(ctx));
    for (const field of unit.keyFields) cols.push(keyFieldColumn(ctx, field));
  }
  // every third unit's navigation also has columns no fixed key names (all six markup families among them)
  if (!spec.bench && index % 3 === 1) {
    const deps = {
      rng,
      asOf: opts.asOf,
      short: names.short,
      newColumn: (key: string, label: string, slug: string) => newColumn(ctx, key, label, slug),
    };
    cols.push(...navColumns({ ...deps, newItem: (title, date, extra) => newItem(ctx, title, date, extra) }, plan));
  }
  unit.columns = cols.filter((c) => !missing.has(c.key));
  for (const col of unit.columns) {
    for (const it of col.items) if (it.broken && !it.href && it.home) unit.brokenPaths.push(detailUrl(unit, it.home, it));
  }
  if (plan.brokenHomeLink) {
    const href = `${unitBase(unit)}old/index.html`;
    unit.homeLinks.push({ text: '旧版政务公开栏目', href });
    unit.brokenPaths.push(href);
  }
  if (plan.head405Link) {
    const href = `${unitBase(unit)}hdjl/zxts.jsp`;
    unit.homeLinks.push({ text: '网上咨询投诉', href });
    unit.head405Paths.push(href);
  }
  if (plan.commentedBrokenLink) unit.commentedLinks.push({ text: '原政务公开平台', href: `${unitBase(unit)}oldzwgk/index.html` });
  unit.feed = buildFeed(childRng(opts.seed, `feed:${spec.id}`), {
    account: spec.account,
    short: names.short,
    asOf: opts.asOf,
    year,
    index,
    gaps: plan.feedGaps ?? [],
    stopsAt: plan.feedStopsAt,
    broken: !!plan.feedBroken,
  });
  return unit;
}

export function buildSite(specs: SampleUnitSpec[], opts: BuildOptions): SiteModel {
  const counters: Counters = { 政发: 0, 政办发: 0, 政办函: 0 };
  const year = Number(opts.asOf.slice(0, 4));
  const units = specs.map((s, i) => buildUnit(s, i, opts, counters));
  plantPrivacy(units, `${year}-01-01`);
  return { seed: opts.seed, asOf: opts.asOf, year, windowStart: `${year}-01-01`, units };
}
