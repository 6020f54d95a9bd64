import type { FeedObservation, FeedPost } from '../store/index.ts';
import type { UnitCrawlContext } from './unit-context.ts';
import { parseFeed } from './feeds.ts';

/** Reads each new-media account's feed; a failing feed is an observation, never a crash. */
export async function crawlFeeds(ctx: UnitCrawlContext): Promise<FeedObservation[]> {
  const out: FeedObservation[] = [];
  for (const account of ctx.unit.newMedia ?? []) {
    const base = { runId: ctx.runId, unitId: ctx.unit.id, platform: account.platform, account: account.account, fetchedAt: new Date().toISOString() };
    const imported = ctx.importedPosts(account.account);
    if (!account.feed) {
      out.push({ ...base, feedUrl: null, source: 'csv', ok: imported.length > 0, errorClass: null,
        error: imported.length > 0 ? null : '未配置订阅源，也未导入发布记录', posts: imported });
      continue;
    }
    const loaded = await ctx.source.load({ url: account.feed, role: 'feed', unitId: ctx.unit.id, columnKey: null });
    if (!loaded.page.ok || loaded.html === null) {
      out.push({ ...base, feedUrl: account.feed, source: 'feed', ok: false, errorClass: loaded.page.errorClass,
        error: `订阅源无法读取：${loaded.page.errorMessage ?? loaded.page.status ?? ''}`, posts: imported });
      continue;
    }
    const parsed = parseFeed(loaded.html, loaded.page.contentType);
    if (!parsed.ok) {
      out.push({ ...base, feedUrl: account.feed, source: 'feed', ok: false, errorClass: 'other', error: parsed.error, posts: imported });
      continue;
    }
    const posts: FeedPost[] = [...parsed.posts, ...imported];
    out.push({ ...base, feedUrl: account.feed, source: 'feed', ok: true, errorClass: null, error: null, posts });
  }
  return out;
}
