// catalog.item-missing (A; rubric 已公布标准目录执行情况, §9): each 公开事项 of the 标准目录 table must be published
// where it belongs. A title naming the item anywhere is enough; otherwise the place the catalogue links to (or the
// column of the same name) decides: empty → high, out of date or unreadable → low; no place found → low (indirect).
import type { ColumnObservation, ListItem, UnitObservations } from '../store/index.ts';
import { type CatalogEntry, linkForName, placeState, sameAddress } from './catalog-places.ts';
import type { Check, CheckContext } from './context.ts';
import type { Confidence, Evidence, Finding } from '../model/index.ts';
import { makeFinding } from './finding.ts';
import { column, columnEvidence, homeUnreachable, itemsExcept, notCrawled } from './observed.ts';
import { deductionPoints, rubricRow, ruleQuote } from './rubric-rows.ts';
import { compactTitle } from './text.ts';

function itemName(item: ListItem, fields: readonly string[]): string | null {
  for (const f of fields) {
    const v = item.extra?.[f]?.trim();
    if (v) return v;
  }
  return null;
}

/**
 * Names in the 公开事项 (or configured) column of catalogue tables. Real 标准目录 tables (德安县 涉农资金领域, 凤屯镇
 * 政府文件领域, 胡集镇 试点领域) have a second header row (一级事项 | 二级事项 | 全社会 | 特定群众 | 主动 …) before the
 * first numbered row, and rows under a rowspanned 序号/一级事项 that are short by those cells: the first are skipped,
 * the second read aligned from the right.
 */
function tableItemNames(tables: readonly { headers: string[]; rows: string[][] }[], fields: readonly string[]): string[] {
  const names: string[] = [];
  for (const t of tables) {
    const col = fields.map((f) => t.headers.findIndex((h) => h.replace(/\s/g, '') === f)).find((i) => i >= 0);
    if (col === undefined) continue;
    const numbered = (r: string[]) => /^\d{1,3}$/.test(r[0]?.trim() ?? '');
    const firstData = t.rows.findIndex(numbered);
    const rows = firstData > 0 ? t.rows.slice(firstData) : t.rows;
    const width = Math.max(...rows.filter(numbered).map((r) => r.length), 0);
    for (const r of rows) {
      const at = width > r.length && !numbered(r) ? col - (width - r.length) : col;
      if (at >= 0 && r[at]?.trim()) names.push(r[at].trim());
    }
  }
  return names;
}

/** The 事项 keyword and its variants without 信息/情况 suffixes. */
function catalogKeywords(name: string, suffixes: readonly string[]): string[] {
  const base = compactTitle(name);
  const out = [base];
  let t = base;
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of suffixes) {
      if (t.endsWith(s) && t.length - s.length >= 2) {
        t = t.slice(0, -s.length);
        out.push(t);
        changed = true;
      }
    }
  }
  return [...new Set(out)];
}

/** The catalogue's items, each with the link the catalogue gives for it (row link, or a link of the same name). */
function catalogEntries(ctx: CheckContext, obs: UnitObservations, cat: ColumnObservation): CatalogEntry[] {
  const s = ctx.settings;
  const catalogDetails = obs.details.filter((d) => d.columnKey === 'catalog');
  const pageLinks = catalogDetails.flatMap((d) => d.links);
  const own = (url: string) => (cat.url !== null && sameAddress(url, cat.url)) || catalogDetails.some((d) => sameAddress(d.url, url));
  const entries: CatalogEntry[] = [];
  for (const i of cat.items) {
    const name = itemName(i, s.catalogItemFields);
    if (name) entries.push({ name, url: own(i.url) ? linkForName(pageLinks, name) : i.url });
  }
  for (const d of catalogDetails)
    for (const name of tableItemNames(d.tables ?? [], s.catalogItemFields)) entries.push({ name, url: linkForName(d.links, name) });
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.name) && seen.add(e.name));
}

interface Judgement {
  confidence: Confidence;
  reason: string;
  measured: string;
  /** The place's own evidence, beside the catalogue row; null when no place was found. */
  evidence: Evidence | null;
}

