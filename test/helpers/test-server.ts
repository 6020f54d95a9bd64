// The crawler tests' loopback set-up in one place: servers on 127.0.0.1 (random port) and fetchers, all closed
// after each test, whatever it did.
import { afterEach } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../crawler/fetch.ts';
import { startServer, testFetcherOptions, type TestServer } from '../fixtures/fetch/test-server.ts';

export type { SeenRequest, TestServer } from '../fixtures/fetch/test-server.ts';
export { testCrawl, testFetcherOptions } from '../fixtures/fetch/test-server.ts';

export interface TestNet {
  /** A recording HTTP server on 127.0.0.1 (see fixtures/fetch/test-server.ts), closed after the test. */
  serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer>;
  /** A fetcher (loopback scope, instant sleep unless the options say otherwise), closed after the test. */
  fetcher(options?: FetcherOptions): Fetcher;
  /** Anything else to close after the test (a raw socket server, a renderer). */
  onClose(close: () => Promise<unknown> | unknown): void;
}

/** Call once at the top of a test file: registers the afterEach that closes what each test opened. */
export function useTestServer(): TestNet {
  let closers: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    const pending = closers.reverse();
    closers = [];
    // fetchers first (they wait for requests in flight), then the servers they talk to
    for (const close of pending)
      await Promise.resolve()
        .then(close)
        .catch(() => undefined);
  });
  return {
    async serve(handler) {
      const server = await startServer(handler);
      closers.push(() => server.close());
      return server;
    },
    fetcher(options = testFetcherOptions()) {
      const fetcher = createFetcher(options);
      let closed: Promise<void> | null = null;
      const close = () => (closed ??= fetcher.close());
      closers.push(close);
      return { ...fetcher, close };
    },
    onClose(close) {
      closers.push(close);
    },
  };
}
