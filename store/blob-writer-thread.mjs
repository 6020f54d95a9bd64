// Worker thread of BlobWriter: compresses and writes blobs, so a crawl's main thread does not spend its time on them.
// Plain JavaScript: it needs no TypeScript loader and starts in a few milliseconds.
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const dirs = new Set();
parentPort.on('message', ({ id, file, tmp, bytes, compress }) => {
  try {
    if (!existsSync(file)) {
      const dir = dirname(file);
      if (!dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        dirs.add(dir);
      }
      // write-then-rename: a crash never leaves a truncated blob under its final name
      writeFileSync(tmp, compress ? gzipSync(bytes, { level: 6 }) : bytes);
      renameSync(tmp, file);
    }
    parentPort.postMessage({ id });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
