// Worker thread of BlobWriter: compresses and writes blobs, so a crawl's main thread does not spend its time on them.
// Plain JavaScript: it needs no TypeScript loader and starts in a few milliseconds.
import { parentPort } from 'node:worker_threads';
import { writeBlobFile } from './blob-file.mjs';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

// Background work: on Linux this thread yields the core to the crawl's main thread (see analysis-worker.ts).
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (tid !== process.pid) setPriority(tid, 10); // never the process (its main thread's id is the pid)
} catch {
  // not Linux, or not allowed
}

const dirs = new Set();
// one message per batch (see BlobBatch in blob-writer.ts): the bodies packed into one buffer, one answer back
parentPort.on('message', ({ items, bytes }) => {
  const reply = { done: [], failed: [] };
  for (const { id, file, tmp, compress, offset, length } of items) {
    try {
      writeBlobFile({ file, tmp, bytes: Buffer.from(bytes, offset, length), compress }, dirs);
      reply.done.push(id);
    } catch (err) {
      reply.failed.push({ id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  parentPort.postMessage(reply);
});
