// Worker thread: reads attachments (sheets, Word, PDF) so that a large or hostile file never blocks the crawl's
// main thread; the pool ends this thread when a file takes too long.
import { parentPort } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { answerHeapSnapshotRequests } from './heap-snapshot-request.ts';
import { extractAttachment, type AttachmentFormat, type ExtractLimits } from './attachment-extract.ts';

interface AttachmentJob {
  id: number;
  bytes: Uint8Array;
  format: AttachmentFormat;
  limits: ExtractLimits;
}

parentPort?.on('message', (m: AttachmentJob) => {
  extractAttachment(m.bytes, m.format, m.limits).then(
    (result) => parentPort!.postMessage({ id: m.id, result }),
    (err: unknown) => parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (parentPort && tid !== process.pid) setPriority(tid, 10);
} catch {
  // not Linux: normal priority
}
answerHeapSnapshotRequests('attachment');
parentPort?.postMessage({ ready: true });
