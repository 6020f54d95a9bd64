// The portal's 政务新媒体 page (矩阵, 账号列表): which unit runs which account, and a feed where one is given.
import * as cheerio from 'cheerio';
import type { NewMediaAccount } from '../config/index.ts';
import { scoreName, CANDIDATE_SCORE } from './name-match.ts';
import { onboardWords } from './words.ts';

export interface AccountRow {
  /** Cell texts (a table row) or the row's text as one cell (a list item). */
  cells: string[];
  links: { text: string; url: string }[];
  page: string;
}

export interface FoundAccount extends NewMediaAccount {
  page: string;
  /** The row's unit cell, as the portal wrote it. */
  writtenAs: string;
}

const FEED_URL = /\.(xml|rss|atom)(\?|$)|[/?&](rss|atom|feed)s?\b|format=(atom|json|rss)/i;

export function accountRowsOf(html: string, pageUrl: string): AccountRow[] {
  const $ = cheerio.load(html);
  const rows: AccountRow[] = [];
  const linksIn = (el: Parameters<typeof $>[0]) =>
    $(el)
      .find('a[href]')
      .toArray()
      .flatMap((a) => {
        try {
          return [{ text: $(a).text().trim(), url: new URL($(a).attr('href')!, pageUrl).href }];
        } catch {
          return [];
        }
      });
  $('tr').each((_, tr) => {
    const cells = $(tr)
      .children('td')
      .toArray()
      .map((td) =>
        $(td)
          .text()
          .replace(/[\s\u00a0\u3000]+/g, ' ')
          .trim(),
      );
    if (cells.length >= 2) rows.push({ cells, links: linksIn(tr), page: pageUrl });
  });
  $('li').each((_, li) => {
    if ($(li).find('li, tr').length) return;
    const text = $(li)
      .text()
      .replace(/[\s\u00a0\u3000]+/g, ' ')
      .trim();
    if (text) rows.push({ cells: [text], links: linksIn(li), page: pageUrl });
  });
  return rows;
}

function platformOf(text: string): NewMediaAccount['platform'] | null {
  const { platforms } = onboardWords();
  for (const [platform, words] of Object.entries(platforms)) {
    if (words.some((w) => text.includes(w))) return platform as NewMediaAccount['platform'];
  }
  return null;
}

const QUOTED = /[“"「『]([^”"」』]{2,30})[”"」』]/;

/**
 * The accounts of each planned unit: a row whose unit cell names the unit (as zwgk init matches names), a platform
 * word in some cell, the account name in its own cell or in quotes. Rows of units outside the plan are returned
 * apart; nothing is assigned on a weaker name match than the navigation uses.
 */
export function accountsByUnit(
  rows: AccountRow[],
  unitNames: string[],
  county: string | null,
): { byUnit: Map<string, FoundAccount[]>; others: AccountRow[] } {
  const byUnit = new Map<string, FoundAccount[]>();
  const others: AccountRow[] = [];
  for (const row of rows) {
    const platformCell = row.cells.findIndex((c) => platformOf(c) !== null);
    if (platformCell < 0) continue;
    const platform = platformOf(row.cells[platformCell])!;
    let unit: { name: string; cell: number; score: number } | null = null;
    row.cells.forEach((cell, i) => {
      const text = i === platformCell && row.cells.length > 1 ? '' : cell.split(/[：:\s]/)[0];
      if (!text) return;
      for (const name of unitNames) {
        const s = scoreName(name, text, county);
        if (s && s.score >= CANDIDATE_SCORE + 0.1 && (!unit || s.score > unit.score)) unit = { name, cell: i, score: s.score };
      }
    });
    if (!unit) {
      others.push(row);
      continue;
    }
    const u = unit as { name: string; cell: number; score: number };
    const quoted = row.cells.map((c) => QUOTED.exec(c)?.[1]).find(Boolean);
    const plain = row.cells.find((c, i) => i !== u.cell && i !== platformCell && c && !/订阅|RSS|http/i.test(c));
    const account = quoted ?? plain;
    if (!account) continue;
    const feed = row.links.find((l) => FEED_URL.test(l.url))?.url;
    const found: FoundAccount = {
      platform,
      account,
      page: row.page,
      writtenAs: row.cells[u.cell].split(/[：:\s]/)[0],
      ...(feed ? { feed } : {}),
    };
    const list = byUnit.get(u.name) ?? [];
    if (!list.some((a) => a.platform === found.platform && a.account === found.account)) list.push(found);
    byUnit.set(u.name, list);
  }
  return { byUnit, others };
}
