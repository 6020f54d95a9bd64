// Title matching for 征求意见/解读/结果 rows and documents ↔ 解读.
import { compactTitle } from './text.ts';

const NOISE =
  /关于|公开征求|征求意见稿|征求意见|意见征集|的公告|的通知|公告|通知|起草说明|政策解读|解读|结果|反馈|采纳情况|情况|的说明|说明|草案/g;

function topicOf(title: string): string {
  return compactTitle(title).replace(NOISE, '');
}

function longestCommonSubstring(a: string, b: string): number {
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      if (prev[j] > best) best = prev[j];
      diag = up;
    }
  }
  return best;
}

/** Same subject when the topics share a run of at least 60 % of the shorter one (and ≥ 4 characters). */
export function sameTopic(a: string, b: string): boolean {
  const ta = topicOf(a);
  const tb = topicOf(b);
  if (!ta || !tb) return false;
  const need = Math.max(4, Math.ceil(0.6 * Math.min(ta.length, tb.length)));
  return longestCommonSubstring(ta, tb) >= need;
}

/** Core of a document title: after the first 关于, without 印发/转发 and the trailing 的通知. */
export function documentCore(title: string): string {
  let t = compactTitle(title);
  const i = t.indexOf('关于');
  if (i >= 0) t = t.slice(i + 2);
  t = t.replace(/^(印发|转发|颁布|发布)/, '').replace(/的(通知|决定|通告|批复|函)$/, '');
  return t;
}

export function quotedTitles(title: string): string[] {
  return [...title.matchAll(/《([^》]{2,})》/g)].map((m) => compactTitle(m[1]));
}
