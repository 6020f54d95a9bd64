// Matches the plan's unit names to navigation entries by name as people write them. Pure: names in, decisions out.
import { splitUnitName, type NameParts } from './name-parts.ts';
import { onboardWords } from './words.ts';

export interface NameScore {
  score: number; // 0–1
  reason: string; // Chinese, shown to the office
}

/** Below this an entry is not even a candidate. */
export const CANDIDATE_SCORE = 0.55;
/** Two entries closer than this are a tie: a person decides. */
export const TIE_MARGIN = 0.1;

const TOWN_KINDS = new Set(['镇', '乡']);

function q(s: string): string {
  return `“${s}”`;
}

function droppedNote(a: NameParts, b: NameParts): string {
  const words = [...new Set([...a.dropped, ...b.dropped].filter((d) => !d.startsWith('（')))];
  return words.length ? `（不计${words.map(q).join('')}）` : '';
}

/** Positions of `short`'s characters, in order, inside `long` (leftmost), or null. */
export function alignInOrder(short: string, long: string): number[] | null {
  const out: number[] = [];
  let from = 0;
  for (const ch of short) {
    const at = long.indexOf(ch, from);
    if (at < 0) return null;
    out.push(at);
    from = at + 1;
  }
  return out;
}

function formerNameOf(planCore: string, linkCore: string): { current: string; former: string } | null {
  for (const f of onboardWords().formerNames) {
    const planIsCurrent = planCore === f.current || alignInOrder(planCore, f.current)?.[0] === 0;
    if (!planIsCurrent) continue;
    const former = f.former.find((old) => linkCore === old);
    if (former) return { current: f.current, former };
  }
  return null;
}

/**
 * How well a navigation entry names a planned unit. Null when it does not (different ending, a party organ for a
 * government unit, characters that do not line up). The score says how the names relate, not how similar they look:
 * 临晋镇 and 临猗镇 share two of three characters and do not match.
 */
export function scoreName(planName: string, entryText: string, county: string | null): NameScore | null {
  const plan = splitUnitName(planName, county);
  const entry = splitUnitName(entryText, county);
  if (entry.party !== plan.party) return null;
  if (!plan.core && !entry.core) return null;
  let penalty = 0;
  const notes: string[] = [];
  if (plan.kind && entry.kind && plan.kind !== entry.kind) {
    // 乡 upgraded to 镇 keeps its name: a candidate for a person, never a match on its own
    if (TOWN_KINDS.has(plan.kind) && TOWN_KINDS.has(entry.kind) && plan.core === entry.core) {
      return { score: CANDIDATE_SCORE, reason: `名称相同但一个是${q(plan.kind)}、一个是${q(entry.kind)}，请人工确认是否撤乡设镇` };
    }
    return null;
  }
  if (!plan.kind || !entry.kind) {
    penalty += 0.1;
    notes.push(`${q(!plan.kind ? planName : entryText)}没有“镇/乡/局”等后缀`);
  }
  if (entry.historical) {
    penalty += 0.25;
    notes.push('导航条目标有旧名称/已撤销');
  }
  const done = (score: number, reason: string): NameScore => ({
    score: Math.max(0, Math.round((score - penalty) * 100) / 100),
    reason: [reason + droppedNote(plan, entry), ...notes].join('；'),
  });
  const p = plan.core;
  const e = entry.core;
  const kind = plan.kind ?? entry.kind ?? '';
  if (p === e) return done(1, `名称相同`);
  if (!p || !e) {
    // 示范区 for 现代农业产业示范区: only the ending is written; a second entry with that ending makes it a tie
    if (!plan.kind || plan.kind !== entry.kind) return null;
    return done(0.8, `${!p ? '考核名单' : '门户'}的简称${q(kind)}是全称${q((p || e) + kind)}的末尾部分`);
  }
  const former = formerNameOf(p, e);
  if (former) return done(0.7, `${q(e + kind)}是${q(former.current + kind)}机构改革前的旧称`);
  const [short, long, shortIsPlan] = p.length <= e.length ? [p, e, true] : [e, p, false];
  if (short.length < 2 && !plan.kind) return null;
  const which = shortIsPlan ? '考核名单' : '门户';
  if (long.endsWith(short) && short.length >= 2) {
    return done(0.85, `${which}的简称${q(short + kind)}是全称${q(long + kind)}的末尾部分`);
  }
  const at = alignInOrder(short, long);
  if (!at || short.length < 2) return null;
  // an abbreviation keeps the first character (工科局 ← 工业和科技局, 卫健体局 ← 卫生健康和体育局)
  if (at[0] !== 0) {
    // a leading qualifier left out (审批局 ← 行政审批服务管理局): the short form's first two characters stay together
    const tail = long.slice(at[0]);
    if (!tail.startsWith(short.slice(0, 2))) return null;
    return done(0.62, `${which}的${q(short + kind)}是${q(long + kind)}去掉开头修饰后的部分`);
  }
  const coverage = short.length / long.length;
  const spread = (at[at.length - 1] - at[0] + 1) / long.length;
  const score = 0.68 + 0.2 * coverage + 0.07 * spread;
  return done(Math.min(score, 0.95), `${which}的简称${q(short + kind)}各字依次出现在全称${q(long + kind)}中，且首字、后缀一致`);
}

