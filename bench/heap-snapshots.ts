// Development aid (bench/profile-memory.ts --snapshot): heap snapshots of every thread of the crawler's process at
// one moment, when the process's RSS first reaches a given size (set it just under the peak a plain run shows).
// The main thread writes its own; the worker threads write theirs when asked on a BroadcastChannel
// (crawler/heap-snapshot-request.ts). Writing a snapshot costs memory and time itself, so a run that takes them
// is for finding what holds the memory, not for measuring the peak.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { BroadcastChannel } from 'node:worker_threads';

/** Starts watching; the returned function writes what was taken (threads, files, heap sizes) to `dir/threads.json`. */
export async function snapshotAtRss(dir: string, atMb: number): Promise<() => void> {
  const { HEAP_SNAPSHOT_CHANNEL } = await import('../crawler/index.ts');
  const channel = new BroadcastChannel(HEAP_SNAPSHOT_CHANNEL);
  channel.unref();
  const taken: unknown[] = [];
  channel.onmessage = (e) => taken.push((e as { data: unknown }).data);
  let done = false;
  const t = setInterval(() => {
    const rssMb = process.memoryUsage().rss / 1048576;
    if (done || rssMb < atMb) return;
    done = true;
    const tag = `${Math.round(rssMb)}mb`;
    channel.postMessage({ request: tag }); // the workers write theirs meanwhile
    const h = getHeapStatistics();
    const mb = (v: number) => Math.round(v / 1048576);
    const file = writeHeapSnapshot(join(dir, `main-${tag}.heapsnapshot`));
    taken.push({
      thread: 'main',
      file,
      rssMb: Math.round(rssMb),
      heapTotalMb: mb(h.total_heap_size),
      heapUsedMb: mb(h.used_heap_size),
      externalMb: mb(h.external_memory),
      mallocedMb: mb(h.malloced_memory),
    });
  }, 100);
  t.unref();
  return () => {
    clearInterval(t);
    writeFileSync(join(dir, 'threads.json'), JSON.stringify({ atMb, taken }, null, 1));
  };
}
