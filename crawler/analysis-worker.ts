// Worker thread: parses pages (running the extractors) and feeds, so the crawl's main thread stays free for fetching and storing.
import { parentPort } from 'node:worker_threads';
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
parentPort?.postMessage({ ready: true });
