// Finds required elements (指南要素, 机构职能字段) in article text by keyword + pattern lists from settings.
import type { CheckSettings, TextPattern } from './settings.ts';
import { compile, excerptAround } from './text.ts';

export interface ElementHit {
  found: boolean;
  excerpt: string | null;
}

const CLAUSE_END = /[。;；\n]/;

function excludedBefore(text: string, index: number, rule: NonNullable<TextPattern['excludeBefore']>): boolean {
  const before = text.slice(Math.max(0, index - rule.within), index);
  const clause = before.split(CLAUSE_END).pop() ?? '';
  return rule.words.some((w) => clause.includes(w));
}

function matchPattern(text: string, p: TextPattern): ElementHit {
  for (const source of p.patterns) {
    const re = compile(source, 'giu');
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      const start = m.index + (m[0].length - m[0].trimStart().length);
      if (p.excludeBefore && excludedBefore(text, start, p.excludeBefore)) continue;
      return { found: true, excerpt: excerptAround(text, start, 40) };
    }
  }
  return { found: false, excerpt: null };
}

/** A person's name next to a title: "局长：张三", "张三 局长", "党委书记、镇长 李四". */
export function findPersonName(text: string, settings: CheckSettings): ElementHit {
  const titles = [...settings.personTitles].sort((a, b) => b.length - a.length).join('|');
  const surnames = [...settings.surnames].sort((a, b) => b.length - a.length).join('|');
  // Given-name characters exclude those that end organisation words (管局, 常务副) to avoid false names.
  const name = `(?:${surnames})(?:(?![局委办所站院务副县镇乡府部长记任职责党政工作主管分同志])[\\u4e00-\\u9fa5]){1,2}`;
  const patterns = [
    `(?:${titles})\\s*[:：]?\\s*(${name})(?![\\u4e00-\\u9fa5]{2})`,
    `(?:${titles})\\s*[:：]\\s*(${name})`,
    `(${name})\\s*[,，、(（]?\\s*(?:同志)?\\s*[,，、]?\\s*(?:党组书记|党委书记|副局长|局长|副主任|主任|副镇长|镇长|副乡长|乡长|书记)`,
  ];
  for (const source of patterns) {
    const m = compile(source, 'u').exec(text);
    if (m) return { found: true, excerpt: excerptAround(text, m.index, 40) };
  }
  return { found: false, excerpt: null };
}

export function findElement(text: string, links: readonly { text: string; url: string }[], p: TextPattern, settings: CheckSettings): ElementHit {
  if (p.person) return findPersonName(text, settings);
  const hit = matchPattern(text, p);
  if (hit.found) return hit;
  if (p.linkText) {
    const link = links.find((l) => p.linkText!.some((k) => l.text.includes(k)) || /^(https?:\/\/|www\.)/i.test(l.text.trim()));
    if (link && /^https?:\/\//i.test(link.url)) return { found: true, excerpt: `链接"${link.text}" → ${link.url}` };
  }
  return hit;
}
