// Hanweb JCMS paging endpoint (/module/web/jpage/dataproxy.jsp): the records of one column as XML.
import type { Column, SiteModel, UnitModel } from '../model.ts';
import { everyColumn } from '../columns.ts';
import { hanwebRecords } from './rows.ts';

function findColumn(site: SiteModel, cid: number): { unit: UnitModel; col: Column } | null {
  for (const unit of site.units) {
    if (unit.style !== 'hanweb' || unit.unreachable) continue;
    for (const col of everyColumn(unit)) if (col.cid === cid) return { unit, col };
  }
  return null;
}

export function hanwebProxy(site: SiteModel, q: URLSearchParams): string {
  const found = findColumn(site, Number(q.get('columnid')));
  if (!found) return '<?xml version="1.0" encoding="UTF-8"?>\n<datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>';
  const { unit, col } = found;
  const start = Math.max(1, Number(q.get('startrecord') ?? 1) || 1);
  const end = Math.max(start, Number(q.get('endrecord') ?? col.items.length) || col.items.length);
  const rows = col.items.slice(start - 1, end);
  const inner = /<recordset>([\s\S]*)<\/recordset>/.exec(hanwebRecords(unit, col, rows))?.[1] ?? '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<datastore><totalrecord>${col.items.length}</totalrecord><recordset>${inner}</recordset></datastore>`;
}
