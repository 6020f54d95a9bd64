// Which CMS built a page (real-portals.md §2 "CMS detector", extended). Used to explain extraction choices.

export type CmsKind = 'gkmlpt' | 'hanweb' | 'trs-hyun' | 'trs-wcm' | 'kaipuyun' | 'epoint' | 'poweresay' | 'wordpress' | 'unknown';

const RULES: { kind: CmsKind; patterns: RegExp[] }[] = [
  { kind: 'gkmlpt', patterns: [/\/gkmlpt\//i] },
  { kind: 'hanweb', patterns: [/\/module\/web\/jpage\//i, /dataproxy\.jsp/i, /<datastore>/i, /\/module\/jslib\//i, /\/col\/col\d+\//i] },
  { kind: 'trs-hyun', patterns: [/pageChnlInfo/, /\/fjdzapp\//i, /ms-controller=/i] },
  { kind: 'trs-wcm', patterns: [/createPageHTML\s*\(/, /class=["']?TRS_Editor/i, /was5\/web\/search/i, /CurrChnlCls/, /trs_editor_view/i] },
  { kind: 'kaipuyun', patterns: [/<ucapcontent/i, /<ucaptitle/i, /kpyfx_js_id/i, /ucap/i] },
  { kind: 'epoint', patterns: [/class=["'][^"']*\bewb-/i, /webbuildercommon/i, /iList\.jsp/i] },
  { kind: 'poweresay', patterns: [/\/Category_\d+\/Index\.aspx/i, /\/Item\/\d+\.aspx/i] },
  { kind: 'wordpress', patterns: [/wp-content\//i] },
];

/** The first CMS whose marker appears in the page (most specific platforms first). */
export function fingerprintCms(html: string): CmsKind {
  for (const rule of RULES) if (rule.patterns.some((p) => p.test(html))) return rule.kind;
  return 'unknown';
}
