import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';

// Reads a response body as bytes with a hard cap: it stops and aborts instead of buffering an oversized body.

interface BodyReadOptions {
  /** Past this many (decoded) bytes the body is abandoned and marked too large. */
  maxBytes: number;
  /** When set, reading stops quietly after this many bytes (link checks need only the first few KB). */
  truncateAt?: number;
}

interface BodyReadResult {
  body: Buffer;
  tooLarge: boolean;
  truncated: boolean;
  /** Bytes received on the wire (before decompression), as far as read. */
  wireBytes: number;
}

function decompressorFor(contentEncoding: string | null): Transform | null {
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return createGunzip();
  if (enc === 'deflate') return createInflate();
  if (enc === 'br') return createBrotliDecompress();
  return null;
}

export async function readBodyCapped(stream: Readable, contentEncoding: string | null, opts: BodyReadOptions): Promise<BodyReadResult> {
  const limit = opts.truncateAt !== undefined ? Math.min(opts.truncateAt, opts.maxBytes) : opts.maxBytes;
  let wireBytes = 0;
  const decompressor = decompressorFor(contentEncoding);
  if (decompressor) {
    // pipe() reads the raw stream in flowing mode, so a 'data' listener sees every wire chunk.
    stream.on('data', (chunk: Buffer) => {
      wireBytes += chunk.length;
    });
    stream.on('error', (err) => decompressor.destroy(err));
  }
  const source: Readable = decompressor ? stream.pipe(decompressor) : stream;
  const chunks: Buffer[] = [];
  let size = 0;
  let stoppedAt: 'cap' | 'truncate' | null = null;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      if (!decompressor) wireBytes += buf.length;
      if (size + buf.length > limit) {
        const room = limit - size;
        if (opts.truncateAt !== undefined && limit === opts.truncateAt) {
          chunks.push(buf.subarray(0, room));
          size += room;
          stoppedAt = 'truncate';
        } else {
          stoppedAt = 'cap';
        }
        break;
      }
      chunks.push(buf);
      size += buf.length;
    }
  } finally {
    // Abort the transfer: never drain the rest of a body we will not use.
    if (stoppedAt) {
      stream.destroy();
      decompressor?.destroy();
    }
  }
  return { body: Buffer.concat(chunks, size), tooLarge: stoppedAt === 'cap', truncated: stoppedAt === 'truncate', wireBytes };
}
