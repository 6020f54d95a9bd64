import { describe, expect, it } from 'vitest';
import { testFetcherOptions, useTestServer } from './helpers/test-server.ts';

const net = useTestServer();

describe('checkLink', () => {
  it('HEAD 405 → GET decides (ok), and a GET reads only the first KB of a large body', async () => {
    let bytesSent = 0;
    const server = await net.serve((req, res) => {
      if (req.method === 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(16 * 1024);
      const pump = () => {
        while (bytesSent < 20 * 1024 * 1024) {
          bytesSent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const fetcher = net.fetcher(testFetcherOptions());
    const r = await fetcher.checkLink(`${server.origin}/files/report.pdf`);
    expect(r).toEqual({ outcome: 'ok', status: 200, errorClass: null, method: 'GET' });
    expect(server.requests.map((x) => x.method)).toEqual(['HEAD', 'GET']);
    expect(bytesSent).toBeLessThan(10 * 1024 * 1024);
  });

  it('HEAD 405 → GET 404 is broken; HEAD 404 is broken without a GET', async () => {
    const server = await net.serve((req, res) => {
      if (req.method === 'HEAD' && req.url === '/refuses-head') res.writeHead(405).end();
      else res.writeHead(404).end();
    });
    const fetcher = net.fetcher(testFetcherOptions());
    expect(await fetcher.checkLink(`${server.origin}/refuses-head`)).toEqual({
      outcome: 'broken',
      status: 404,
      errorClass: 'http_status',
      method: 'GET',
    });
    expect(await fetcher.checkLink(`${server.origin}/gone`)).toEqual({
      outcome: 'broken',
      status: 404,
      errorClass: 'http_status',
      method: 'HEAD',
    });
    expect(server.requests.map((x) => `${x.method} ${x.path}`)).toEqual(['HEAD /refuses-head', 'GET /refuses-head', 'HEAD /gone']);
  });

  it('a HEAD that succeeds decides; each link is checked once per run', async () => {
    const server = await net.serve((_req, res) => res.writeHead(200).end());
    const fetcher = net.fetcher(testFetcherOptions());
    const url = `${server.origin}/a.html`;
    const [a, b] = await Promise.all([fetcher.checkLink(url), fetcher.checkLink(url)]);
    const c = await fetcher.checkLink(`${url}#section`);
    expect(a).toEqual({ outcome: 'ok', status: 200, errorClass: null, method: 'HEAD' });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(server.requests.length).toBe(1);
    expect(fetcher.stats().linkChecks).toBe(1);
    expect(fetcher.stats().pages).toBe(0);
  });

  it('out-of-scope links are skipped without a request', async () => {
    const server = await net.serve((_req, res) => res.writeHead(200).end());
    const fetcher = net.fetcher(testFetcherOptions());
    expect(await fetcher.checkLink('http://www.gov.cn/')).toEqual({
      outcome: 'skipped',
      status: null,
      errorClass: 'out_of_scope',
      method: null,
    });
    expect(await fetcher.checkLink('mailto:zwgk@linyi.gov.cn')).toMatchObject({ outcome: 'skipped', errorClass: 'unsupported_scheme' });
    expect(server.requests.length).toBe(0);
  });

  it('a server that drops HEAD connections gets a GET, which decides', async () => {
    const server = await net.serve((req, res) => {
      if (req.method === 'HEAD') req.socket.destroy();
      else res.writeHead(200).end('ok');
    });
    const opts = testFetcherOptions({ crawlOverrides: { retries: 1 } });
    const fetcher = net.fetcher(opts);
    const r = await fetcher.checkLink(`${server.origin}/x`);
    expect(r).toMatchObject({ outcome: 'ok', method: 'GET' });
  });

  it('a 5xx that persists after retries is broken', async () => {
    const server = await net.serve((_req, res) => res.writeHead(503).end());
    const fetcher = net.fetcher(testFetcherOptions({ crawlOverrides: { retries: 1 } }));
    expect(await fetcher.checkLink(`${server.origin}/down`)).toEqual({
      outcome: 'broken',
      status: 503,
      errorClass: 'http_status',
      method: 'HEAD',
    });
  });
});
