import type { CountyConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { setPageScreenshot } from '../store/index.ts';
import PQueue from 'p-queue';
import { createRenderer } from './browser.ts';
import { createScopeGuard } from './scope.ts';

/**
 * Screenshots the pages that back findings (when a browser is present), stored content-addressed on disk.
 * Returns url → screenshot id; pages that could not be captured are simply absent.
 */
export async function captureScreenshots(
  store: Store,
  runId: number,
  urls: string[],
  config: CountyConfig,
  limit = 300,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!config.crawl.browser.screenshots || urls.length === 0) return out;
  const renderer = await createRenderer({ executablePath: config.crawl.browser.executablePath, scope: createScopeGuard(config) }).catch(
    () => null,
  );
  if (!renderer?.available) return out;
  // a few tabs at once: each page waits for network idle, which dominates the time
  const queue = new PQueue({ concurrency: Math.min(4, config.politeness.concurrencyPerHost) });
  try {
    await Promise.all(
      [...new Set(urls)].slice(0, limit).map((url) =>
        queue.add(async () => {
          const png = await renderer.screenshot(url).catch(() => null);
          if (!png) return;
          const id = store.screenshots.put(png);
          setPageScreenshot(store, runId, url, id);
          out.set(url, id);
        }),
      ),
    );
  } finally {
    await renderer.close().catch(() => undefined);
  }
  return out;
}
