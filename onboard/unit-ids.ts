// Unit ids made from names: pinyin of the name without county, 人民政府/政府 and the 镇/乡/局 ending.
import { pinyin } from 'pinyin-pro';
import type { PlannedUnit } from './unit-list.ts';
import { splitUnitName } from './name-parts.ts';

function pinyinOf(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * The same name always gives the same id; when two names give one id, the later one gets its ending's pinyin
 * (北景乡 → beijing-xiang beside 北京镇 → beijing), then a number.
 */
export function assignUnitIds(units: PlannedUnit[], county: string | null): (PlannedUnit & { id: string })[] {
  const taken = new Set(units.map((u) => u.id).filter((id): id is string => id !== null));
  return units.map((u) => {
    if (u.id) return { ...u, id: u.id };
    const parts = splitUnitName(u.name, county);
    const base = pinyinOf(parts.core) || pinyinOf(u.name) || 'unit';
    const start = /^[a-z0-9]/.test(base) ? base : `u${base}`;
    let id = start;
    if (taken.has(id) && parts.kind) id = `${start}-${pinyinOf(parts.kind)}`;
    for (let n = 2; taken.has(id); n++) id = `${start}-${n}`;
    taken.add(id);
    return { ...u, id };
  });
}
