import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import PQueue from 'p-queue';
import { type BrowserSession, createBrowserSession } from './browser-session.ts';
import { DEFAULT_USER_AGENT } from './fetch.ts';
import { createScopeGuardFromHosts, type ScopeGuard } from './scope.ts';

// playwright-core drives the system Chromium; it never downloads a browser (no network to do so, see docs/stack.md).

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach the internet.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // fewer processes: no zygote (the sandbox is off anyway), the GPU process's work in the browser process, and at
  // most as many renderers as pages open at once (MAX_OPEN_PAGES); a province config visits a site per county
  '--no-zygote',
  '--in-process-gpu',
  '--renderer-process-limit=2',
];
/** Request types that change how a page looks, never which rows it lists. */
const PRESENTATION_ONLY = new Set(['stylesheet', 'image', 'font', 'media']);
const VIEWPORT = { width: 1280, height: 900 };
/**
 * Pages open at once. Chromium starts a renderer process per site, ~50–100 MB each: with many units in flight (a
 * city or province config, one host per county) unlimited pages put the process tree past 1.5 GB (bench:province).
 * Rendering is a few pages per unit, so two at a time cost no measurable crawl time.
 */
const MAX_OPEN_PAGES = 2;
/** Full-page screenshots stop at this height: some list pages are tens of thousands of pixels long. */
const SCREENSHOT_MAX_HEIGHT = 8000;

export interface RenderOptions {
  screenshot?: boolean;
  /** Extra wait after the page settles, for lists filled by timers. */
  waitMs?: number;
}

interface Rendering {
  html: string;
  screenshot: Buffer | null;
  scripts: string[];
  dataRequests: number;
}

interface Requested {
  scripts: string[];
  dataRequests: number;
}

export interface Renderer {
  available: boolean;
  /** Why the browser is unavailable (Chinese, shown to users), or null. */
  reason: string | null;
  /** Throws (Chinese message) when the page cannot be loaded or the browser is unavailable. */
  /**
   * `scripts`: the script files the page loaded; `dataRequests`: other requests that can carry data (XHR, fetch,
   * frames, workers). Without the latter, the rendering follows from the page's HTML and its scripts, and can be
   * reused while they are unchanged.
   */
  render(url: string, opts?: RenderOptions): Promise<Rendering>;
  /** PNG of the page, or null when it cannot be taken. */
  screenshot(url: string): Promise<Buffer | null>;
  /** Times Chromium was started (it closes when idle and starts again on demand); 0 when unavailable. */
  browserLaunches(): number;
  /** Whether Chromium is running now. */
  browserRunning(): boolean;
  close(): Promise<void>;
}

export interface RendererOptions {
  executablePath?: string;
  /** Requests from the page to hosts outside it are blocked; without it only the rendered page's own host is allowed. */
  scope?: ScopeGuard;
  userAgent?: string;
  navigationTimeoutMs?: number;
  maxOpenPages?: number;
  /** Chromium closes after this long without an open page (default BROWSER_IDLE_CLOSE_MS; 0: kept to the end). */
  idleCloseMs?: number;
}

function unavailable(reason: string): Renderer {
  return {
    available: false,
    reason,
    render: async () => {
      throw new Error(`浏览器不可用，无法渲染页面：${reason}`);
    },
    screenshot: async () => null,
    browserLaunches: () => 0,
    browserRunning: () => false,
    close: async () => undefined,
  };
}

async function takeScreenshot(page: Page): Promise<Buffer> {
  const height = await page.evaluate(() => Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0));
  if (height > SCREENSHOT_MAX_HEIGHT) {
    return page.screenshot({ type: 'png', fullPage: true, clip: { x: 0, y: 0, width: VIEWPORT.width, height: SCREENSHOT_MAX_HEIGHT } });
  }
  return page.screenshot({ type: 'png', fullPage: true });
}

type PageUse<T> = (page: Page, requested: Requested) => Promise<T>;

async function launchContext(executablePath: string, userDataDir: string, userAgent: string): Promise<BrowserContext> {
  // loaded here, not at the top: playwright-core takes ~0.5 s to load, and most commands and re-runs need no browser
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    userAgent,
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
  });
}