export interface NavEntry {
  text: string;
  url: string;
  /** How it was found, for the comment in the config (页面链接 / 下拉框 / 脚本生成的列表). */
  how: string;
  /** Page the entry was read on. */
  page: string;
}

export interface CandidateLink {
  url: string;
  texts: string[];
  score: number;
  reason: string;
  entries: NavEntry[];
}

export type UnitMatch =
  | { status: 'matched'; best: CandidateLink; others: CandidateLink[] }
  | { status: 'ambiguous'; candidates: CandidateLink[]; why: string }
  | { status: 'unmatched'; candidates: CandidateLink[]; why: string };

export interface MatchResult {
  units: { name: string; match: UnitMatch }[];
  /** Entries that look like unit names and went to no unit (县委 departments, units outside the plan). */
  leftovers: { entry: NavEntry; nearest: { unit: string; score: number; reason: string } | null }[];
}

function normaliseUrl(url: string): string {
  return url.replace(/#.*$/, '').replace(/\/(index|default)\.(s?html?|jsp|aspx?)$/i, '/');
}

/** The entry text without a trailing 信息公开/政务公开 (猗氏镇政府信息公开 → 猗氏镇政府). */
export function entryName(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/(信息公开|政务公开)(专栏|平台|目录|网)?$/, '') || text
  );
}

function candidatesFor(unit: string, entries: NavEntry[], county: string | null): CandidateLink[] {
  const byUrl = new Map<string, CandidateLink>();
  for (const entry of entries) {
    const s = scoreName(unit, entryName(entry.text), county);
    if (!s || s.score < CANDIDATE_SCORE) continue;
    const key = normaliseUrl(entry.url);
    const cur = byUrl.get(key);
    if (!cur) {
      byUrl.set(key, { url: entry.url, texts: [entry.text], score: s.score, reason: s.reason, entries: [entry] });
      continue;
    }
    if (!cur.texts.includes(entry.text)) cur.texts.push(entry.text);
    cur.entries.push(entry);
    if (s.score > cur.score) Object.assign(cur, { score: s.score, reason: s.reason });
  }
  return [...byUrl.values()].sort((a, b) => b.score - a.score || a.url.localeCompare(b.url));
}

/**
 * Assigns each planned unit the entry that clearly names it. A link taken by one unit is not offered to another;
 * a unit whose two best links are within TIE_MARGIN is left to a person, as is a unit with no link at all.
 */
export function matchUnits(unitNames: string[], entries: NavEntry[], county: string | null): MatchResult {
  const cands = new Map(unitNames.map((u) => [u, candidatesFor(u, entries, county)]));
  const taken = new Map<string, string>(); // url → unit
  const decided = new Map<string, UnitMatch>();
  for (let changed = true; changed; ) {
    changed = false;
    // the strongest clear claim first, so 教育局 takes 县教育局 before 教育科技局 could
    const claims: { unit: string; best: CandidateLink; rest: CandidateLink[] }[] = [];
    for (const unit of unitNames) {
      if (decided.has(unit)) continue;
      const free = cands.get(unit)!.filter((c) => !taken.has(normaliseUrl(c.url)));
      if (free.length === 0) continue;
      if (free.length > 1 && free[0].score - free[1].score < TIE_MARGIN) continue;
      claims.push({ unit, best: free[0], rest: free.slice(1) });
    }
    claims.sort((a, b) => b.best.score - a.best.score);
    for (const c of claims) {
      const key = normaliseUrl(c.best.url);
      if (taken.has(key)) continue;
      // another undecided unit may claim the same link as strongly: neither gets it silently
      const rival = unitNames.find(
        (u) =>
          u !== c.unit && !decided.has(u) && cands.get(u)!.some((x) => normaliseUrl(x.url) === key && c.best.score - x.score < TIE_MARGIN),
      );
      if (rival) continue;
      taken.set(key, c.unit);
      decided.set(c.unit, { status: 'matched', best: c.best, others: c.rest });
      changed = true;
    }
  }
  const units = unitNames.map((name) => {
    const match = decided.get(name);
    if (match) return { name, match };
    const all = cands.get(name)!;
    const free = all.filter((c) => !taken.has(normaliseUrl(c.url)));
    if (free.length >= 2 && free[0].score - free[1].score < TIE_MARGIN) {
      return { name, match: { status: 'ambiguous', candidates: free, why: `有 ${free.length} 个链接得分相近，需人工选择` } as UnitMatch };
    }
    if (free.length >= 1) {
      return { name, match: { status: 'ambiguous', candidates: all, why: '候选链接也与其他单位同样相符，需人工选择' } as UnitMatch };
    }
    const why = all.length
      ? `候选链接已归其他单位：${all.map((c) => `${c.texts[0]}→${taken.get(normaliseUrl(c.url))}`).join('，')}`
      : '门户导航中没有找到名称相符的链接';
    return { name, match: { status: 'unmatched', candidates: all, why } as UnitMatch };
  });
  const leftovers: MatchResult['leftovers'] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = normaliseUrl(entry.url);
    if (taken.has(key) || seen.has(key)) continue;
    seen.add(key);
    let nearest: { unit: string; score: number; reason: string } | null = null;
    for (const unit of unitNames) {
      const s = scoreName(unit, entryName(entry.text), county);
      if (s && (!nearest || s.score > nearest.score)) nearest = { unit, score: s.score, reason: s.reason };
    }
    leftovers.push({ entry, nearest });
  }
  return { units, leftovers };
}
