// zwgk doctor: what the crawler will and will not see for each unit of a config, without writing a run.
import { existsSync } from 'node:fs';
import PQueue from 'p-queue';
import { loadRubric, type CountyConfig, type Rubric, type UnitConfig } from '../config/index.ts';
import {
  createFetcher,
  createScopeGuard,
  decodeHtml,
  extractListRows,
  parseFeed,
  DEFAULT_CHROMIUM_PATH,
  KEY_FIELDS_HUB,
  type DecodeMethod,
  type Fetcher,
  type FetchResult,
} from '../crawler/index.ts';
import { columnsFromHome, requiredColumnKeys } from './home-columns.ts';
import { columnName } from '../checks/index.ts';

export interface PageCheck {
  url: string;
  ok: boolean;
  status: number | null;
  ms: number;
  encoding: string | null;
  declaredIn: DecodeMethod | null;
  robotsBlocked: boolean;
  error: string | null;
}

export interface ColumnCheck {
  key: string;
  name: string;
  required: boolean;
  /** The link text it was found under, or null (配置指定 / 未找到). */
  label: string | null;
  url: string | null;
  source: 'discovered' | 'override' | 'missing';
  page: PageCheck | null;
  rows: number | null;
  placeholder: string | null;
  needsBrowser: boolean;
}

export interface FeedCheck {
  platform: string;
  account: string;
  feed: string | null;
  page: PageCheck | null;
  posts: number;
  newest: string | null;
  error: string | null;
}

export interface UnitDiagnosis {
  id: string;
  name: string;
  home: PageCheck;
  columns: ColumnCheck[];
  /** Columns seen that no check requires of every unit (重点领域 …), with the kind each was classified as. */
  others: ColumnCheck[];
  feeds: FeedCheck[];
  /** What stops a check (unreachable, missing, needs a browser that is not there, robots). */
  blockers: string[];
  /** What the office should know but does not stop a check (暂无信息, no feed address). */
  notes: string[];
}

export interface Diagnosis {
  county: string;
  asOf: string;
  browser: { present: boolean; path: string };
  respectRobots: boolean;
  units: UnitDiagnosis[];
  ready: boolean;
}

export const DECLARED_IN: Record<DecodeMethod, string> = {
  header: 'HTTP 响应头',
  meta: '页面 meta 标签',
  bom: '字节顺序标记（BOM）',
  sniff: '未声明或声明有误，按内容判断',
  default: '无法判断，按默认',
};

async function fetchPage(fetcher: Fetcher, url: string): Promise<{ check: PageCheck; html: string | null; result: FetchResult }> {
  const r = await fetcher.fetch(url);
  const decoded = r.ok && r.body ? decodeHtml(r.body, r.headers['content-type'] ?? null) : null;
  return {
    check: {
      url,
      ok: r.ok,
      status: r.status,
      ms: r.elapsedMs,
      encoding: decoded?.encoding ?? null,
      declaredIn: decoded?.method ?? null,
      robotsBlocked: r.errorClass === 'robots_disallowed',
      error: r.ok ? null : (r.errorMessage ?? r.errorClass ?? '无法访问'),
    },
    html: decoded?.text ?? null,
    result: r,
  };
}

function wantsRender(unit: UnitConfig, key: string): boolean {
  return unit.render === true || (Array.isArray(unit.render) && unit.render.includes(key));
}

