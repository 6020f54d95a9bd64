import type { FeedObservation, FeedPost } from '../store/index.ts';
import type { UnitCrawlContext } from './unit-context.ts';

type Account = NonNullable<UnitCrawlContext['unit']['newMedia']>[number];

/** Reads each new-media account's feed; a failing feed is an observation, never a crash. */
export async function crawlFeeds(ctx: UnitCrawlContext): Promise<FeedObservation[]> {
  // accounts are read side by side; observations stay in config order
  return Promise.all((ctx.unit.newMedia ?? []).map((account) => crawlAccount(ctx, account)));
}

async function crawlAccount(ctx: UnitCrawlContext, account: Account): Promise<FeedObservation> {
  const base = {
    runId: ctx.run.runId,
    unitId: ctx.unit.id,
    platform: account.platform,
    account: account.account,
    fetchedAt: new Date().toISOString(),
  };
  const imported = ctx.io.importedPosts(account.account);
  if (!account.feed) {
    return {
      ...base,
      feedUrl: null,
      source: 'csv',
      ok: imported.length > 0,
      errorClass: null,
      error: imported.length > 0 ? null : '未配置订阅源，也未导入发布记录',
      posts: imported,
    };
  }
  const loaded = await ctx.io.source.load({ url: account.feed, role: 'feed', unitId: ctx.unit.id, columnKey: null });
  const parsed = loaded.page.ok ? await ctx.run.analyser.feed(loaded, account.feed) : null;
  if (!parsed) {
    return {
      ...base,
      feedUrl: account.feed,
      source: 'feed',
      ok: false,
      errorClass: loaded.page.errorClass,
      error: `订阅源无法读取：${loaded.page.errorMessage ?? loaded.page.status ?? ''}`,
      posts: imported,
    };
  }
  if (!parsed.ok) {
    return { ...base, feedUrl: account.feed, source: 'feed', ok: false, errorClass: 'other', error: parsed.error, posts: imported };
  }
  const posts: FeedPost[] = [...parsed.posts, ...imported];
  return { ...base, feedUrl: account.feed, source: 'feed', ok: true, errorClass: null, error: null, posts };
}
