// Reads the required elements (指南要素, 机构职能字段) of an article: which are there, where, and how sure we are.
// Found = the element's value itself was seen (a number by its label, a time range, an address …). Absent is `high`
// only when the text is whole and nothing resembling the element is there at all; a label without its value, or
// words that hint at the element, make the absence `low`: a person decides.
import type { CheckSettings } from './settings.ts';
import type { Confidence } from '../model/index.ts';
import type { ElementDefinition } from './element-definitions.ts';
import { recognise } from './element-kinds.ts';
import { excerptAround, normalizeText, visibleLength } from './text.ts';

export interface ElementSource {
  text: string;
  links: readonly { text: string; url: string }[];
  tables?: readonly { headers: string[]; rows: string[][] }[];
}

export interface ElementReading {
  id: string;
  found: boolean;
  /** Text around the evidence (found), or around the doubtful mention, or null. */
  excerpt: string | null;
  /** How sure the decision is: found by its value, or absent with nothing resembling it in a whole text → high. */
  confidence: Confidence;
  /** Chinese: how the element was recognised, or why its absence is (not) certain. */
  reason: string;
}

interface ReadOptions {
  /** The text may be incomplete (cut off, short, or the article is an attachment or image): absences are low. */
  incomplete?: string | null;
}

/** Contact tables read as "表头：单元格" lines, so a number sits next to its label as in prose. */
function tableLines(tables: ElementSource['tables']): string {
  const lines: string[] = [];
  for (const t of tables ?? []) {
    if (t.headers.length === 2) {
      for (const r of [t.headers, ...t.rows]) if (r[0] && r[1]) lines.push(`${r[0]}：${r[1]}`);
      continue;
    }
    for (const r of t.rows)
      lines.push(
        t.headers
          .map((h, i) => (h && r[i] ? `${h}：${r[i]}` : ''))
          .filter(Boolean)
          .join('；'),
      );
  }
  return lines.join('\n');
}

function traceIn(text: string, def: ElementDefinition): string | null {
  const lower = text.toLowerCase();
  return [...def.traces, ...def.labels.map((l) => l.word)].find((w) => lower.includes(w.toLowerCase())) ?? null;
}

export function readElements(
  src: ElementSource,
  elements: readonly ElementDefinition[],
  settings: CheckSettings,
  options: ReadOptions = {},
): ElementReading[] {
  const text = normalizeText([src.text, tableLines(src.tables)].filter(Boolean).join('\n'));
  const chars = visibleLength(src.text);
  const incomplete = options.incomplete ?? (chars < settings.guideShortChars ? `正文较短（${chars} 字），可能只抓到了部分内容` : null);
  return elements.map((def): ElementReading => {
    const r = recognise({ text, links: src.links }, def, settings);
    const excerpt = r ? (r.index >= 0 ? excerptAround(text, r.index, 40) : r.how) : null;
    if (r?.strength === 'strong') return { id: def.id, found: true, excerpt, confidence: 'high', reason: `认出：${r.how}` };
    if (r) return { id: def.id, found: false, excerpt, confidence: 'low', reason: `${r.how}，需人工核实` };
    const trace = traceIn(text, def);
    if (trace)
      return {
        id: def.id,
        found: false,
        excerpt: excerptAround(text, text.toLowerCase().indexOf(trace.toLowerCase()), 40),
        confidence: 'low',
        reason: `未认出该项，但正文有"${trace}"等相关字样，可能以其他写法给出，需人工核实`,
      };
    if (incomplete) return { id: def.id, found: false, excerpt: null, confidence: 'low', reason: `未找到该项；${incomplete}，需人工核实` };
    return {
      id: def.id,
      found: false,
      excerpt: null,
      confidence: 'high',
      reason: `正文完整（${chars} 字），按标签、取值形式和正文表格查找均无此项，也无相关字样`,
    };
  });
}
