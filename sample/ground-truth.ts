// Ground truth of the sample portal, derived from the content model with the rules of docs/check-semantics.md.
// Deriving it (instead of listing it by hand) keeps it exact whatever dates the seed picks.
import { NAV_COLUMN_SPECS } from './content/nav-columns.ts';
import { writeFileSync } from 'node:fs';
import type { Column, Item, SiteModel, UnitModel } from './model.ts';
import { addWorkdays, days } from './dates.ts';
import { everyColumn } from './columns.ts';
import { KEY_FIELD_ROWS } from './content/pools.ts';
import { GUIDE_ELEMENTS, FUNCTION_FIELDS } from './content/articles.ts';

export interface GroundTruthEntry {
  unitId: string;
  checkId: string;
  count: number;
  value?: number;
  note: string;
}

export interface TruthSettings {
  consultationReplyWorkdays: number; // P7
  interpretationWorkdays: number; // P1
  newMediaMaxGapDays: number; // N1
  deptInfoMaxAgeDays: number;
  maxDetailPagesPerColumn: number; // crawl.maxDetailPagesPerColumn: only fetched details can show a 公开属性 gap
}

export const DEFAULT_TRUTH_SETTINGS: TruthSettings = {
  consultationReplyWorkdays: 5,
  interpretationWorkdays: 3,
  newMediaMaxGapDays: 14,
  deptInfoMaxAgeDays: 30,
  maxDetailPagesPerColumn: 30,
};

const REQUIRED: Record<'A' | 'B', string[]> = {
  A: ['guide', 'functions', 'deptInfo', 'majorProjects', 'budget', 'annualReport', 'catalog'],
  B: ['guide', 'functions', 'deptInfo', 'majorProjects', 'budget', 'annualReport', 'shuanggongshi'],
};
const MAJOR_REQUIRED: Record<'A' | 'B', string[]> = {
  A: ['施工', '竣工'],
  B: ['批准服务', '批准结果', '招标投标', '征收土地', '重大设计变更', '施工', '质量安全监督', '竣工'],
};
const GOV_DOC = /^临政(发|办发|办函)〔\d{4}〕\d+号$/;
const DOC_NO = /〔\d{4}〕\d+号/;

function periodOf(key: string): number | null {
  if (key === 'deptInfo') return 14;
  const nav = NAV_COLUMN_SPECS.find((c) => key === `nav:${c.label}`);
  if (nav) return nav.periodDays;
  if (key === 'policies' || key === 'interpretations' || key.startsWith('shuanggongshi') || key.startsWith('keyField:')) return 183;
  return null;
}

function allColumns(unit: UnitModel): Column[] {
  return everyColumn(unit);
}

function isBlank(col: Column): boolean {
  if (col.placeholder) return true;
  if (col.kind === 'article') return (col.article?.html.replace(/<[^>]+>/g, '').trim().length ?? 0) < 20;
  return col.items.length === 0;
}

function newestDated(col: Column): string | null {
  const dates = col.items
    .filter((i) => !i.pinned)
    .map((i) => i.date)
    .sort();
  return dates.length ? dates[dates.length - 1] : null;
}

function find(unit: UnitModel, key: string): Column | undefined {
  return allColumns(unit).find((c) => c.key === key);
}

export function feedGaps(dates: string[], windowStart: string, asOf: string, maxGap: number): number {
  const points = [windowStart, ...dates.filter((d) => d > windowStart && d <= asOf).sort(), asOf];
  let gaps = 0;
  for (let i = 1; i < points.length; i++) if (days(points[i - 1], points[i]) > maxGap) gaps++;
  return gaps;
}

