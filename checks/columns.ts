// column.missing / column.blank / column.stale and the stale 预警 (V4–V6; docs/check-semantics.md Columns).
import type { ColumnObservation, UnitObservations } from '../store/index.ts';
import { classInfo, type UnitConfig } from '../config/index.ts';
import type { Check, CheckContext } from './context.ts';
import type { Finding } from '../model/index.ts';
import { columnName, splitKey } from './column-names.ts';
import { daysBetween } from './dates.ts';
import { makeFinding, warningSubject } from './finding.ts';
import { columnEvidence, columnGroup, detailEvidence, detailsOf, formatRow, freshness, homeUnreachable, notCrawled } from './observed.ts';
import { kindReason, periodFor } from './periods.ts';
import { deductionPoints, rubricRow } from './rubric-rows.ts';
import { visibleLength } from './text.ts';

function monthlyPoints(ctx: CheckContext, unit: UnitConfig): number {
  return -deductionPoints(rubricRow(ctx, unit, 'notice.monthly'));
}

function skipAbsence(obs: UnitObservations): boolean {
  return homeUnreachable(obs) || notCrawled(obs);
}

export const columnMissing: Check = {
  id: 'column.missing',
  family: 'columns',
  run(ctx, unit, obs) {
    if (skipAbsence(obs)) return [];
    const required = ctx.rubric.classes[unit.class]?.requiredColumns ?? [];
    const out: Finding[] = [];
    for (const key of required) {
      const group = columnGroup(obs, key);
      const own = group.find((c) => c.columnKey === key);
      if (!own || own.status !== 'missing') continue;
      // A parent found only through its sub-columns is present.
      if (group.some((c) => c.columnKey !== key && c.status !== 'missing')) continue;
      out.push(
        makeFinding(unit, {
          checkId: 'column.missing',
          indicator: 'notice.monthly',
          column: key,
          subject: key,
          kind: 'deduction',
          title: `缺少"${columnName(key)}"栏目`,
          detail: `在 ${unit.name} 的信息公开页面及其导航中未找到"${columnName(key)}"栏目（按栏目名称和配置地址查找）。${classInfo(unit.class, ctx.rubric.classes[unit.class]?.label, 0).short}单位必须设置该栏目（${ctx.rubric.title}；条例第二十条）。`,
          suggestedPoints: monthlyPoints(ctx, unit),
          monthly: true,
          evidence: [
            {
              url: obs.home?.url ?? unit.home,
              excerpt: own.note ?? `未找到栏目"${columnName(key)}"`,
              snapshot: obs.home?.contentHash ?? null,
              screenshot: obs.home?.screenshot ?? null,
              fetchedAt: obs.home?.fetchedAt ?? null,
            },
          ],
        }),
      );
    }
    return out;
  },
};

function articleTooShort(ctx: CheckContext, obs: UnitObservations, col: ColumnObservation): { short: boolean; chars: number } | null {
  if (!ctx.settings.articleColumns.includes(col.columnKey) || col.status !== 'ok') return null;
  const details = detailsOf(obs, col.columnKey);
  if (details.length === 0) return null;
  const chars = Math.max(...details.map((d) => visibleLength(d.text)));
  return { short: chars < ctx.settings.articleMinChars, chars };
}

