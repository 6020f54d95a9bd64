import { describe, expect, it } from 'vitest';
import { createHostQueues } from '../crawler/fetch-host-queue.ts';
import { testFetcherOptions, useTestServer } from './helpers/test-server.ts';

const net = useTestServer();

describe('per-host politeness', () => {
  it('never has more than concurrencyPerHost requests in flight at the server', async () => {
    let inFlight = 0;
    let peak = 0;
    const server = await net.serve((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200).end('x');
      }, 40);
    });
    const fetcher = net.fetcher(testFetcherOptions({ politeness: { concurrencyPerHost: 3, delayMs: 0 } }));
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => fetcher!.fetch(`${server!.origin}/p${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.requests.length).toBe(15);
    expect(peak).toBe(3);
  });

  it('spaces request starts on one host by delayMs (the waits asked for grow by delayMs)', async () => {
    const server = await net.serve((_req, res) => res.writeHead(200).end('x'));
    const opts = testFetcherOptions({ politeness: { concurrencyPerHost: 4, delayMs: 80 } });
    const fetcher = net.fetcher(opts);
    await Promise.all(Array.from({ length: 4 }, (_, i) => fetcher!.fetch(`${server!.origin}/d${i}`)));
    expect(opts.sleeps.length).toBe(3);
    const waits = [...opts.sleeps].sort((a, b) => a - b);
    waits.forEach((w, i) => {
      expect(w).toBeLessThanOrEqual(80 * (i + 1));
      expect(w).toBeGreaterThan(80 * (i + 1) - 40);
    });
  });

  it('host queues: starts on one host are delayMs apart, other hosts are not held up', async () => {
    let clock = 1_000;
    const startedAt: Record<string, number[]> = { a: [], b: [] };
    const queues = createHostQueues({
      concurrencyPerHost: 2,
      delayMs: 100,
      now: () => clock,
      sleep: async (ms) => {
        const wakeAt = clock + ms;
        await Promise.resolve();
        clock = Math.max(clock, wakeAt);
      },
    });
    const job = (host: 'a' | 'b') =>
      queues.run(host, async () => {
        startedAt[host].push(clock);
      });
    await Promise.all([job('a'), job('a'), job('a'), job('b')]);
    expect(startedAt.a).toEqual([1_000, 1_100, 1_200]);
    expect(startedAt.b[0]).toBeLessThan(startedAt.a[2]);
  });
});

describe('conditional requests and headers', () => {
  it('sends If-None-Match / If-Modified-Since and returns notModified on 304', async () => {
    const etag = '"abc123"';
    const lastModified = 'Wed, 01 Mar 2023 08:00:00 GMT';
    const server = await net.serve((req, res) => {
      if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
      else res.writeHead(200, { etag, 'last-modified': lastModified }).end('<p>列表</p>');
    });
    const opts = testFetcherOptions();
    const fetcher = net.fetcher(opts);
    const first = await fetcher.fetch(`${server.origin}/list`);
    expect(first).toMatchObject({ ok: true, status: 200, notModified: false });
    expect(first.headers.etag).toBe(etag);
    const second = await fetcher.fetch(`${server.origin}/list`, {
      conditional: { etag: first.headers.etag, lastModified: first.headers['last-modified'] },
    });
    expect(second).toMatchObject({ ok: true, status: 304, notModified: true, body: null, errorClass: null });
    expect(server.requests[1].headers['if-none-match']).toBe(etag);
    expect(server.requests[1].headers['if-modified-since']).toBe(lastModified);
    expect(server.requests[0].headers['if-none-match']).toBeUndefined();
    const stats = fetcher.stats();
    expect(stats.notModified).toBe(1);
    expect(stats.pages).toBe(1);
    expect(stats.hosts[`127.0.0.1:${server.port}`].requests).toBe(2);
  });

  it('sends the default User-Agent (non-ASCII percent-encoded) and honours an override', async () => {
    const server = await net.serve((_req, res) => res.writeHead(200).end('x'));
    const fetcher = net.fetcher(testFetcherOptions());
    await fetcher.fetch(`${server.origin}/ua`);
    const ua = server.requests[0].headers['user-agent'] ?? '';
    expect(decodeURIComponent(ua)).toBe('zwgk-inspector/0.1 (+政务公开检查; county office)');
    await fetcher.close();
    const overridden = net.fetcher(testFetcherOptions({ userAgent: 'county-office-bot/2' }));
    await overridden.fetch(`${server.origin}/ua2`);
    expect(server.requests[1].headers['user-agent']).toBe('county-office-bot/2');
  });

  it('stats count bytes, pages and errors by class per host', async () => {
    const server = await net.serve((req, res) => {
      if (req.url === '/missing') res.writeHead(404).end('no');
      else res.writeHead(200).end(Buffer.alloc(1000));
    });
    const fetcher = net.fetcher(testFetcherOptions());
    await fetcher.fetch(`${server.origin}/a`);
    await fetcher.fetch(`${server.origin}/missing`);
    await fetcher.fetch('http://elsewhere.example/');
    const s = fetcher.stats();
    expect(s.pages).toBe(1);
    expect(s.bytes).toBe(1002);
    expect(s.errors).toEqual({ http_status: 1, out_of_scope: 1 });
    expect(s.hosts[`127.0.0.1:${server.port}`].errors).toEqual({ http_status: 1 });
  });
});
