import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { testFetcherOptions, useTestServer } from './helpers/test-server.ts';

// Issue 22 item 4: every request of a unit listened on the unit's own cut-off signal, so 16 connections in flight put
// 16 listeners on one AbortSignal and bench:crawl printed a MaxListenersExceededWarning per unit.
const net = useTestServer();

describe("a unit's cut-off signal shared by many requests", () => {
  it('carries at most one listener however many requests are in flight, and none once they are done', async () => {
    let inFlight = 0;
    let peakInFlight = 0;
    const server = await net.serve((_req, res) => {
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<p>ok</p>');
      }, 30);
    });
    const fetcher = net.fetcher(testFetcherOptions({ politeness: { concurrencyPerHost: 16, delayMs: 0 } }));
    const signal = new AbortController().signal;
    let peakListeners = 0;
    const watch = setInterval(() => {
      peakListeners = Math.max(peakListeners, getEventListeners(signal, 'abort').length);
    }, 5);
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => fetcher.fetch(`${server.origin}/p${i}.html`, { signal })));
      expect(results.every((r) => r.ok)).toBe(true);
    } finally {
      clearInterval(watch);
      process.off('warning', onWarning);
    }
    expect(peakInFlight).toBeGreaterThan(10); // more than EventTarget's default limit of listeners were in flight at once
    expect(peakListeners).toBeLessThanOrEqual(1);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('still aborts every request in flight when the signal fires', async () => {
    const server = await net.serve(() => undefined); // never answers
    const fetcher = net.fetcher(testFetcherOptions({ politeness: { concurrencyPerHost: 16, delayMs: 0 } }));
    const ac = new AbortController();
    const pending = Array.from({ length: 20 }, (_, i) => fetcher.fetch(`${server.origin}/hang${i}.html`, { signal: ac.signal }));
    await new Promise((r) => setTimeout(r, 200));
    ac.abort();
    const results = await Promise.all(pending);
    expect(results.every((r) => !r.ok && r.permanent)).toBe(true);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });
});
