import { z } from 'zod';
import { httpUrl } from './url-schema.ts';
import { documentsSchema } from './documents-schema.ts';
import { notifySchema, unitNotifySchema } from './notify-schema.ts';
import { countySiteSchema, unitSiteSchema } from './site-schema.ts';

// The county YAML is a public contract (issue 2): keys may be added, never renamed.

export const UNIT_ID = /^[a-z0-9][a-z0-9_-]*$/;
export const PLATFORMS = ['wechat', 'weibo', 'douyin', 'toutiao', 'other'] as const;

const newMediaSchema = z
  .object({
    platform: z.enum(PLATFORMS, { error: `平台必须是 ${PLATFORMS.join(' | ')} 之一 / platform must be one of ${PLATFORMS.join(' | ')}` }),
    account: z.string().min(1, '账号名称不能为空 / account must not be empty'),
    feed: httpUrl.optional(),
  })
  .strict();

const unitSchema = z
  .object({
    id: z.string().regex(UNIT_ID, '单位 id 必须是小写 ASCII 字母、数字、-、_ / id must be lower-case ASCII letters, digits, - or _'),
    name: z.string().min(1, '单位名称不能为空 / name must not be empty'),
    // a class of the rubric: A（乡镇）/ B（县直单位） in 2023; other rubrics name their own (乡镇, 街道, 部门 …)
    class: z
      .string({ error: '类别必须是考核细则中的类别（如 A、B） / class must be a class of the rubric (e.g. A, B)' })
      .min(1, '类别不能为空 / class must not be empty'),
    home: httpUrl,
    columns: z.record(z.string(), httpUrl).optional(),
    newMedia: z.array(newMediaSchema).optional(),
    // 重点领域 this unit answers for beyond what the rubric assigns by department name.
    keyFields: z.array(z.string().min(1)).optional(),
    // Column keys (or true for all) whose lists must be rendered in a browser.
    render: z.union([z.boolean(), z.array(z.string())]).optional(),
    // A site of the unit's own (19号 site-level checks run on it too).
    site: unitSiteSchema.optional(),
    // The unit's contacts for notifications (企业微信/钉钉 group robots, e-mail).
    notify: unitNotifySchema.optional(),
  })
  .strict();

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: '不是有效日期 / not a valid calendar date',
  });

const crawlSchema = z
  .object({
    userAgent: z.string().optional(),
    connectTimeoutMs: z.number().int().positive().default(10_000),
    headersTimeoutMs: z.number().int().positive().default(15_000),
    bodyTimeoutMs: z.number().int().positive().default(30_000),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    // Total time one request may take, connect to last byte (undici's idle timeouts never fire on a trickle); an
    // attachment (PDF, Word, Excel, archive) gets longer. A request past it is a 'timeout', retried like the others.
    pageDeadlineMs: z.number().int().positive().default(30_000),
    attachmentDeadlineMs: z.number().int().positive().default(120_000),
    // Total time one unit may take: past it the unit is recorded as incomplete and the other units go on.
    unitBudgetMs: z
      .number()
      .int()
      .positive()
      .default(30 * 60_000),
    // Time the analysis of one page may take before its worker is stopped and the page recorded as unparsable.
    analysisTimeLimitMs: z.number().int().positive().default(20_000),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    retries: z.number().int().min(0).max(10).default(3),
    // Retries for a URL that failed retriably (5xx, timeout, reset) in the previous run as well: the last run already
    // waited out its backoff, so a second run in a row tries it once more rather than `retries` times.
    retriesAfterRepeatFailure: z.number().int().min(0).max(10).default(1),
    maxListPages: z.number().int().positive().default(10),
    maxDetailPagesPerColumn: z.number().int().min(0).default(30),
    // Columns whose item pages are fetched because a check reads their text (guide, documents, replies). The
    // 重大行政决策 sub-columns are named one by one: decisions.precomment reads the 征求意见期 on their drafts' pages.
    detailColumns: z
      .array(z.string())
      .default([
        'guide',
        'functions',
        'catalog',
        'policies',
        'interpretations',
        'consultation',
        'decisions',
        'decisions:目录',
        'decisions:预公开',
        'decisions:结果',
        'decisions:反馈',
      ]),
    // Columns that are single articles more often than lists: the column page itself is kept as a detail.
    articleColumns: z.array(z.string()).default(['guide', 'functions', 'catalog']),
    // Places a 标准目录 links to for its items, read per unit for catalog.item-missing (catalog:<item name>).
    maxCatalogPlaces: z.number().int().min(0).default(20),
    // The other columns of a unit's navigation (人事信息, 通知公告 …) read per unit as nav:<label>; 0 reads none.
    maxNavColumns: z.number().int().min(0).default(30),
    checkLinks: z.boolean().default(true),
    // Old detail pages are revalidated only every N days on re-runs (issue 3 benchmark).
    revalidateDetailDays: z.number().int().min(0).default(30),
    // When a list's first page is unchanged, its later pages (which only receive items pushed off the first) are
    // revalidated only every N days too.
    revalidateLaterListPagesDays: z.number().int().min(0).default(30),
    // A link found working within this many days is not asked again (broken ones always are). Below a month, so
    // every monthly inspection re-checks every link; self-checks and quick re-runs reuse the results.
    linkRecheckDays: z.number().int().min(0).default(20),
    snapshotDir: z.string().optional(),
    retentionDays: z.number().int().positive().default(400),
    // Worker threads that parse pages; unset: one per core but one (0 parses on the main thread).
    analysisThreads: z.number().int().min(0).max(16).optional(),
    // Attachments (.xls/.xlsx/.et, .doc/.wps, .docx, .pdf) linked from the pages read are fetched and their text read
    // for the content-safety checks; files over crawl.maxBodyBytes are recorded as too large.
    attachments: z
      .object({
        enabled: z.boolean().default(true),
        maxPerUnit: z.number().int().min(0).default(60),
        maxPages: z.number().int().positive().default(50), // PDF pages / sheets per file
        maxRows: z.number().int().positive().default(5_000), // rows per sheet or table
        timeoutMs: z.number().int().positive().default(20_000), // per file
      })
      .strict()
      .default({ enabled: true, maxPerUnit: 60, maxPages: 50, maxRows: 5_000, timeoutMs: 20_000 }),
    // The content-safety checks read the articles every column published lately (工作动态, 通知公告 …, not only
    // detailColumns): rows dated in the last `days` days of the window, newest first, at most maxPerColumn per column
    // and maxPerUnit per unit (shared out column by column). Their attachments join the attachment reading; their
    // links join the link check, at most maxLinkChecksPerUnit of those no other page carried asked per unit.
    contentArticles: z
      .object({
        enabled: z.boolean().default(true),
        days: z.number().int().positive().default(31),
        maxPerColumn: z.number().int().min(0).default(20),
        maxPerUnit: z.number().int().min(0).default(80),
        maxLinkChecksPerUnit: z.number().int().min(0).default(200),
      })
      .strict()
      .default({ enabled: true, days: 31, maxPerColumn: 20, maxPerUnit: 80, maxLinkChecksPerUnit: 200 }),
    browser: z
      .object({
        executablePath: z.string().optional(),
        screenshots: z.boolean().default(true),
      })
      .strict()
      .default({ screenshots: true }),
  })
  .strict();

