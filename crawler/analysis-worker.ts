// Worker thread: parses pages (running the extractors) and feeds, so the crawl's main thread stays free for fetching and storing.
import { parentPort } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { answerHeapSnapshotRequests } from './heap-snapshot-request.ts';
import { runTask, type AnalysisRequest, type AnalysisReply } from './analysis-task.ts';

parentPort?.on('message', (m: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id: m.id, json: JSON.stringify(runTask(m)) };
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
  parentPort!.postMessage(reply);
});
// Parsing is background work: the main thread (whose fetches are waiting to be read) and the web workspace should
// not wait for a core behind it. On Linux a thread has its own nice value (/proc/thread-self names the thread);
// elsewhere this does nothing. (The attachment worker does the same.)
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (parentPort && tid !== process.pid) setPriority(tid, 10); // never the process (its main thread's id is the pid)
} catch {
  // not Linux, or not allowed: the thread runs at normal priority
}
answerHeapSnapshotRequests('analysis');
parentPort?.postMessage({ ready: true });
