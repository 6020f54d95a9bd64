import { describe, expect, it } from 'vitest';
import { testFetcherOptions, useTestServer } from './helpers/test-server.ts';

const net = useTestServer();

describe('redirects', () => {
  it('follows relative redirects and reports the chain and final URL', async () => {
    const server = await net.serve((req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/mid' }).end();
      else if (req.url === '/mid') res.writeHead(302, { location: `http://127.0.0.1:${req.socket.localPort}/new` }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('new');
    });
    const fetcher = net.fetcher(testFetcherOptions());
    const res = await fetcher.fetch(`${server.origin}/old`);
    expect(res.ok).toBe(true);
    expect(res.finalUrl).toBe(`${server.origin}/new`);
    expect(res.redirects).toEqual([`${server.origin}/mid`, `${server.origin}/new`]);
    expect(res.body?.toString()).toBe('new');
  });

  it('a loop is redirect_loop, permanent, and not followed again', async () => {
    const server = await net.serve((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end();
    });
    const opts = testFetcherOptions({ crawlOverrides: { maxRedirects: 10 } });
    const fetcher = net.fetcher(opts);
    const res = await fetcher.fetch(`${server.origin}/a`);
    expect(res.ok).toBe(false);
    expect(res.errorClass).toBe('redirect_loop');
    expect(res.permanent).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/b']);
    expect(opts.sleeps).toEqual([]);
  });

  it('a chain longer than maxRedirects is too_many_redirects', async () => {
    const server = await net.serve((req, res) => {
      const n = Number((req.url ?? '/0').slice(1));
      res.writeHead(302, { location: `/${n + 1}` }).end();
    });
    const fetcher = net.fetcher(testFetcherOptions({ crawlOverrides: { maxRedirects: 3 } }));
    const res = await fetcher.fetch(`${server.origin}/0`);
    expect(res.errorClass).toBe('too_many_redirects');
    expect(res.permanent).toBe(true);
    expect(res.redirects.length).toBe(3);
    expect(server.requests.length).toBe(4);
  });

  it('each hop is re-checked against the scope guard: a redirect off the county hosts is not followed', async () => {
    const server = await net.serve((_req, res) => res.writeHead(302, { location: 'http://10.0.0.7/admin' }).end());
    const fetcher = net.fetcher(testFetcherOptions());
    const res = await fetcher.fetch(`${server.origin}/go`);
    expect(res.errorClass).toBe('out_of_scope');
    expect(res.errorMessage).toContain('10.0.0.7');
    expect(res.redirects).toEqual([]);
    expect(server.requests.length).toBe(1);
  });
});
