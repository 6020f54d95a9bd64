import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { decodeHtml } from '../crawler/decode.ts';
import { testFetcherOptions, useTestServer } from './helpers/test-server.ts';

const net = useTestServer();

const MB = 1024 * 1024;

describe('body size cap', () => {
  it('a 50 MB streamed body is abandoned at the cap (too_large) without being buffered', async () => {
    let written = 0;
    let serverSawClose = false;
    const server = await net.serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      res.on('close', () => {
        serverSawClose = true;
      });
      const pump = () => {
        while (written < 50 * MB) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const fetcher = net.fetcher(testFetcherOptions({ crawlOverrides: { maxBodyBytes: 1 * MB } }));
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const res = await fetcher.fetch(`${server.origin}/huge`);
    const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    expect(res.ok).toBe(false);
    expect(res.errorClass).toBe('too_large');
    expect(res.permanent).toBe(true);
    expect(res.body).toBeNull();
    expect(res.attempts).toBe(1);
    await vi.waitFor(() => expect(serverSawClose).toBe(true), { timeout: 5_000 });
    // The server could only push what socket buffers absorbed before the client aborted.
    expect(written).toBeLessThan(20 * MB);
    expect(heapAfter - heapBefore).toBeLessThan(20 * MB);
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const server = await net.serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * MB) });
      res.write(Buffer.alloc(1024));
    });
    const fetcher = net.fetcher(testFetcherOptions({ crawlOverrides: { maxBodyBytes: MB } }));
    const res = await fetcher.fetch(`${server.origin}/declared`);
    expect(res.errorClass).toBe('too_large');
    expect(res.errorMessage).toContain(String(50 * MB));
  });

  it('a per-call maxBodyBytes overrides the configured cap', async () => {
    const server = await net.serve((_req, res) => res.writeHead(200).end(Buffer.alloc(4096, 0x62)));
    const fetcher = net.fetcher(testFetcherOptions());
    expect((await fetcher.fetch(`${server.origin}/x`, { maxBodyBytes: 1000 })).errorClass).toBe('too_large');
    expect((await fetcher.fetch(`${server.origin}/x`)).body?.length).toBe(4096);
  });

  it('gzip bodies are decompressed, and the cap applies to the decompressed size', async () => {
    const page = Buffer.from('<p>政务公开</p>'.repeat(1000));
    const bomb = gzipSync(Buffer.alloc(8 * MB, 0x20));
    const server = await net.serve((req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url === '/bomb' ? bomb : gzipSync(page));
    });
    const fetcher = net.fetcher(testFetcherOptions({ crawlOverrides: { maxBodyBytes: MB } }));
    const ok = await fetcher.fetch(`${server.origin}/page`);
    expect(ok.ok).toBe(true);
    expect(ok.body?.equals(page)).toBe(true);
    expect(server.requests[0].headers['accept-encoding']).toContain('gzip');
    const big = await fetcher.fetch(`${server.origin}/bomb`);
    expect(big.errorClass).toBe('too_large');
  });
});

describe('bytes end to end', () => {
  it('a GBK page served over HTTP decodes from the fetched bytes', async () => {
    const gbk = readFileSync(fileURLToPath(new URL('./fixtures/fetch/gbk-no-meta.html', import.meta.url)));
    const server = await net.serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=gb2312' }).end(gbk));
    const fetcher = net.fetcher(testFetcherOptions());
    const res = await fetcher.fetch(`${server.origin}/gbk`);
    expect(res.body?.equals(gbk)).toBe(true);
    const decoded = decodeHtml(res.body!, res.headers['content-type'] ?? null);
    expect(decoded.text).toContain('关于朱镕基同志和王喆同志的政务公开通知');
    expect(decoded.method).toBe('header');
  });
});
