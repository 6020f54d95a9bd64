import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// Imports the modules directly so these tests do not depend on the rest of crawler/ compiling.
import { classifyError, classifyStatus } from '../crawler/errors.ts';
import { testFetcherOptions, useTestServer } from './helpers/test-server.ts';

const net = useTestServer();

describe('fault classes and retries', () => {
  it('a stalled server (headers never sent) times out, is retried, then recorded as transient timeout', async () => {
    const server = await net.serve(() => {
      /* never answer */
    });
    const opts = testFetcherOptions({ crawlOverrides: { headersTimeoutMs: 150, retries: 2 } });
    const fetcher = net.fetcher(opts);
    const res = await fetcher.fetch(`${server.origin}/stall`);
    expect(res.ok).toBe(false);
    expect(res.errorClass).toBe('timeout');
    expect(res.permanent).toBe(false);
    expect(res.attempts).toBe(3);
    expect(server.requests.length).toBe(3);
    expect(opts.sleeps.length).toBe(2);
    expect(opts.sleeps[1]).toBeGreaterThan(opts.sleeps[0]);
    const stats = fetcher.stats();
    expect(stats.errors.timeout).toBe(1);
    expect(stats.retries).toBe(2);
  });

  it('a connection reset is classified reset (transient) and retried', async () => {
    const server = await net.serve((req) => req.socket.destroy());
    const opts = testFetcherOptions({ crawlOverrides: { retries: 1 } });
    const fetcher = net.fetcher(opts);
    const res = await fetcher.fetch(`${server.origin}/reset`);
    expect(res.errorClass).toBe('reset');
    expect(res.permanent).toBe(false);
    expect(res.attempts).toBe(2);
    expect(server.requests.length).toBe(2);
  });

  it('a refused connection is classified refused', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const fetcher = net.fetcher(testFetcherOptions({ crawlOverrides: { retries: 1 } }));
    const res = await fetcher.fetch(`http://127.0.0.1:${port}/`);
    expect(res.errorClass).toBe('refused');
    expect(res.attempts).toBe(2);
  });

  it('a self-signed certificate is a permanent tls error, not retried', async () => {
    const pem = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/fetch/${name}`, import.meta.url)));
    let hits = 0;
    const tlsServer = createHttpsServer({ key: pem('selfsigned-key.pem'), cert: pem('selfsigned-cert.pem') }, (_req, res) => {
      hits++;
      res.end('secret');
    });
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
    try {
      const opts = testFetcherOptions();
      const fetcher = net.fetcher(opts);
      const res = await fetcher.fetch(`https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}/`);
      expect(res).toMatchObject({ ok: false, errorClass: 'tls', permanent: true, attempts: 1 });
      expect(res.errorMessage).toMatch(/证书/);
      expect(hits).toBe(0);
      expect(opts.sleeps).toEqual([]);
    } finally {
      tlsServer.closeAllConnections();
      await new Promise<void>((r) => tlsServer.close(() => r()));
    }
  });

  it('500 then 200: retried and succeeds', async () => {
    const server = await net.serve((_req, res, seen) => {
      if (seen.length === 1) {
        res.writeHead(500).end('boom');
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>好</p>');
      }
    });
    const opts = testFetcherOptions();
    const fetcher = net.fetcher(opts);
    const res = await fetcher.fetch(`${server.origin}/flaky`);
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(res.errorClass).toBeNull();
    expect(res.body?.toString('utf8')).toBe('<p>好</p>');
    expect(opts.sleeps.length).toBe(1);
    expect(fetcher.stats().pages).toBe(1);
  });

  it('429 with Retry-After seconds: the wait asked for is honoured', async () => {
    const server = await net.serve((_req, res, seen) => {
      if (seen.length === 1) res.writeHead(429, { 'retry-after': '7' }).end();
      else res.writeHead(200).end('ok');
    });
    const opts = testFetcherOptions();
    const fetcher = net.fetcher(opts);
    const res = await fetcher.fetch(`${server.origin}/limited`);
    expect(res.ok).toBe(true);
    expect(opts.sleeps).toEqual([7000]);
  });

  it('503 with Retry-After as an HTTP date waits until that date; an excessive Retry-After is capped', async () => {
    const when = new Date(Date.now() + 20_000).toUTCString();
    const server = await net.serve((_req, res, seen) => {
      if (seen.length === 1) res.writeHead(503, { 'retry-after': when }).end();
      else if (seen.length === 2) res.writeHead(503, { 'retry-after': '86400' }).end();
      else res.writeHead(200).end('ok');
    });
    const opts = testFetcherOptions();
    const fetcher = net.fetcher(opts);
    const res = await fetcher.fetch(`${server.origin}/busy`);
    expect(res.ok).toBe(true);
    expect(opts.sleeps.length).toBe(2);
    expect(opts.sleeps[0]).toBeGreaterThan(17_000);
    expect(opts.sleeps[0]).toBeLessThanOrEqual(20_000);
    expect(opts.sleeps[1]).toBe(60_000);
  });

  it('404 is permanent and not retried', async () => {
    const server = await net.serve((_req, res) => res.writeHead(404).end('not here'));
    const opts = testFetcherOptions();
    const fetcher = net.fetcher(opts);
    const res = await fetcher.fetch(`${server.origin}/gone`);
    expect(res.ok).toBe(false);
    expect(res.status).toBe(404);
    expect(res.errorClass).toBe('http_status');
    expect(res.permanent).toBe(true);
    expect(res.attempts).toBe(1);
    expect(server.requests.length).toBe(1);
    expect(opts.sleeps).toEqual([]);
  });

  it('a 5xx that never recovers is recorded after all retries', async () => {
    const server = await net.serve((_req, res) => res.writeHead(502).end());
    const opts = testFetcherOptions({ crawlOverrides: { retries: 3 } });
    const fetcher = net.fetcher(opts);
    const res = await fetcher.fetch(`${server.origin}/down`);
    expect(res.status).toBe(502);
    expect(res.permanent).toBe(false);
    expect(res.attempts).toBe(4);
    expect(server.requests.length).toBe(4);
    expect(res.errorMessage).toContain('502');
  });
});

describe('classifyError / classifyStatus', () => {
  const withCode = (code: string) => Object.assign(new Error(`x ${code}`), { code });

  it('DNS NXDOMAIN and TLS certificate errors are permanent', () => {
    expect(classifyError(withCode('ENOTFOUND'))).toMatchObject({ errorClass: 'dns', permanent: true });
    expect(classifyError(new TypeError('fetch failed', { cause: withCode('CERT_HAS_EXPIRED') }))).toMatchObject({
      errorClass: 'tls',
      permanent: true,
    });
    expect(classifyError(withCode('ERR_TLS_CERT_ALTNAME_INVALID'))).toMatchObject({ errorClass: 'tls', permanent: true });
  });

  it('a temporary DNS failure, timeouts and resets are transient', () => {
    expect(classifyError(withCode('EAI_AGAIN'))).toMatchObject({ errorClass: 'dns', permanent: false });
    expect(classifyError(withCode('UND_ERR_HEADERS_TIMEOUT'))).toMatchObject({ errorClass: 'timeout', permanent: false });
    expect(classifyError(withCode('UND_ERR_CONNECT_TIMEOUT'))).toMatchObject({ errorClass: 'timeout', permanent: false });
    expect(classifyError(withCode('ECONNRESET'))).toMatchObject({ errorClass: 'reset', permanent: false });
  });

  it('messages are Chinese and carry the cause', () => {
    const c = classifyError(withCode('ENOTFOUND'));
    expect(c.message).toMatch(/域名/);
    expect(c.message).toContain('ENOTFOUND');
    expect(classifyError('weird').errorClass).toBe('other');
  });

  it('429 and 5xx are transient; other 4xx and 501 permanent', () => {
    expect(classifyStatus(429).permanent).toBe(false);
    expect(classifyStatus(503).permanent).toBe(false);
    expect(classifyStatus(500).permanent).toBe(false);
    expect(classifyStatus(404).permanent).toBe(true);
    expect(classifyStatus(403).permanent).toBe(true);
    expect(classifyStatus(501).permanent).toBe(true);
    expect(classifyStatus(404).errorClass).toBe('http_status');
  });
});
