// Every column of a unit the portal serves: navigation columns, their sub-columns and the places only the 标准目录 links to.
import type { Column, UnitModel } from './model.ts';

export function everyColumn(unit: Pick<UnitModel, 'columns'>): Column[] {
  return unit.columns.flatMap((c) => [c, ...(c.subs ?? []), ...(c.places ?? [])]);
}
