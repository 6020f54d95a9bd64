import { describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { testFetcherOptions, useTestServer } from './helpers/test-server.ts';

const net = useTestServer();

/** A keep-alive HTTP/1.1 server that wrongly sends a body with its HEAD responses (some old portals do). */
async function startHeadWithBodyServer(): Promise<{ origin: string; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const raw = createServer((socket) => {
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
        socket.write(
          `HTTP/1.1 ${status}\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`,
        );
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  raw.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const close = raw.close.bind(raw);
  raw.close = ((cb?: (err?: Error) => void) => {
    sockets.forEach((s) => s.destroy());
    return close(cb);
  }) as Server['close'];
  net.onClose(() => new Promise<void>((resolve) => raw.close(() => resolve())));
  return { origin: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`, connections: () => connections };
}

describe('link checks and keep-alive', () => {
  it('HEAD link checks reuse the connection to a well-behaved server', async () => {
    const sockets = new Set<unknown>();
    const server = await net.serve((req, res) => {
      sockets.add(req.socket);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    });
    const fetcher = net.fetcher(testFetcherOptions());
    for (let i = 0; i < 8; i++) {
      expect((await fetcher.checkLink(`${server.origin}/doc${i}.pdf`)).outcome).toBe('ok');
    }
    expect(server.requests.every((r) => r.method === 'HEAD')).toBe(true);
    expect(sockets.size).toBeLessThanOrEqual(2); // undici would open one per HEAD (8) without keep-alive
  });

  it('a server that sends a body with HEAD still gets a correct verdict for every link (keep-alive is dropped for it)', async () => {
    const bad = await startHeadWithBodyServer();
    const fetcher = net.fetcher(testFetcherOptions());
    const verdicts = [];
    for (const path of ['/a.pdf', '/b.pdf', '/missing.pdf', '/c.pdf', '/d.pdf', '/missing2.doc', '/e.pdf']) {
      verdicts.push([path, (await fetcher.checkLink(`${bad.origin}${path}`)).outcome]);
    }
    expect(verdicts).toEqual([
      ['/a.pdf', 'ok'],
      ['/b.pdf', 'ok'],
      ['/missing.pdf', 'broken'],
      ['/c.pdf', 'ok'],
      ['/d.pdf', 'ok'],
      ['/missing2.doc', 'broken'],
      ['/e.pdf', 'ok'],
    ]);
    // once the stray body was noticed, HEADs to this host close their connection again
    expect(bad.connections()).toBeGreaterThan(2);
  });
});