/** Why an item counts as not published, or null when its place (or a title) shows it is. */
function judge(ctx: CheckContext, obs: UnitObservations, entry: CatalogEntry, titles: string[]): Judgement | null {
  const keys = catalogKeywords(entry.name, ctx.settings.catalogStripSuffixes);
  if (titles.some((t) => keys.some((k) => t.includes(k)))) return null;
  const place = placeState(obs, entry, keys, { windowStart: ctx.window.start, articleMinChars: ctx.settings.articleMinChars });
  switch (place.state) {
    case 'present':
      return null;
    case 'empty':
      return {
        confidence: 'high',
        reason: `${place.how}，该栏目已读取，没有任何信息`,
        measured: `${place.how}，栏目${place.col.placeholder ? `显示"${place.col.placeholder}"` : '条目数为 0'}`,
        evidence: columnEvidence(obs, place.col),
      };
    case 'stale':
      return {
        confidence: 'low',
        reason: `${place.how}，栏目最新信息为 ${place.newest}，早于考核期；该事项是否须在本期更新取决于目录所列公开时限，需人工核实`,
        measured: `${place.how}，最新一条为 ${place.newest}，考核期（${ctx.window.start} 起）内没有该事项的信息`,
        evidence: columnEvidence(obs, place.col),
      };
    case 'unreadable':
      return {
        confidence: 'low',
        reason: `${place.how}，但该栏目本次未能读取（${place.col.note ?? place.col.status}），需人工核实`,
        measured: `${place.how}，该栏目未能读取`,
        evidence: columnEvidence(obs, place.col),
      };
    case 'not-found':
      return {
        confidence: 'low',
        reason: '目录未给出该事项的链接，也没有同名栏目，只是各栏目标题中未见该事项——间接证据，需人工核实',
        measured: `在本单位各栏目的 ${titles.length} 条信息标题中未找到含"${keys.join('"或"')}"的条目，也未找到同名栏目`,
        evidence: null,
      };
  }
}

export const catalogItemMissing: Check = {
  id: 'catalog.item-missing',
  family: 'catalog',
  run(ctx, unit, obs) {
    if (unit.class !== 'A' || homeUnreachable(obs) || notCrawled(obs)) return [];
    const cat = column(obs, 'catalog');
    if (!cat || cat.status !== 'ok') return [];
    // Only a table read row by row (公开事项 cells, on the list or in the catalogue document) is a catalogue;
    // a plain link to a catalogue page is not judged.
    const entries = catalogEntries(ctx, obs, cat);
    if (entries.length === 0) return [];
    const titles = [
      ...itemsExcept(obs, ['catalog']).map((i) => i.title),
      // a column's own page (kept as a detail) is titled with the column's name: its place, judged below, not a title
      ...obs.details
        .filter((d) => d.columnKey !== 'catalog' && !obs.columns.some((c) => c.url !== null && sameAddress(c.url, d.url)))
        .map((d) => d.title),
    ].map(compactTitle);
    const row = rubricRow(ctx, unit, 'catalog');
    const points = deductionPoints(row);
    const out: Finding[] = [];
    for (const entry of entries) {
      const j = judge(ctx, obs, entry, titles);
      if (!j) continue;
      const rowEvidence = columnEvidence(obs, cat, `公开事项：${entry.name}`);
      out.push(
        makeFinding(unit, {
          checkId: 'catalog.item-missing',
          indicator: 'catalog',
          column: 'catalog',
          subject: entry.name,
          kind: 'deduction',
          title: `标准目录事项未公开：${entry.name}`,
          detail: `本单位标准目录列有公开事项"${entry.name}"；${j.measured}。考核方案"已公布标准目录执行情况"：${ruleQuote(row, '未按已公布标准目录公开的，发现一项，扣0.5分')}（国办发〔2019〕54号）。`,
          suggestedPoints: -points,
          confidence: j.confidence,
          confidenceReason: j.reason,
          evidence: j.evidence ? [rowEvidence, j.evidence] : [rowEvidence],
        }),
      );
    }
    return out;
  },
};