export const columnBlank: Check = {
  id: 'column.blank',
  family: 'columns',
  run(ctx, unit, obs) {
    if (skipAbsence(obs)) return [];
    const out: Finding[] = [];
    for (const col of obs.columns) {
      const key = col.columnKey;
      let measured: string;
      let evidence = columnEvidence(obs, col);
      if (col.status === 'blank') {
        // A parent whose sub-columns hold rows is a navigation page, not a blank column.
        if (!key.includes(':') && obs.columns.some((c) => c.columnKey.startsWith(`${key}:`) && c.items.length > 0)) continue;
        if (col.nav && (col.nav.subColumns > 0 || !navBlankEvidence(ctx, col))) continue; // a page of sub-columns is a navigation page
        // An article column whose body was read with enough text is not blank.
        const article = ctx.settings.articleColumns.includes(key) ? detailsOf(obs, key) : [];
        if (article.some((d) => visibleLength(d.text) >= ctx.settings.articleMinChars)) continue;
        measured = col.placeholder ? `栏目页面显示"${col.placeholder}"` : `栏目列表读取 ${col.pagesRead} 页，条目数为 0`;
      } else {
        const article = articleTooShort(ctx, obs, col);
        if (!article?.short) continue;
        const d = detailsOf(obs, key)[0];
        measured = `正文仅 ${article.chars} 个字，少于 ${ctx.settings.articleMinChars} 字`;
        evidence = detailEvidence(obs, d);
      }
      out.push(
        makeFinding(unit, {
          checkId: 'column.blank',
          indicator: 'notice.monthly',
          column: key,
          subject: key,
          kind: 'deduction',
          title: `"${columnName(key)}"栏目为空白栏目`,
          detail: `${measured}（${col.url ?? ''}）。属于政府网站检查指标中的"空白栏目"（国办秘函〔2019〕19号）。${kindNote(ctx, col)}`,
          suggestedPoints: monthlyPoints(ctx, unit),
          monthly: true,
          ...(navAttribution(unit, col).length ? { confidence: 'low', confidenceReason: navAttribution(unit, col).join('；') } : {}),
          evidence: [evidence],
        }),
      );
    }
    return out;
  },
};

/**
 * A navigation column outside the unit's own folder may be the portal's or a parent office's column the unit only
 * links to: whose gap it is needs a person (a fixed column is attributed by its name and the rubric instead).
 */
function navAttribution(unit: UnitConfig, col: ColumnObservation): string[] {
  if (!col.nav || !col.url) return [];
  let dir: string;
  try {
    const u = new URL(unit.home);
    dir = `${u.origin}${u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1)}`;
  } catch {
    return [];
  }
  return col.url.startsWith(dir) ? [] : [`栏目地址不在本单位目录（${dir}）下，可能是门户或上级单位的栏目，需人工确认归属`];
}

function kindNote(ctx: CheckContext, col: ColumnObservation): string {
  const why = kindReason(ctx.settings, col);
  return why ? `栏目类型：${why}。` : '';
}

/**
 * A navigation column is blank when it says 暂无信息, or when its kind makes it a list (a period) and its page, read,
 * has no row and no sub-column. A page of no kind, a static page or a channel (a form, a search page) without rows
 * is no evidence of a blank column: their content may be in a layout not read as rows or an article.
 */
function navBlankEvidence(ctx: CheckContext, col: ColumnObservation): boolean {
  return !col.nav || col.placeholder !== null || (col.nav.kind !== null && periodFor(ctx.settings, col) !== null);
}

/** How the newest item is named: a row of the list, or the one article a navigation column links straight to. */
function newestWhat(newest: NonNullable<StaleState['newest']>): string {
  if (newest.dateSource !== 'detail' && newest.dateSource !== 'meta') return '最新一条（不含置顶）';
  return `栏目直接链接到一篇文章（无列表），文章${newest.dateSource === 'meta' ? ' <meta> 标签中的' : '页面标明的'}发布日期 `;
}

/** A list shown oldest first whose later pages were not read: its newest row may be on a page not read. */
function unreadOldestFirst(c: ColumnObservation): boolean {
  if (c.totalPagesSeen === null || c.pagesRead >= c.totalPagesSeen) return false;
  const dates = c.items.filter((i) => !i.pinned && i.date !== null).map((i) => i.date!);
  return dates.length >= 2 && dates[0] < dates[dates.length - 1] && dates.every((d, i) => i === 0 || d >= dates[i - 1]);
}

/** Keys judged for staleness: columns with a period, sub-columns folded into their parent. */
function periodKeys(ctx: CheckContext, obs: UnitObservations): string[] {
  const keys = new Set<string>();
  for (const col of obs.columns) {
    if (periodFor(ctx.settings, col) !== null) keys.add(col.columnKey);
    else {
      const [base, sub] = splitKey(col.columnKey);
      if (sub && !col.columnKey.startsWith('keyField:') && periodFor(ctx.settings, { columnKey: base, label: null }) !== null)
        keys.add(base);
    }
  }
  return [...keys];
}

interface StaleState {
  key: string;
  group: ColumnObservation[];
  period: number;
  age: number | null; // null: no dated non-pinned row
  newest: ReturnType<typeof freshness>['newest'];
  undated: number;
  lowConfidence: string[];
}

