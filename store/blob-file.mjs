// Writing one blob file synchronously (BlobStore.put; putAsync goes through blob-writer.ts).
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

export function writeBlobFile({ file, tmp, bytes, compress }, knownDirs = null) {
  if (existsSync(file)) return;
  const dir = dirname(file);
  if (!knownDirs?.has(dir)) {
    mkdirSync(dir, { recursive: true });
    knownDirs?.add(dir);
  }
  // write-then-rename: a crash never leaves a truncated blob under its final name
  writeFileSync(tmp, compress ? gzipSync(bytes, { level: 6 }) : bytes);
  renameSync(tmp, file);
}
