// One Chromium for the renderer, started when a page needs it and closed again when no page has been open for a
// while: a crawl renders a few pages per unit, often minutes apart, and an idle Chromium holds several hundred MB.
// A browser that died (crashed, killed) is started again for the next page.
import type { BrowserContext, Page } from 'playwright-core';

/** Chromium closes after this long without an open page (the next page starts it again, about a second). */
const BROWSER_IDLE_CLOSE_MS = 20_000;

export interface BrowserSession {
  /** Starts the browser now (rejects when it cannot start); it closes again when no page opens within the idle time. */
  warm(): Promise<void>;
  /** A new page; give it back with `release` (which closes it). Rejects when the browser cannot be started. */
  open(): Promise<Page>;
  release(page: Page): Promise<void>;
  /** How many times the browser was started (the first start included). */
  launches(): number;
  /** Whether a browser is running now. */
  running(): boolean;
  close(): Promise<void>;
}

export function createBrowserSession(launch: () => Promise<BrowserContext>, idleCloseMs = BROWSER_IDLE_CLOSE_MS): BrowserSession {
  let context: Promise<BrowserContext> | null = null;
  let closing: Promise<void> = Promise.resolve();
  let inUse = 0;
  let started = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const shut = (): Promise<void> => {
    const c = context;
    context = null;
    if (c) closing = c.then((ctx) => ctx.close()).catch(() => undefined);
    return closing;
  };

  const start = (): Promise<BrowserContext> => {
    started++;
    const launched = launch().then((ctx) => {
      // a browser that went away by itself is forgotten, so that the next page starts a new one
      ctx.on('close', () => {
        if (context === launched) context = null;
      });
      return ctx;
    });
    launched.catch(() => {
      if (context === launched) context = null;
    });
    context = launched;
    return launched;
  };

  const armIdleTimer = (): void => {
    if (closed || inUse > 0 || idleCloseMs <= 0) return;
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (inUse === 0) void shut();
    }, idleCloseMs);
    idleTimer.unref();
  };

  const clearIdleTimer = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
  };

  return {
    async warm() {
      if (!context) await closing;
      await (context ?? start());
      clearIdleTimer();
      armIdleTimer();
    },
    async open() {
      if (closed) throw new Error('浏览器已关闭');
      clearIdleTimer();
      inUse++;
      try {
        if (!context) await closing; // an idle close still under way finishes first
        const ctx = await (context ?? start());
        return await ctx.newPage();
      } catch (err) {
        inUse--;
        armIdleTimer();
        throw err;
      }
    },
    async release(page) {
      await page.close().catch(() => undefined);
      inUse--;
      armIdleTimer();
    },
    launches: () => started,
    running: () => context !== null,
    close() {
      closed = true;
      clearIdleTimer();
      return shut();
    },
  };
}
