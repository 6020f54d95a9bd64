// Development aid (bench/profile-memory.ts --snapshot): the bench's main thread asks every worker thread on this
// channel for a heap snapshot of its own isolate at the moment the process's RSS peaks. A worker answers only when
// ZWGK_BENCH_HEAPSNAPSHOT names a folder (workers inherit the environment); otherwise nothing listens.
import { writeHeapSnapshot, getHeapStatistics } from 'node:v8';
import { BroadcastChannel, threadId } from 'node:worker_threads';
import { join } from 'node:path';

export const HEAP_SNAPSHOT_CHANNEL = 'zwgk-bench-heap-snapshot';

interface HeapSnapshotReply {
  thread: string;
  file: string;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
  mallocedMb: number;
}

/** Called once by each worker thread with its kind ("analysis", "attachment"). */
export function answerHeapSnapshotRequests(kind: string): void {
  const dir = process.env.ZWGK_BENCH_HEAPSNAPSHOT;
  if (!dir) return;
  const channel = new BroadcastChannel(HEAP_SNAPSHOT_CHANNEL);
  channel.unref(); // never keeps the worker alive
  channel.onmessage = (e) => {
    const data = (e as { data: { request?: string } }).data;
    if (!data.request) return; // another worker's reply
    const thread = `${kind}-${threadId}`;
    const h = getHeapStatistics();
    const before = { total: h.total_heap_size, used: h.used_heap_size, external: h.external_memory, malloced: h.malloced_memory };
    const file = writeHeapSnapshot(join(dir, `${thread}-${data.request}.heapsnapshot`));
    const mb = (v: number) => Math.round(v / 1048576);
    const reply: HeapSnapshotReply = {
      thread,
      file,
      heapTotalMb: mb(before.total),
      heapUsedMb: mb(before.used),
      externalMb: mb(before.external),
      mallocedMb: mb(before.malloced),
    };
    channel.postMessage(reply);
  };
}
