import { afterEach, describe, expect, it } from 'vitest';
import { countyConfigSchema } from '../config/index.ts';
import { testFetcherOptions, useTestServer, type TestNet } from './helpers/test-server.ts';

// Issue 15 item 1: undici's connect, header and body-idle timeouts never fire on a body sent one byte every two
// seconds; every request needs a total deadline.
const net = useTestServer();
const timers: NodeJS.Timeout[] = [];
afterEach(() => {
  for (const t of timers.splice(0)) clearInterval(t);
});

/** Answers at once, then sends the body one byte every two seconds, forever. */
function trickle(contentType: string): Parameters<TestNet['serve']>[0] {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    res.write('<');
    const t = setInterval(() => res.write('x'), 2_000);
    timers.push(t);
    res.on('close', () => clearInterval(t));
  };
}

describe('total deadline per request', () => {
  it('defaults: well under a minute for pages, longer for attachments', () => {
    const crawl = countyConfigSchema.shape.crawl.parse({});
    expect(crawl.pageDeadlineMs).toBeLessThan(60_000);
    expect(crawl.attachmentDeadlineMs).toBeGreaterThan(crawl.pageDeadlineMs);
  });

  it('a page trickled at one byte every 2 s is cut off at the deadline, classified timeout and retried by the same policy', async () => {
    const server = await net.serve(trickle('text/html; charset=utf-8'));
    const opts = testFetcherOptions({ crawlOverrides: { pageDeadlineMs: 1_500, bodyTimeoutMs: 60_000, retries: 1 } });
    const fetcher = net.fetcher(opts);
    const started = Date.now();
    const r = await fetcher.fetch(`${server.origin}/slow.html`);
    const took = Date.now() - started;
    expect(r.ok).toBe(false);
    expect(r.errorClass).toBe('timeout');
    expect(r.permanent).toBe(false);
    expect(r.errorMessage).toMatch(/总时限 1\.5 秒/);
    expect(r.attempts).toBe(2); // one retry, as for any transient failure
    expect(opts.sleeps).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(took).toBeLessThan(6_000);
    expect(fetcher.stats().errors).toEqual({ timeout: 1 });
  });

  it('an attachment gets the longer deadline', async () => {
    const server = await net.serve(trickle('application/pdf'));
    const fetcher = net.fetcher(
      testFetcherOptions({ crawlOverrides: { pageDeadlineMs: 1_000, attachmentDeadlineMs: 3_000, bodyTimeoutMs: 60_000, retries: 0 } }),
    );
    const started = Date.now();
    const r = await fetcher.fetch(`${server.origin}/file.pdf`);
    const took = Date.now() - started;
    expect(r.errorClass).toBe('timeout');
    expect(r.errorMessage).toMatch(/总时限 3 秒/);
    expect(took).toBeGreaterThanOrEqual(2_900);
    expect(took).toBeLessThan(6_000);
  });
});
