import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createFetcher, type Fetcher } from '../crawler/fetch.ts';
import { startServer, testFetcherOptions, type TestServer } from './fixtures/fetch/test-server.ts';

let server: TestServer | null = null;
let raw: Server | null = null;
let fetcher: Fetcher | null = null;
afterEach(async () => {
  await fetcher?.close();
  await server?.close();
  await new Promise<void>((resolve) => (raw ? raw.close(() => resolve()) : resolve()));
  fetcher = null;
  server = null;
  raw = null;
});

/** A keep-alive HTTP/1.1 server that wrongly sends a body with its HEAD responses (some old portals do). */
async function startHeadWithBodyServer(): Promise<{ origin: string; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  raw = createServer((socket) => {
    connections++;
    sockets.add(socket);
    let buffered = '';
    socket.on('data', (d) => {
      buffered += d.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\r\n\r\n')) >= 0) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        const path = head.split(' ')[1] ?? '/';
        const body = `<html>${path}</html>`;
        const status = path.includes('missing') ? '404 Not Found' : '200 OK';
        // the body follows even for HEAD: a correct server would stop after the headers
        socket.write(`HTTP/1.1 ${status}\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`);
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  raw.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve));
  const close = raw.close.bind(raw);
  raw.close = ((cb?: (err?: Error) => void) => {
    sockets.forEach((s) => s.destroy());
    return close(cb);
  }) as Server['close'];
  return { origin: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`, connections: () => connections };
}

describe('link checks and keep-alive', () => {
  it('HEAD link checks reuse the connection to a well-behaved server', async () => {
    const sockets = new Set<unknown>();
    server = await startServer((req, res) => {
      sockets.add(req.socket);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    });
    fetcher = createFetcher(testFetcherOptions());
    for (let i = 0; i < 8; i++) {
      expect((await fetcher.checkLink(`${server.origin}/doc${i}.pdf`)).outcome).toBe('ok');
    }
    expect(server.requests.every((r) => r.method === 'HEAD')).toBe(true);
    expect(sockets.size).toBeLessThanOrEqual(2); // undici would open one per HEAD (8) without keep-alive
  });

  it('a server that sends a body with HEAD still gets a correct verdict for every link (keep-alive is dropped for it)', async () => {
    const bad = await startHeadWithBodyServer();
    fetcher = createFetcher(testFetcherOptions());
    const verdicts = [];
    for (const path of ['/a.pdf', '/b.pdf', '/missing.pdf', '/c.pdf', '/d.pdf', '/missing2.doc', '/e.pdf']) {
      verdicts.push([path, (await fetcher.checkLink(`${bad.origin}${path}`)).outcome]);
    }
    expect(verdicts).toEqual([
      ['/a.pdf', 'ok'], ['/b.pdf', 'ok'], ['/missing.pdf', 'broken'], ['/c.pdf', 'ok'], ['/d.pdf', 'ok'], ['/missing2.doc', 'broken'], ['/e.pdf', 'ok'],
    ]);
    // once the stray body was noticed, HEADs to this host close their connection again
    expect(bad.connections()).toBeGreaterThan(2);
  });
});