/** Records the page's requests in `requested` and blocks those outside the guard's scope. */
async function routeRequests(page: Page, guard: ScopeGuard, requested: Requested): Promise<void> {
  let documentSeen = false;
  await page.route('**/*', (route) => {
    const request = route.request();
    const target = request.url();
    if (target.startsWith('data:') || target.startsWith('blob:')) return route.continue();
    // blocked requests are blocked every time: they do not make a rendering depend on anything
    if (!guard.check(target).allowed) return route.abort('blockedbyclient');
    const type = request.resourceType();
    if (!documentSeen && request.isNavigationRequest() && request.frame() === page.mainFrame()) documentSeen = true;
    else if (type === 'script') requested.scripts.push(target);
    else if (!PRESENTATION_ONLY.has(type)) requested.dataRequests++;
    return route.continue();
  });
}

function guardFor(url: string, scope: ScopeGuard | undefined): ScopeGuard {
  let guard: ScopeGuard;
  try {
    guard = scope ?? createScopeGuardFromHosts([new URL(url).hostname]);
  } catch {
    throw new Error(`网址无效，无法渲染：${url}`);
  }
  const decision = guard.check(url);
  if (!decision.allowed) throw new Error(`不渲染检查范围以外的页面：${decision.message}`);
  return guard;
}

async function openInSession<T>(session: BrowserSession, url: string, opts: RendererOptions, use: PageUse<T>): Promise<T> {
  const guard = guardFor(url, opts.scope);
  const page = await session.open().catch((err: unknown) => {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`浏览器启动失败，无法渲染页面：${url}：${detail}`);
  });
  const requested: Requested = { scripts: [], dataRequests: 0 };
  try {
    await routeRequests(page, guard, requested);
    try {
      await page.goto(url, { waitUntil: 'load', timeout: opts.navigationTimeoutMs ?? 30_000 });
    } catch (err) {
      const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new Error(`浏览器打开页面失败：${url}：${detail}`);
    }
    // Lists filled by XHR settle at network idle; a page that never idles is read as it is.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    return await use(page, requested);
  } finally {
    await session.release(page);
  }
}

function sessionRenderer(session: BrowserSession, opts: RendererOptions, userDataDir: string): Renderer {
  const openPages = new PQueue({ concurrency: opts.maxOpenPages ?? MAX_OPEN_PAGES });
  const withPage = <T>(url: string, use: PageUse<T>): Promise<T> => openPages.add(() => openInSession(session, url, opts, use));
  return {
    available: true,
    reason: null,
    render(url, ro = {}) {
      return withPage(url, async (page, requested) => {
        if (ro.waitMs) await page.waitForTimeout(ro.waitMs);
        const html = await page.content();
        const shot = ro.screenshot ? await takeScreenshot(page) : null;
        return { html, screenshot: shot, scripts: [...new Set(requested.scripts)], dataRequests: requested.dataRequests };
      });
    },
    async screenshot(url) {
      try {
        return await withPage(url, takeScreenshot);
      } catch {
        return null;
      }
    },
    browserLaunches: () => session.launches(),
    browserRunning: () => session.running(),
    async close() {
      await session.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts Chromium once to know it works (`available`); it is closed when idle (`idleCloseMs`) and started again
 * for the next page.
 */
export async function createRenderer(opts: RendererOptions = {}): Promise<Renderer> {
  const executablePath = opts.executablePath ?? DEFAULT_CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    return unavailable(
      `未找到浏览器程序 ${executablePath}（可安装 Debian 软件包 chromium，或在配置 crawl.browser.executablePath 中指定路径）；由脚本生成的栏目列表将无法读取`,
    );
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'zwgk-chromium-'));
  const userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
  const session = createBrowserSession(() => launchContext(executablePath, userDataDir, userAgent), opts.idleCloseMs);
  try {
    await session.warm();
  } catch (err) {
    await session.close();
    await rm(userDataDir, { recursive: true, force: true });
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return unavailable(`浏览器 ${executablePath} 启动失败：${detail}`);
  }
  return sessionRenderer(session, opts, userDataDir);
}
