// zwgk init, per matched unit: read its home (only on the portal's hosts) and say which of the columns the rubric
// requires of it the crawler will find there, under which link text, and which it will not. zwgk doctor does the
// full check later (each column page, browser, feeds); this is what the clerk sees in the config at once.
import PQueue from 'p-queue';
import type { Rubric, UnitClass } from '../config/index.ts';
import { decodeHtml, type Fetcher } from '../crawler/index.ts';
import { columnName } from '../checks/index.ts';
import { columnsFromHome, requiredColumnKeys } from './home-columns.ts';

export interface ColumnSurvey {
  /** Required columns found on the home (or the 重点领域 hub under it), with the link text. */
  found: { key: string; name: string; label: string }[];
  /** Required columns with no matching link. */
  missing: { key: string; name: string }[];
  /** Why the home was not read (unreachable, outside the portal's hosts); found/missing are then empty. */
  unread: string | null;
}

export async function surveyUnitColumns(
  fetcher: Fetcher,
  rubric: Rubric,
  units: { id: string; name: string; class: UnitClass; home: string }[],
): Promise<Map<string, ColumnSurvey>> {
  const queue = new PQueue({ concurrency: 4 });
  const out = new Map<string, ColumnSurvey>();
  await Promise.all(
    units.map((u) =>
      queue.add(async () => {
        const required = requiredColumnKeys(rubric, u);
        const r = await fetcher.fetch(u.home);
        if (!r.ok || !r.body) {
          const why =
            r.errorClass === 'out_of_scope'
              ? '主页不在门户网站的主机上，zwgk init 未读取'
              : `主页无法读取：${r.errorMessage ?? `HTTP ${r.status}`}`;
          out.set(u.id, { found: [], missing: [], unread: why });
          return;
        }
        const seen = new Map(
          (await columnsFromHome(fetcher, decodeHtml(r.body, r.headers['content-type'] ?? null).text, r.finalUrl)).map((c) => [c.key, c]),
        );
        out.set(u.id, {
          found: required.filter((k) => seen.has(k)).map((k) => ({ key: k, name: columnName(k), label: seen.get(k)!.label })),
          missing: required.filter((k) => !seen.has(k)).map((k) => ({ key: k, name: columnName(k) })),
          unread: null,
        });
      }),
    ),
  );
  return out;
}
