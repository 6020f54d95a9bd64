// catalog.item-missing (A; rubric 已公布标准目录执行情况, §9): each 公开事项 of the 标准目录 table needs matching rows.
import type { ListItem } from '../store/index.ts';
import type { Check } from './context.ts';
import type { Finding } from '../model/index.ts';
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

/** Names in the 公开事项 (or configured) column of catalogue tables. */
function tableItemNames(tables: readonly { headers: string[]; rows: string[][] }[], fields: readonly string[]): string[] {
  const names: string[] = [];
  for (const t of tables) {
    const col = fields.map((f) => t.headers.findIndex((h) => h.replace(/\s/g, '') === f)).find((i) => i >= 0);
    if (col === undefined) continue;
    for (const r of t.rows) if (r[col]?.trim()) names.push(r[col].trim());
  }
  return names;
}

/** The 事项 keyword and its variants without 信息/情况 suffixes. */
export function catalogKeywords(name: string, suffixes: readonly string[]): string[] {
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

export const catalogItemMissing: Check = {
  id: 'catalog.item-missing',
  family: 'catalog',
  run(ctx, unit, obs) {
    if (unit.class !== 'A' || homeUnreachable(obs) || notCrawled(obs)) return [];
    const cat = column(obs, 'catalog');
    if (!cat || cat.status !== 'ok') return [];
    const s = ctx.settings;
    // Only a table read row by row (公开事项 cells, on the list or in the catalogue document) is a catalogue;
    // a plain link to a catalogue page is not judged.
    const entries = [
      ...cat.items.map((i) => ({ name: itemName(i, s.catalogItemFields) })),
      ...obs.details
        .filter((d) => d.columnKey === 'catalog')
        .flatMap((d) => tableItemNames(d.tables ?? [], s.catalogItemFields).map((name) => ({ name }))),
    ].filter((e) => e.name);
    if (entries.length === 0) return [];
    const titles = [
      ...itemsExcept(obs, ['catalog']).map((i) => i.title),
      ...obs.details.filter((d) => d.columnKey !== 'catalog').map((d) => d.title),
    ].map(compactTitle);
    const row = rubricRow(ctx, unit, 'catalog');
    const points = deductionPoints(row);
    const done = new Set<string>();
    const out: Finding[] = [];
    for (const { name } of entries) {
      if (done.has(name!)) continue;
      done.add(name!);
      const keys = catalogKeywords(name!, s.catalogStripSuffixes);
      if (titles.some((t) => keys.some((k) => t.includes(k)))) continue;
      out.push(
        makeFinding(unit, {
          checkId: 'catalog.item-missing',
          indicator: 'catalog',
          column: 'catalog',
          subject: name!,
          kind: 'deduction',
          title: `标准目录事项未公开：${name}`,
          detail: `本单位标准目录列有公开事项"${name}"，但在本单位各栏目的 ${titles.length} 条信息标题中未找到含"${keys.join('"或"')}"的条目。考核方案"已公布标准目录执行情况"：${ruleQuote(row, '未按已公布标准目录公开的，发现一项，扣0.5分')}（国办发〔2019〕54号）。`,
          suggestedPoints: -points,
          evidence: [columnEvidence(obs, cat, `公开事项：${name}`)],
        }),
      );
    }
    return out;
  },
};
