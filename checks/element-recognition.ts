// Reads the required elements (指南要素, 机构职能字段) of an article: which are there, where, and how sure we are.
import type { CheckSettings, TextPattern } from './settings.ts';
import type { Confidence } from './types.ts';
import { findElement } from './elements.ts';
import { normalizeText } from './text.ts';

export interface ElementSource {
  text: string;
  links: readonly { text: string; url: string }[];
  tables?: readonly { headers: string[]; rows: string[][] }[];
}

export interface ElementReading {
  id: string;
  found: boolean;
  /** Text around the evidence (found) or null. */
  excerpt: string | null;
  /** Confidence of the decision: a found element is certain; an absence is only as sure as the search. */
  confidence: Confidence;
  /** Chinese: how the element was recognised, or why its absence is (not) certain. */
  reason: string;
}

export function readElements(src: ElementSource, elements: readonly TextPattern[], settings: CheckSettings): ElementReading[] {
  const text = normalizeText(src.text);
  return elements.map((el) => {
    const hit = findElement(text, src.links, el, settings);
    return {
      id: el.id,
      found: hit.found,
      excerpt: hit.excerpt,
      confidence: 'high',
      reason: hit.found ? '按关键词找到' : '未匹配到关键词',
    };
  });
}
