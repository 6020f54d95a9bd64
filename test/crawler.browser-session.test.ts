// The renderer's browser is started on demand, closed when idle and started again after it went away; these use a
// stand-in for Playwright's context (the real browser: test/crawler.browser.test.ts).
import { EventEmitter } from 'node:events';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createBrowserSession } from '../crawler/browser-session.ts';

function fakeBrowser() {
  const contexts: { closed: boolean; emitter: EventEmitter; pages: number }[] = [];
  const launch = async (): Promise<BrowserContext> => {
    const c = { closed: false, emitter: new EventEmitter(), pages: 0 };
    contexts.push(c);
    const ctx = {
      on: (ev: string, fn: () => void) => c.emitter.on(ev, fn),
      newPage: async () => {
        if (c.closed) throw new Error('Target page, context or browser has been closed');
        c.pages++;
        return { close: async () => undefined } as unknown as Page;
      },
      close: async () => {
        c.closed = true;
        c.emitter.emit('close');
      },
    };
    return ctx as unknown as BrowserContext;
  };
  return { contexts, launch };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('browser session', () => {
  it('closes the browser after the idle time and starts a new one for the next page', async () => {
    const b = fakeBrowser();
    const s = createBrowserSession(b.launch, 50);
    await s.warm();
    const page = await s.open();
    await sleep(120);
    expect(s.running()).toBe(true); // a page is open: never closed under it
    await s.release(page);
    await sleep(120);
    expect(s.running()).toBe(false);
    expect(b.contexts[0].closed).toBe(true);
    await s.release(await s.open());
    expect(s.launches()).toBe(2);
    expect(b.contexts[1].pages).toBe(1);
    await s.close();
    expect(b.contexts[1].closed).toBe(true);
  });

  it('keeps one browser while pages follow each other within the idle time', async () => {
    const b = fakeBrowser();
    const s = createBrowserSession(b.launch, 200);
    for (let i = 0; i < 5; i++) {
      await s.release(await s.open());
      await sleep(20);
    }
    expect(s.launches()).toBe(1);
    expect(b.contexts[0].pages).toBe(5);
    await s.close();
  });

  it('starts again after the browser went away by itself', async () => {
    const b = fakeBrowser();
    const s = createBrowserSession(b.launch, 0);
    await s.release(await s.open());
    await b.contexts[0].emitter.emit('close'); // crashed or killed
    b.contexts[0].closed = true;
    await s.release(await s.open());
    expect(s.launches()).toBe(2);
    await s.close();
  });

  it('gives a failed start to the page that asked, and tries again for the next one', async () => {
    let fail = true;
    const b = fakeBrowser();
    const s = createBrowserSession(async () => {
      if (fail) throw new Error('spawn ENOENT');
      return b.launch();
    }, 0);
    await expect(s.open()).rejects.toThrow(/ENOENT/);
    fail = false;
    await s.release(await s.open());
    expect(s.launches()).toBe(2);
    await s.close();
    await expect(s.open()).rejects.toThrow(/已关闭/);
  });
});