const scheduleSchema = z
  .object({
    monthly: z.string().default('0 2 1 * *'),
    newMediaWeekly: z.string().default('0 3 * * 1'),
    timezone: z
      .string()
      .refine(isTimeZone, { error: (i) => `时区“${String(i.input)}”无效，应为 IANA 时区名，如 Asia/Shanghai / unknown time zone` })
      .default('Asia/Shanghai'),
  })
  .strict();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const countyConfigSchema = z
  .object({
    county: z.string().min(1, '县名不能为空 / county must not be empty'),
    year: z.number({ error: '考核年度必须是数字 / year must be a number' }).int().min(2000).max(2100),
    rubric: z.string().default('builtin:auto'),
    politeness: z
      .object({
        concurrencyPerHost: z.number().int().positive().max(64),
        delayMs: z.number().int().min(0),
      })
      .strict()
      .default({ concurrencyPerHost: 4, delayMs: 250 }),
    // false when the office has authority to inspect regardless of robots.txt.
    respectRobots: z.boolean().default(true),
    // Hosts that may be fetched besides those named by unit homes, column overrides and feeds.
    extraHosts: z.array(z.string()).optional(),
    window: z.object({ start: isoDate, end: isoDate }).strict().optional(),
    crawl: crawlSchema.default(crawlSchema.parse({})),
    schedule: scheduleSchema.default(scheduleSchema.parse({})),
    // Per-county overrides of check settings (thresholds, keyword lists), merged over config/check-settings.yaml.
    rules: z.record(z.string(), z.unknown()).optional(),
    documents: documentsSchema.optional(),
    // Notifications: the office's channels, SMTP, what is sent when (docs/notifications.md).
    notify: notifySchema.optional(),
    // The county's leaders (content.expression: a wrong character in a name, a title no longer held). from/until
    // bound when the person held the title (until absent: still holds it).
    leaders: z
      .array(
        z
          .object({
            name: z.string().min(2, '领导姓名至少两个字 / leader name too short'),
            title: z.string().min(1),
            from: isoDate.optional(),
            until: isoDate.optional(),
          })
          .strict(),
      )
      .default([]),
    // The county portal itself: 19号 site-level checks and availability probes.
    site: countySiteSchema.optional(),
    units: z.array(unitSchema).min(1, '至少需要一个被考核单位 / at least one unit is required'),
  })
  .strict();

export type CountyConfig = z.infer<typeof countyConfigSchema>;
export type UnitConfig = z.infer<typeof unitSchema>;
export type NewMediaAccount = z.infer<typeof newMediaSchema>;
export type UnitClass = UnitConfig['class'];
export type CrawlSettings = CountyConfig['crawl'];
