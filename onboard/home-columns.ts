// The columns the crawler will find from a unit's home (its navigation, and the 重点领域 hub under it), and the
// columns the rubric requires of the unit: what zwgk init and zwgk doctor both report.
import { keyFieldsForUnit, type Rubric, type UnitClass } from '../config/index.ts';
import { decodeHtml, discoverColumns, discoverSubColumns, loadColumnSynonyms, KEY_FIELDS_HUB, type Fetcher } from '../crawler/index.ts';

interface HomeColumn {
  key: string;
  /** The link text it was found under. */
  label: string;
  url: string;
}

/** Column keys the unit is checked for: its class's required columns in the rubric, and the 重点领域 it answers for. */
export function requiredColumnKeys(rubric: Rubric, unit: { name: string; class: UnitClass; keyFields?: string[] }): string[] {
  const known = new Set(loadColumnSynonyms().columns.map((c) => c.key));
  const columns = rubric.classes[unit.class].requiredColumns.filter((k) => known.has(k) || k.startsWith('keyField:'));
  return [...new Set([...columns, ...keyFieldsForUnit(rubric, unit).map((k) => `keyField:${k}`)])];
}

/** Columns discovered on the home page, with the 重点领域 hub's sub-columns (the hub itself is not a column). */
export async function columnsFromHome(fetcher: Fetcher, homeHtml: string, homeUrl: string, hubOverride?: string): Promise<HomeColumn[]> {
  const out = new Map<string, HomeColumn>();
  for (const c of discoverColumns(homeHtml, homeUrl)) if (!out.has(c.key)) out.set(c.key, { key: c.key, label: c.label, url: c.url });
  const hubUrl = hubOverride ?? out.get(KEY_FIELDS_HUB)?.url;
  if (hubUrl) {
    const r = await fetcher.fetch(hubUrl);
    if (r.ok && r.body) {
      const html = decodeHtml(r.body, r.headers['content-type'] ?? null).text;
      for (const c of discoverSubColumns(html, r.finalUrl, KEY_FIELDS_HUB))
        if (!out.has(c.key)) out.set(c.key, { key: c.key, label: c.label, url: c.url });
    }
  }
  out.delete(KEY_FIELDS_HUB);
  return [...out.values()];
}