function staleStates(ctx: CheckContext, obs: UnitObservations): StaleState[] {
  const out: StaleState[] = [];
  for (const key of periodKeys(ctx, obs)) {
    const group = columnGroup(obs, key).filter((c) => (key.startsWith('keyField:') ? c.columnKey === key : true));
    const readable = group.filter((c) => c.status === 'ok');
    if (readable.length === 0) continue; // missing / blank / unreachable are judged elsewhere
    const own = group.find((c) => c.columnKey === key);
    // a navigation column read as a single page with its text is no list: no row can be late
    if (own?.nav && readable.every((c) => c.items.length === 0)) continue;
    const period = periodFor(ctx.settings, own ?? { columnKey: key, label: null })!;
    const items = readable.flatMap((c) => c.items);
    const f = freshness(items);
    const low: string[] = [];
    if (f.newest?.dateSource === 'list-year-inferred') low.push(`最新一条的年份由上下文推断（列表只显示月日）`);
    if (f.newest?.dateSource === 'meta') low.push('文章日期只取自页面 <meta> 标签（可能是系统重新发布的时间），页面上没有标明发布日期');
    if (group.some((c) => c.status === 'unrendered' || c.status === 'unreachable')) low.push('部分子栏目未能读取');
    if (!f.newest) low.push('栏目内没有可识别日期的非置顶条目');
    if (readable.some(unreadOldestFirst)) low.push('列表按日期从旧到新排列且未读完全部分页，更新的条目可能在后面的页');
    out.push({
      key,
      group,
      period,
      age: f.newest ? daysBetween(f.newest.date!, ctx.asOf) : null,
      newest: f.newest,
      undated: f.undated,
      lowConfidence: low,
    });
  }
  return out;
}

export const columnStale: Check = {
  id: 'column.stale',
  family: 'columns',
  run(ctx, unit, obs) {
    if (skipAbsence(obs)) return [];
    const out: Finding[] = [];
    for (const s of staleStates(ctx, obs)) {
      const col = s.group.find((c) => c.columnKey === s.key && c.status === 'ok') ?? s.group.find((c) => c.status === 'ok')!;
      const name = columnName(s.key);
      const low = [...s.lowConfidence, ...navAttribution(unit, col)];
      if (s.age === null || s.age > s.period) {
        const measured = s.newest
          ? `${newestWhat(s.newest)}${s.newest.date}"${s.newest.title}"，距检查日 ${ctx.asOf} 共 ${s.age} 天，超过 ${s.period} 天`
          : `栏目共 ${s.undated} 条无日期条目，没有可计为更新的条目（无日期条目不计为更新）`;
        out.push(
          makeFinding(unit, {
            checkId: 'column.stale',
            indicator: 'notice.monthly',
            column: s.key,
            subject: s.key,
            kind: 'deduction',
            title: `"${name}"栏目超过 ${s.period} 天未更新`,
            detail: `${measured}。违反栏目更新要求（国办秘函〔2019〕19号"栏目不更新"：动态类 2 周、通知公告/政策文件类 6 个月、人事/规划类 1 年）。${kindNote(ctx, col)}${low.length ? `注意：${low.join('；')}。` : ''}`,
            suggestedPoints: monthlyPoints(ctx, unit),
            confidence: low.length ? 'low' : 'high',
            ...(low.length ? { confidenceReason: low.join('；') } : {}),
            monthly: true,
            evidence: [columnEvidence(obs, col, s.newest ? formatRow(s.newest) : undefined)],
          }),
        );
      } else if (s.age > s.period - ctx.settings.warnDays) {
        const left = s.period - s.age;
        out.push(
          makeFinding(unit, {
            checkId: 'column.stale',
            indicator: 'notice.monthly',
            column: s.key,
            subject: warningSubject(s.key),
            kind: 'warning',
            title: `预警："${name}"栏目 ${left === 0 ? '今天' : `${left} 天内`}将超过更新期限`,
            detail: `${newestWhat(s.newest!)}${s.newest!.date}"${s.newest!.title}"，距检查日 ${s.age} 天；更新期限 ${s.period} 天。${kindNote(ctx, col)}请及时更新。`,
            suggestedPoints: 0,
            confidence: low.length ? 'low' : 'high',
            ...(low.length ? { confidenceReason: low.join('；') } : {}),
            monthly: true,
            evidence: [columnEvidence(obs, col, formatRow(s.newest!))],
          }),
        );
      }
    }
    return out;
  },
};
