// zwgk init: unit list + portal address → a county config in the foundation's shape, every unit's home explained.
import { writeFileSync } from 'node:fs';
import { loadRubric, parseCountyConfig } from '../config/index.ts';
import type { Fetcher } from '../crawler/index.ts';
import { loadUnitList, type PlannedUnit } from './unit-list.ts';
import { assignUnitIds } from './unit-ids.ts';
import { matchUnits, type CandidateLink, type MatchResult, type UnitMatch } from './name-match.ts';
import { portalFetcher, walkPortal, type PortalWalk } from './portal-walk.ts';
import { surveyUnitColumns, type ColumnSurvey } from './init-columns.ts';
import { accountRowsOf, accountsByUnit, type AccountRow, type FoundAccount } from './new-media-page.ts';
import { plain } from './text-table.ts';

export interface InitOptions {
  portal: string;
  unitsFile: string;
  out: string;
  county?: string;
  year?: number;
  fetcher?: Fetcher;
  politeness?: { concurrencyPerHost: number; delayMs: number };
  today?: string;
}

export interface InitRow {
  id: string;
  name: string;
  status: UnitMatch['status'];
  link: string;
  url: string | null;
  score: number | null;
  reason: string;
  /** Required columns found on the unit's home / required (null: home not read or unit not matched). */
  columns: { found: number; required: number } | null;
}

export interface InitOutcome {
  county: string;
  year: number;
  rows: InitRow[];
  leftovers: MatchResult['leftovers'];
  walk: PortalWalk;
  accounts: Map<string, FoundAccount[]>;
  otherAccounts: AccountRow[];
  yaml: string;
  /** 0 every unit matched, 1 some need a person. */
  exitCode: 0 | 1;
}

/** A YAML comment line from crawled text: one line, no control characters. */
function comment(text: string): string {
  return plain(text).replace(/\s+/g, ' ').trim();
}

/** A YAML scalar: plain when it reads back as itself, else double-quoted. */
function scalar(s: string): string {
  return /^[\p{Script=Han}A-Za-z0-9_./:?=&%~+\-（）()·]+$/u.test(s) && !/^[-?:]/.test(s) && !s.includes(': ') ? s : JSON.stringify(s);
}

function where(c: CandidateLink): string {
  const seen = new Set<string>();
  const places: string[] = [];
  for (const e of c.entries) {
    const place = `${e.page} 的${e.how}“${e.text}”`;
    if (!seen.has(place)) places.push(place);
    seen.add(place);
  }
  return `见 ${places.join('、')}`;
}

function candidateList(cands: CandidateLink[]): string {
  return cands
    .slice(0, 4)
    .map((c) => `“${c.texts[0]}” ${c.url}（得分 ${c.score.toFixed(2)}：${c.reason}）`)
    .join('；');
}

/** The required columns seen on the home, and a commented-out `columns:` block for those that were not. */
function columnsYaml(c: ColumnSurvey): string[] {
  if (c.unread) return [`  # 必查栏目未核对：${comment(c.unread)}——请运行 zwgk doctor`];
  const total = c.found.length + c.missing.length;
  const lines = [
    `  # 必查栏目 ${total} 个，主页上找到 ${c.found.length} 个${c.found.length ? `：${comment(c.found.map((f) => `${f.name}（链接“${f.label}”）`).join('、'))}` : ''}`,
  ];
  if (c.missing.length) {
    lines.push(
      `  # 未找到 ${c.missing.length} 个：${c.missing.map((m) => m.name).join('、')}——确实没有时检查记为栏目缺失；有而名称不同或在下级页面时，取消下面的注释并填写网址`,
    );
    lines.push('  # columns:');
    for (const m of c.missing) lines.push(`  #   ${m.key.includes(':') ? JSON.stringify(m.key) : m.key}: 待填写   # ${m.name}`);
  }
  return lines;
}

function unitYaml(
  u: PlannedUnit & { id: string },
  home: string,
  accounts: FoundAccount[],
  prefix: string,
  columns?: ColumnSurvey,
): string[] {
  const lines = [`- id: ${u.id}`, `  name: ${scalar(u.name)}`, `  class: ${u.class}`, `  home: ${scalar(home)}`];
  if (columns) lines.push(...columnsYaml(columns));
  if (accounts.length) {
    lines.push('  newMedia:');
    for (const a of accounts) {
      lines.push(`    - platform: ${a.platform}`, `      account: ${scalar(a.account)}`);
      if (a.feed) lines.push(`      feed: ${scalar(a.feed)}`);
      else lines.push('      # feed: 门户未给出订阅地址，请政务公开办补填（如 RSSHub 地址），或用 zwgk import-posts 导入发文日期');
    }
  }
  return lines.map((l) => `${prefix}${l}`);
}

