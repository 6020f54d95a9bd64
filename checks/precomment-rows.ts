// Which 重大行政决策 rows are this year's 决策草案 consultations, read as 《重大行政决策程序暂行条例》 asks: 第十四条/
// 第十五条 — the 决策草案 is published for public comment (with its 说明), the comment period is normally at least 30
// days, and the 意见采纳情况 is fed back. A row of another kind (a call for 决策事项 proposals, a meeting notice that
// names no draft) or of another year does not count; a row whose date or draft cannot be told goes to a person.
import type { DetailObservation, ListItem } from '../store/index.ts';
import { daysBetween, inRange } from './dates.ts';
import { containsAny } from './text.ts';

interface PrecommentWords {
  consultation: readonly string[]; // 征求意见, 意见征集
  draft: readonly string[]; // 征求意见稿, 草案
  interpretation: readonly string[]; // 解读, 起草说明
  result: readonly string[]; // 结果, 反馈, 采纳
  /** The row names the draft it consults on (征求意见稿, 草案, 《…》). */
  namedDraft: readonly string[];
  /** Rows that mention consultation but are another thing (征集决策事项建议, 座谈会). */
  notKind: readonly string[];
}

interface DraftRow {
  item: ListItem;
  /** The comment period the page states (征求意见时间：X至Y), in days, when it states one. */
  periodDays: number | null;
}

interface PrecommentReading {
  drafts: DraftRow[]; // this window's consultations on a named draft
  interps: ListItem[];
  results: ListItem[];
  unsure: { item: ListItem; why: string }[];
  /** Rows that do not count, with why: another year, another kind. */
  notCounted: { item: ListItem; why: string }[];
}

// 2023年4月1日 or 2023-04-01 / 2023.4.1; the end may leave out its year (4月1日至5月5日)
const DATE = String.raw`(20\d{2})[年./-](\d{1,2})[月./-](\d{1,2})日?`;
const SHORT = String.raw`(?:(20\d{2})[年./-])?(\d{1,2})[月./-](\d{1,2})日?`;
const PERIOD = new RegExp(`(?:征求意见|意见征集|反馈意见|征集意见)[^。]{0,30}?${DATE}[^。\\d]{0,12}?(?:至|到|—|－|~|～|-)${SHORT}`);

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/** The comment period a consultation page states ("征求意见时间为2023年4月1日至5月5日"), inclusive, in days. */
export function statedPeriodDays(text: string): number | null {
  const m = PERIOD.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const start = iso(m[1], m[2], m[3]);
  const end = iso(m[4] ?? m[1], m[5], m[6]);
  const days = daysBetween(start, end) + 1;
  return days > 0 && days < 400 ? days : null;
}

function dateOf(item: ListItem, detail: DetailObservation | undefined): string | null {
  return item.date ?? detail?.publishedAt ?? null;
}

export function readPrecommentRows(
  items: readonly ListItem[],
  details: readonly DetailObservation[],
  window: { start: string; end: string },
  words: PrecommentWords,
): PrecommentReading {
  const results = items.filter((i) => containsAny(i.title, words.result) && !containsAny(i.title, ['解读']));
  const interps = items.filter((i) => containsAny(i.title, words.interpretation) && !results.includes(i));
  const out: PrecommentReading = { drafts: [], interps, results, unsure: [], notCounted: [] };
  const draftWords = words.draft.filter((d) => !words.consultation.includes(d));
  for (const item of items) {
    if (results.includes(item) || interps.includes(item)) continue;
    const mentions = [...words.consultation, ...draftWords, ...words.notKind];
    if (!containsAny(item.title, mentions)) continue;
    const detail = details.find((d) => d.url === item.url);
    if (containsAny(item.title, words.notKind)) {
      out.notCounted.push({ item, why: `"${item.title}"不是决策草案的征求意见` });
      continue;
    }
    const date = dateOf(item, detail);
    if (date && !inRange(date, window.start, window.end)) {
      out.notCounted.push({ item, why: `"${item.title}"发布于 ${date}，不在考核期内` });
      continue;
    }
    if (!date) {
      out.unsure.push({ item, why: `"${item.title}"没有可识别的发布日期，无法确定是否为考核期内的征求意见` });
      continue;
    }
    if (!containsAny(item.title, words.namedDraft) && !(detail && containsAny(detail.text, words.namedDraft))) {
      out.unsure.push({ item, why: `"${item.title}"未写明所征求意见的决策草案` });
      continue;
    }
    out.drafts.push({ item, periodDays: detail ? statedPeriodDays(detail.text) : null });
  }
  return out;
}
