// Worker thread of BlobWriter: compresses and writes blobs, so a crawl's main thread does not spend its time on them.
// Plain JavaScript: it needs no TypeScript loader and starts in a few milliseconds.
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const dirs = new Set();
// one message per batch (see BlobBatch in blob-writer.ts): the bodies packed into one buffer, one answer back
parentPort.on('message', ({ items, bytes }) => {
  const reply = { done: [], failed: [] };
  for (const { id, file, tmp, compress, offset, length } of items) {
    try {
      if (!existsSync(file)) {
        const dir = dirname(file);
        if (!dirs.has(dir)) {
          mkdirSync(dir, { recursive: true });
          dirs.add(dir);
        }
        const body = Buffer.from(bytes, offset, length);
        // write-then-rename: a crash never leaves a truncated blob under its final name
        writeFileSync(tmp, compress ? gzipSync(body, { level: 6 }) : body);
        renameSync(tmp, file);
      }
      reply.done.push(id);
    } catch (err) {
      reply.failed.push({ id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  parentPort.postMessage(reply);
});