export function initConfigYaml(input: {
  county: string;
  year: number;
  portal: string;
  unitsFile: string;
  today: string;
  units: (PlannedUnit & { id: string })[];
  match: MatchResult;
  accounts: Map<string, FoundAccount[]>;
  walk: PortalWalk;
  columns?: Map<string, ColumnSurvey>;
}): string {
  const { units, match, accounts, walk } = input;
  const out: string[] = [
    `# 由 zwgk init 于 ${input.today} 生成：门户 ${comment(input.portal)}，考核对象名单 ${comment(input.unitsFile)}。`,
    `# 政府信息公开平台：${walk.platform ? comment(`${walk.platform.url}（首页链接“${walk.platform.via}”）`) : '未找到，单位链接取自门户首页'}。`,
    '# 每个单位上方的注释说明其主页是如何找到的；以“需人工确认”开头的单位已注释掉，核对候选链接后填好 home 并取消注释。',
    '# home 下方的注释列出考核细则要求该单位的栏目在其主页上找到了哪些、没找到哪些（未找到的附有可填写的 columns: 模板）。',
    '# 下一步：zwgk doctor --config 本文件，查看每个单位能检查什么、不能检查什么。',
    `county: ${scalar(input.county)}`,
    `year: ${input.year}`,
    'rubric: builtin:auto',
    'politeness: { concurrencyPerHost: 4, delayMs: 250 }',
    'respectRobots: true',
    'units:',
  ];
  units.forEach((u, i) => {
    const m = match.units[i].match;
    const acc = accounts.get(u.name) ?? [];
    if (m.status === 'matched') {
      out.push(`  # ${comment(`${u.name}：${where(m.best)}，得分 ${m.best.score.toFixed(2)}：${m.best.reason}`)}`);
      if (m.others.length) out.push(`  # ${comment(`其他较弱的候选：${candidateList(m.others)}`)}`);
      if (acc.length) out.push(`  # ${comment(`政务新媒体取自 ${acc[0].page}（门户写作“${acc[0].writtenAs}”）`)}`);
      out.push(...unitYaml(u, m.best.url, acc, '  ', input.columns?.get(u.id)));
    } else {
      out.push(`  # 需人工确认：${comment(`${u.name}（${u.place}）—— ${m.why}`)}`);
      if (m.candidates.length) out.push(`  # ${comment(`候选：${candidateList(m.candidates)}`)}`);
      const guess = m.status === 'ambiguous' && m.candidates[0] ? m.candidates[0].url : '待填写';
      out.push(...unitYaml(u, guess, acc, '  # '));
    }
  });
  if (match.leftovers.length) {
    out.push('# 门户导航中还有以下条目，不在考核对象名单中，未作为单位写入：');
    for (const l of match.leftovers) {
      const near = l.nearest ? `（最接近“${l.nearest.unit}”，得分 ${l.nearest.score.toFixed(2)}：${l.nearest.reason}）` : '';
      out.push(`#   ${comment(`${l.entry.text} ${l.entry.url}${near}`)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export async function runInit(opts: InitOptions): Promise<InitOutcome> {
  const planned = await loadUnitList(opts.unitsFile);
  const fetcher = opts.fetcher ?? portalFetcher(opts.portal, opts.politeness);
  try {
    return await initWith(opts, planned, fetcher);
  } finally {
    if (!opts.fetcher) await fetcher.close();
  }
}

async function initWith(opts: InitOptions, planned: PlannedUnit[], fetcher: Fetcher): Promise<InitOutcome> {
  const walk = await walkPortal(opts.portal, { fetcher });
  if (walk.home.error) throw new Error(`门户首页无法访问：${opts.portal}（${walk.home.error}）`);
  const county = opts.county ?? walk.countyGuess ?? '';
  if (!county) throw new Error('无法从门户首页看出县名，请用 --county 指定（如 --county 临猗县）');
  const today = opts.today ?? todayInShanghai();
  const year = opts.year ?? Number(today.slice(0, 4));
  const units = assignUnitIds(planned, county);
  const names = units.map((u) => u.name);
  const match = matchUnits(names, walk.entries, county);
  const rows = walk.newMediaPages.flatMap((p) => accountRowsOf(p.html, p.url));
  const { byUnit, others } = accountsByUnit(rows, names, county);
  const homes = units.flatMap((u, i) => {
    const m = match.units[i].match;
    return m.status === 'matched' ? [{ id: u.id, name: u.name, class: u.class, home: m.best.url }] : [];
  });
  const columns = await surveyUnitColumns(fetcher, loadRubric('builtin:auto', year), homes);
  const yaml = initConfigYaml({
    county,
    year,
    portal: opts.portal,
    unitsFile: opts.unitsFile,
    today,
    units,
    match,
    accounts: byUnit,
    walk,
    columns,
  });
  const matched = match.units.filter((u) => u.match.status === 'matched').length;
  if (matched > 0) parseCountyConfig(yaml, opts.out); // what is written must load; a failure here is a bug, not the office's
  writeFileSync(opts.out, yaml);
  const table: InitRow[] = units.map((u, i) => {
    const m = match.units[i].match;
    if (m.status === 'matched') {
      const c = columns.get(u.id);
      return {
        id: u.id,
        name: u.name,
        status: m.status,
        link: m.best.texts.join(' / '),
        url: m.best.url,
        score: m.best.score,
        reason: m.best.reason,
        columns: c && !c.unread ? { found: c.found.length, required: c.found.length + c.missing.length } : null,
      };
    }
    return {
      id: u.id,
      name: u.name,
      status: m.status,
      link: m.candidates.length ? `候选：${m.candidates.map((c) => c.texts[0]).join(' / ')}` : '（无）',
      url: null,
      score: m.candidates[0]?.score ?? null,
      reason: m.why,
      columns: null,
    };
  });
  return {
    county,
    year,
    rows: table,
    leftovers: match.leftovers,
    walk,
    accounts: byUnit,
    otherAccounts: others,
    yaml,
    exitCode: matched === units.length ? 0 : 1,
  };
}