function unitTruth(site: SiteModel, unit: UnitModel, s: TruthSettings): GroundTruthEntry[] {
  const out: GroundTruthEntry[] = [];
  const add = (checkId: string, count: number, note: string, value?: number): void => {
    if (count > 0 || value !== undefined) out.push({ unitId: unit.id, checkId, count, ...(value !== undefined ? { value } : {}), note });
  };
  const { asOf, year, windowStart } = site;

  if (unit.feed.kind !== 'broken') {
    const gaps = feedGaps(
      unit.feed.posts.filter((p) => !p.pinned).map((p) => p.date),
      windowStart,
      asOf,
      s.newMediaMaxGapDays,
    );
    add('newmedia.stale', gaps, `“${unit.feed.account}”有 ${gaps} 处超过 ${s.newMediaMaxGapDays} 天未更新`);
  }
  if (unit.unreachable) {
    add('site.unreachable', 1, '首页始终返回 503');
    return out;
  }

  const missing = REQUIRED[unit.cls].filter((k) => !unit.columns.some((c) => c.key === k));
  add('column.missing', missing.length, `缺少必设栏目：${missing.join('、')}`);
  const cols = allColumns(unit);
  // a parent whose sub-columns hold rows is a navigation page, not a blank column
  const blank = cols.filter((c) => isBlank(c) && !c.subs?.some((sub) => sub.items.length > 0)).map((c) => c.key);
  add('column.blank', blank.length, `空白栏目：${blank.join('、')}`);
  const stale = cols
    .filter((c) => {
      const period = periodOf(c.key);
      const newest = newestDated(c);
      return period !== null && newest !== null && days(newest, asOf) > period;
    })
    .map((c) => c.key);
  add('column.stale', stale.length, `超期未更新栏目：${stale.join('、')}`);
  const broken = [...new Set(unit.brokenPaths)];
  add('link.broken', broken.length, `失效链接：${broken.join('、')}`);

  const consultation = find(unit, 'consultation');
  let late = 0;
  let timely = 0;
  for (const it of consultation?.items ?? []) {
    const q = it.question;
    if (!q) continue;
    const deadline = addWorkdays(q.asked, s.consultationReplyWorkdays);
    if (q.replied ? q.replied > deadline : asOf > deadline) late++;
    else if (q.replied) timely++;
  }
  add('consultation.late', late, `${late} 条政务咨询超过 ${s.consultationReplyWorkdays} 个工作日未答复`);
  add('consultation.timely', timely, `${timely} 条政务咨询按时答复并公开`);

  const gm = [...(unit.plan.guideMissing ?? []), ...(unit.plan.guideLabelOnly ?? [])];
  add('guide.incomplete', gm.length, `指南缺少：${gm.map((g) => GUIDE_ELEMENTS[g as keyof typeof GUIDE_ELEMENTS]).join('、')}`);
  const fm = unit.plan.functionsMissing ?? [];
  add('functions.incomplete', fm.length, `机构职能缺少：${fm.map((f) => FUNCTION_FIELDS[f as keyof typeof FUNCTION_FIELDS]).join('、')}`);

  const dept = find(unit, 'deptInfo');
  if (dept) {
    const newest = newestDated(dept);
    if (isBlank(dept) || (newest !== null && days(newest, asOf) > s.deptInfoMaxAgeDays)) {
      add('deptinfo.stale', 1, isBlank(dept) ? '部门信息公开栏目空白' : `部门信息公开最新信息为 ${newest}`);
    }
  }

  if (unit.columns.some((c) => c.key === 'majorProjects')) {
    const lacking = MAJOR_REQUIRED[unit.cls].filter((cat) => {
      const sub = find(unit, `majorProjects:${cat}`);
      return !sub || !sub.items.some((i) => i.date >= windowStart && i.date <= asOf);
    });
    add('majorprojects.missing', lacking.length, `考核期内无信息的类别：${lacking.join('、')}`);
  }

  const budget = find(unit, 'budget');
  if (budget) {
    const titles = budget.items.map((i) => i.title);
    const lack: string[] = [];
    if (!titles.some((t) => t.includes(`${year}年`) && t.includes('预算') && !t.includes('决算'))) lack.push(`${year}年预算`);
    if (!titles.some((t) => t.includes(`${year - 1}年`) && t.includes('决算'))) lack.push(`${year - 1}年决算`);
    add('budget.missing', lack.length, `未公开：${lack.join('、')}`);
  }

  if (unit.cls === 'B') {
    const sgs = cols.filter((c) => c.key.startsWith('shuanggongshi'));
    if (!sgs.some((c) => c.items.some((i) => i.date >= windowStart && i.date <= asOf)))
      add('shuanggongshi.missing', 1, '双公示专栏考核期内无信息');

    const dec = find(unit, 'decisions');
    const decRows = dec && !isBlank(dec) ? dec.items : [];
    // the year a 目录 covers is the year its title names, else the year it was published
    const covers = (i: Item) => Number(/(20\d{2})年/.exec(i.title)?.[1] ?? i.date.slice(0, 4));
    const catalogValue = decRows.length === 0 ? -3 : decRows.some((i) => i.title.includes('目录') && covers(i) === year) ? 3 : 0;
    add(
      'decisions.catalog',
      1,
      catalogValue === 3
        ? '已公开本年度重大行政决策事项目录'
        : catalogValue === -3
          ? '重大行政决策栏目缺失或空白'
          : '仅有往年目录（含本年重新发布的往年目录）',
      catalogValue,
    );
    const topics = [...new Set(decRows.map((i) => /《(.+?)（征求意见稿）》/.exec(i.title)?.[1]).filter((t): t is string => !!t))];
    const complete = (t: string): boolean => {
      const rows = decRows.filter((i) => i.title.includes(t));
      return (
        rows.some((i) => i.title.includes('征求意见稿') && !i.title.includes('解读') && !/结果|反馈/.test(i.title)) &&
        rows.some((i) => i.title.includes('解读')) &&
        rows.some((i) => /结果|反馈/.test(i.title))
      );
    };
    const preValue = topics.length === 0 ? -3 : topics.every(complete) ? 3 : 0;
    add(
      'decisions.precomment',
      1,
      preValue === 3 ? '征求意见稿、解读、结果反馈齐全' : preValue === -3 ? '无重大行政决策征求意见信息' : '征求意见信息不完整',
      preValue,
    );

    for (const field of unit.keyFields) {
      const col = find(unit, `keyField:${field}`);
      const kinds = KEY_FIELD_ROWS[field] ?? [];
      const present = (kind: string): boolean => !!col && col.items.some((i) => i.title.includes(kind));
      let value: number;
      if (field === '促进民营经济发展壮大') value = kinds.reduce((sum, k) => sum + (present(k.kind) ? 2 : -2), 0);
      else if (!col || isBlank(col)) value = -3;
      else {
        const newest = newestDated(col);
        value = newest !== null && days(newest, asOf) <= 183 && kinds.every((k) => present(k.kind)) ? 3 : 0;
      }
      add('keyfield.coverage', 1, `重点领域“${field}”`, value);
    }
  }

  const interps = find(unit, 'interpretations')?.items ?? [];
  const policies = find(unit, 'policies')?.items ?? [];
  const uninterpreted = policies
    .filter((d) => d.docNo && GOV_DOC.test(d.docNo))
    .filter((d) => {
      const deadline = addWorkdays(d.date, s.interpretationWorkdays);
      return !interps.some((i) => i.title.includes(d.docNo!) && i.date <= deadline);
    });
  add('interpretation.missing', uninterpreted.length, `未按时解读：${uninterpreted.map((d) => d.docNo).join('、')}`);

  const seen = new Set<number>();
  const noAttr: Item[] = [];
  for (const c of cols) {
    for (const it of c.items.slice(0, s.maxDetailPagesPerColumn)) {
      if (seen.has(it.serial) || it.broken || it.href) continue;
      seen.add(it.serial);
      if ((it.docNo || DOC_NO.test(it.title)) && it.attr === 'none') noAttr.push(it);
    }
  }
  add('attribute.missing', noAttr.length, `未标注公开属性：${noAttr.map((i) => i.docNo ?? i.title).join('、')}`);

  const catalog = find(unit, 'catalog');
  if (unit.cls === 'A' && catalog?.catalog) {
    const titles = cols.filter((c) => c.key !== 'catalog').flatMap((c) => c.items.map((i) => i.title));
    // an item is published when a title names it, or when the column its catalogue cell links to holds rows
    const placeOf = (item: string) => catalog.places?.find((p) => p.key === `catalog:${item}`);
    const lack = catalog.catalog
      .map((r) => r.item)
      .filter((k) => !titles.some((t) => t.includes(k)))
      .filter((k) => {
        const place = placeOf(k);
        return !place || isBlank(place);
      });
    add('catalog.item-missing', lack.length, `标准目录事项无对应信息：${lack.join('、')}`);
  }

  for (const [checkId, n] of Object.entries(unit.wording ?? {})) add(checkId, n, `页面和附件中植入的${checkId}问题 ${n} 处`);
  if (unit.privacy) add('privacy.exposure', unit.privacy.leaks, unit.privacy.note);

  const forms = new Set(interps.map((i) => i.form ?? '文字'));
  if (forms.size >= 3) {
    const extra = [...forms].filter((f) => f !== '文字');
    add('interpretation.multiform', extra.length, `解读形式：${[...forms].join('、')}`);
  }
  return out;
}

export function computeGroundTruth(site: SiteModel, settings: Partial<TruthSettings> = {}): GroundTruthEntry[] {
  const s = { ...DEFAULT_TRUTH_SETTINGS, ...settings };
  return site.units.flatMap((u) => unitTruth(site, u, s));
}

export function writeGroundTruthFile(entries: GroundTruthEntry[], file: string): void {
  writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`, 'utf8');
}
