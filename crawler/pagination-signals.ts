// What a list page says about its own pages, apart from its pager links: the count it announces in words
// (共N页, 页次：1/N, 共N条 每页M条) and the count and address pattern a script-built pager carries in variables.
// Sources of each form are noted beside it; counts are checked by believablePages in pagination.ts.

interface ScriptPager {
  total: number;
  /** The page number the script holds for this page (0 on a zero-based first page), null when not given. */
  current: number | null;
  /** Static page address pattern the script writes (index + "_" + n + ".html"), null when not readable. */
  prefix: string | null;
  ext: string | null;
}

// Announced counts in a pager's words.
// 共N页 / 第x/N页: common to TRS, Hanweb and hand-written pagers (test/fixtures/extract gbk-era-list);
// 页次：1/N(页) 每页M条: ASP/JSP pager strings kept in public crawler repositories (e.g. "页次：1/212 每页40",
// "页次：1/29 每页20条", "首页 上一页 下一页 尾页 页次：1/1页 共有8条");
// 共N条记录，每页M条 / 共N条 每页M条: the same pagers when they give records instead of pages.
const PAGE_COUNT_FORMS: readonly RegExp[] = [
  /共\s*(\d{1,6})\s*页/,
  /页次\s*[:：]?\s*\d{1,6}\s*\/\s*(\d{1,6})/,
  /第?\s*\d{1,6}\s*\/\s*(\d{1,6})\s*页/,
];
const RECORDS_THEN_PER_PAGE = /共\s*有?\s*(\d{1,7})\s*条(?:记录|信息|数据)?[^。\n]{0,16}?每页\s*(?:显示)?\s*[:：]?\s*(\d{1,4})\s*条/;
const PER_PAGE_THEN_RECORDS = /每页\s*(?:显示)?\s*[:：]?\s*(\d{1,4})\s*条[^。\n]{0,16}?共\s*有?\s*(\d{1,7})\s*条/;

/** The page count a pager announces in words, or null. */
export function announcedPageCount(text: string): number | null {
  for (const form of PAGE_COUNT_FORMS) {
    const m = form.exec(text);
    if (m) return Number(m[1]);
  }
  const a = RECORDS_THEN_PER_PAGE.exec(text);
  if (a && Number(a[2]) > 0) return Math.max(1, Math.ceil(Number(a[1]) / Number(a[2])));
  const b = PER_PAGE_THEN_RECORDS.exec(text);
  if (b && Number(b[1]) > 0) return Math.max(1, Math.ceil(Number(b[2]) / Number(b[1])));
  return null;
}

// Variables of script-built pagers. countPage/currentPage with document.write("index"+"_"+nextPage+"."+"html"):
// TRS WCM template on ../shared/real-pages hb-handan-xxgk-list (邯郸 近期信息公开); the other names are the same
// template's relatives in TRS and jQuery pager set-ups (pageCount, totalPage, _nPageCount/_nCurrIndex).
const COUNT_VARIABLE =
  /\b(?:countPage|pageCount|page_count|totalPages?|total_page|_nPageCount|pageTotal|allPages?)\s*[=:]\s*['"]?(\d{1,9})\b/;
const CURRENT_VARIABLE = /\b(?:currentPage|curPage|cur_page|currPage|nowPage|_nCurrIndex)\s*[=:]\s*['"]?(\d{1,9})\b/;
// "index"+"_"+n+"."+"html" once adjacent literals are joined: "index_"+n+".html"
const STATIC_ADDRESS = /["']([A-Za-z][\w-]*)_["']\s*\+\s*[\w.()]+\s*\+\s*["']\.(s?html?)\b/;

/** Reads a script-built pager's count, current page and address pattern; null when the scripts hold no count. */
export function scriptPager(js: string): ScriptPager | null {
  const count = COUNT_VARIABLE.exec(js);
  if (!count) return null;
  const current = CURRENT_VARIABLE.exec(js);
  const joined = js.replace(/(["'])\s*\+\s*\1/g, '');
  const address = STATIC_ADDRESS.exec(joined);
  return {
    total: Number(count[1]),
    current: current ? Number(current[1]) : null,
    prefix: address ? address[1] : null,
    ext: address ? address[2] : null,
  };
}
