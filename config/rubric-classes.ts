// How the classes of a rubric are named and ordered in every document: from the rubric (its keys in file order and
// their labels) and the county config (how many units each class has), never from the 2023 names.
import type { Rubric } from './rubric-types.ts';

export interface ClassInfo {
  key: string; // the class as the county config names it (A, B, 乡镇, 街道 …)
  label: string; // the rubric's label (乡镇, 县直单位 …); the key when the rubric gives none
  heading: string; // A类（乡镇） for a letter key, else the label
  short: string; // A类 for a letter key, else the label
  inline: string; // A类乡镇 for a letter key, else the label (全县41个单位（A类乡镇14个、B类县直单位27个）)
  units: number; // units of the class in the county config
}

const LETTER_KEY = /^[A-Za-z0-9]{1,3}$/;

export function classInfo(key: string, label: string | undefined, units: number): ClassInfo {
  const name = label?.trim() || key;
  const letter = LETTER_KEY.test(key);
  return {
    key,
    label: name,
    heading: letter ? (name === key ? `${key}类` : `${key}类（${name}）`) : name,
    short: letter ? `${key}类` : name,
    inline: letter ? (name === key ? `${key}类` : `${key}类${name}`) : name,
    units,
  };
}

/**
 * The classes that have units, in the rubric's order (a class the rubric lacks, which preflight refuses, comes last
 * under its key). A class of the rubric with no unit in this county is left out: no document counts "街道0个".
 */
export function rubricClasses(rubric: Pick<Rubric, 'classes'> | null | undefined, units: readonly { class: string }[]): ClassInfo[] {
  const count = new Map<string, number>();
  for (const u of units) count.set(u.class, (count.get(u.class) ?? 0) + 1);
  const keys = [...Object.keys(rubric?.classes ?? {}), ...count.keys()];
  return [...new Set(keys)].filter((k) => count.has(k)).map((k) => classInfo(k, rubric?.classes[k]?.label, count.get(k)!));
}

/** A类乡镇14个、B类县直单位27个 (form 'label': 乡镇14个、县直单位27个) — or '' for a single class (the total says it all). */
export function classCountsText(classes: readonly ClassInfo[], form: 'inline' | 'label' = 'inline'): string {
  return classes.length > 1 ? classes.map((c) => `${c[form]}${c.units}个`).join('、') : '';
}