async function diagnoseUnit(
  unit: UnitConfig,
  rubric: Rubric,
  fetcher: Fetcher,
  asOf: string,
  browserPresent: boolean,
): Promise<UnitDiagnosis> {
  const blockers: string[] = [];
  const notes: string[] = [];
  const feedsP = Promise.all((unit.newMedia ?? []).map((a) => diagnoseFeed(fetcher, a, asOf)));
  const home = await fetchPage(fetcher, unit.home);
  const required = requiredColumnKeys(rubric, unit);
  const targets = new Map<string, { label: string | null; url: string; source: 'discovered' | 'override' }>();
  for (const [key, url] of Object.entries(unit.columns ?? {})) targets.set(key, { label: null, url, source: 'override' });
  if (!home.check.ok) {
    blockers.push(
      home.check.robotsBlocked
        ? `主页被 robots.txt 禁止抓取：${home.check.error}——请联系门户网站管理单位放开政务公开页面；经其同意后也可在配置中写 respectRobots: false`
        : `主页无法访问：${home.check.error}——请在浏览器中打开核对 home 网址；网站故障时联系网站运维单位，恢复后再运行 zwgk doctor`,
    );
  } else if (home.html !== null) {
    for (const c of await columnsFromHome(fetcher, home.html, home.result.finalUrl, unit.columns?.[KEY_FIELDS_HUB])) {
      if (!targets.has(c.key)) targets.set(c.key, { label: c.label, url: c.url, source: 'discovered' });
    }
  }
  const keys = [...new Set([...required, ...targets.keys()])].filter((k) => k !== KEY_FIELDS_HUB);
  const checks = await Promise.all(
    keys.map(async (key): Promise<ColumnCheck> => {
      const t = targets.get(key);
      const base = { key, name: columnName(key), required: required.includes(key) };
      if (!t) return { ...base, label: null, url: null, source: 'missing', page: null, rows: null, placeholder: null, needsBrowser: false };
      const p = await fetchPage(fetcher, t.url);
      const list = p.html !== null ? extractListRows(p.html, p.result.finalUrl, { asOf }) : null;
      const needsBrowser = Boolean(list && (list.scriptBuiltRows || wantsRender(unit, key)));
      return {
        ...base,
        label: t.label,
        url: t.url,
        source: t.source,
        page: p.check,
        rows: list ? list.rows.length : null,
        placeholder: list?.placeholder ?? null,
        needsBrowser,
      };
    }),
  );
  const columns = checks.filter((c) => c.required);
  const others = checks.filter((c) => !c.required);
  if (home.check.ok) {
    for (const c of columns) {
      if (c.source === 'missing')
        blockers.push(
          `未找到栏目“${c.name}”：主页导航中没有相符的链接——该单位确实没有这个栏目时，检查将记为栏目缺失；有而名称不同或在下级页面时，请在配置 columns: 下按键 ${c.key} 写明网址`,
        );
      else if (!c.page?.ok) {
        blockers.push(
          c.page?.robotsBlocked
            ? `栏目“${c.name}”被 robots.txt 禁止抓取（${c.url}）——请联系门户网站管理单位放开该栏目`
            : `栏目“${c.name}”无法访问：${c.page?.error ?? ''}（${c.url}）——请核对该链接，或在配置 columns: 下按键 ${c.key} 指定正确网址`,
        );
      } else if (c.needsBrowser && !browserPresent)
        blockers.push(
          `栏目“${c.name}”的列表由脚本生成，需要浏览器，但未找到浏览器程序——请安装 chromium（apt-get install -y chromium），或在配置 crawl.browser.executablePath 指定浏览器`,
        );
      else if (c.rows === 0 && c.placeholder) notes.push(`栏目“${c.name}”显示“${c.placeholder}”`);
    }
  }
  const feeds = await feedsP;
  for (const f of feeds) {
    if (!f.feed) notes.push(`账号“${f.account}”未配置订阅地址（feed）：发文日期需用 zwgk import-posts 导入`);
    else if (f.error)
      blockers.push(
        `账号“${f.account}”的订阅源无法读取：${f.error}——请核对 feed 地址（如 RSSHub 服务是否在运行），或改用 zwgk import-posts 导入发文日期`,
      );
  }
  return { id: unit.id, name: unit.name, home: home.check, columns, others, feeds, blockers, notes };
}

async function diagnoseFeed(fetcher: Fetcher, a: NonNullable<UnitConfig['newMedia']>[number], asOf: string): Promise<FeedCheck> {
  const base = { platform: a.platform, account: a.account, feed: a.feed ?? null };
  if (!a.feed) return { ...base, page: null, posts: 0, newest: null, error: null };
  const r = await fetcher.fetch(a.feed);
  const page: PageCheck = {
    url: a.feed,
    ok: r.ok,
    status: r.status,
    ms: r.elapsedMs,
    encoding: null,
    declaredIn: null,
    robotsBlocked: r.errorClass === 'robots_disallowed',
    error: r.ok ? null : (r.errorMessage ?? r.errorClass ?? '无法访问'),
  };
  if (!r.ok || !r.body) return { ...base, page, posts: 0, newest: null, error: page.error };
  const parsed = parseFeed(new TextDecoder('utf-8').decode(r.body), r.headers['content-type'] ?? null);
  if (!parsed.ok) return { ...base, page, posts: 0, newest: null, error: parsed.error };
  const dates = parsed.posts
    .filter((p) => !p.pinned && p.publishedAt.slice(0, 10) <= asOf)
    .map((p) => p.publishedAt.slice(0, 10))
    .sort();
  return { ...base, page, posts: parsed.posts.length, newest: dates.at(-1) ?? null, error: null };
}

/** Every unit of the config, a few at a time (the fetcher keeps each host's pace). Nothing is stored. */
export async function diagnoseConfig(
  config: CountyConfig,
  asOf: string,
  opts: { fetcher?: Fetcher; browserPath?: string } = {},
): Promise<Diagnosis> {
  const scope = createScopeGuard(config);
  const fetcher =
    opts.fetcher ?? createFetcher({ crawl: config.crawl, politeness: config.politeness, scope, respectRobots: config.respectRobots });
  const path = opts.browserPath ?? config.crawl.browser.executablePath ?? DEFAULT_CHROMIUM_PATH;
  const browserPresent = existsSync(path);
  const rubric = loadRubric(config.rubric, config.year);
  const queue = new PQueue({ concurrency: 4 });
  try {
    const units = await Promise.all(config.units.map((u) => queue.add(() => diagnoseUnit(u, rubric, fetcher, asOf, browserPresent))));
    return {
      county: config.county,
      asOf,
      browser: { present: browserPresent, path },
      respectRobots: config.respectRobots,
      units,
      ready: units.every((u) => u.blockers.length === 0),
    };
  } finally {
    if (!opts.fetcher) await fetcher.close();
  }
}
