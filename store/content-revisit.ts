// Where the open content findings of earlier runs stand, per unit: the page itself, or the page linking the
// attachment. A run reads these pages again although they are past its reading window, so that a corrected article
// is seen corrected (a finding is rectified only when its page or attachment was read again, finding-lifecycle.ts).
import type { Store } from './db.ts';
import { listTrackedFindings } from './finding-lifecycle.ts';

export interface RevisitPage {
  url: string;
  columnKey: string | null;
  attachments: { url: string; name: string }[]; // files of findings the page linked, asked for directly
}

export function openContentPages(store: Store): Map<string, RevisitPage[]> {
  const linkingPage = store.db.prepare('SELECT page_url, name FROM attachment_obs WHERE run_id = ? AND unit_id = ? AND url = ?');
  const out = new Map<string, RevisitPage[]>();
  for (const f of listTrackedFindings(store)) {
    if (f.status === 'rectified' || f.status === 'dismissed') continue;
    for (const e of f.evidence) {
      if (e.found === undefined || !/^https?:\/\//.test(e.url)) continue;
      const file = linkingPage.get(f.runId, f.unitId, e.url) as { page_url: string; name: string } | undefined;
      const url = file?.page_url ?? e.url;
      const pages = out.get(f.unitId) ?? [];
      let page = pages.find((p) => p.url === url);
      if (!page) pages.push((page = { url, columnKey: f.column, attachments: [] }));
      if (file && !page.attachments.some((a) => a.url === e.url)) page.attachments.push({ url: e.url, name: file.name });
      out.set(f.unitId, pages);
    }
  }
  return out;
}
