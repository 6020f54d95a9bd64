// Which 重大行政决策 row is this year's 事项目录: the kind (a 目录 of 决策事项, not a call for proposals for one) and
// the year it covers (the year its title names — "2023年度…目录" published in December 2022 is 2023's; a 2022 目录
// republished in 2023 is not), read as 《重大行政决策程序暂行条例》第三条 (决策机关应当…确定并公布年度决策事项目录) asks.
import type { ListItem } from '../store/index.ts';
import { containsAny } from './text.ts';

interface CatalogWords {
  catalog: readonly string[]; // 目录
  kind: readonly string[]; // 决策
  notKind: readonly string[]; // 征集, 建议 …
}

type CatalogRowReading =
  | { state: 'this-year'; item: ListItem }
  | { state: 'unsure'; item: ListItem; why: string }
  | { state: 'none'; why: string };

/** The year a row covers: the first 20xx年 its title names, else the year it was published. */
function coveredYear(item: ListItem): number | null {
  const named = /(20\d{2})\s*年/.exec(item.title);
  if (named) return Number(named[1]);
  return item.date ? Number(item.date.slice(0, 4)) : null;
}

export function readCatalogRows(items: readonly ListItem[], year: number, words: CatalogWords): CatalogRowReading {
  const catalogs = items.filter((i) => containsAny(i.title, words.catalog) && !containsAny(i.title, words.notKind));
  const ofYear = catalogs.filter((i) => coveredYear(i) === year);
  const named = ofYear.find((i) => containsAny(i.title, words.kind));
  if (named) return { state: 'this-year', item: named };
  if (ofYear.length > 0)
    return { state: 'unsure', item: ofYear[0], why: `"${ofYear[0].title}"是 ${year} 年的目录，但标题未写明是重大行政决策事项目录` };
  const years = [...new Set(catalogs.map(coveredYear).filter((y): y is number => y !== null))].sort();
  const calls = items.filter((i) => containsAny(i.title, words.catalog) && containsAny(i.title, words.notKind));
  const seen = years.length > 0 ? `只见 ${years.join('、')} 年的目录` : '未见决策事项目录';
  return { state: 'none', why: calls.length > 0 ? `${seen}（"${calls[0].title}"是征集目录建议，不是目录本身）` : seen };
}
