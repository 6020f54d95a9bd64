// Worker thread: parses pages and runs the extractors, so the crawl's main thread stays free for fetching and storing.
import { parentPort } from 'node:worker_threads';
import { analysePage, type AnalysisPart } from './page-analysis.ts';

export interface AnalysisRequest { id: number; html: string; url: string; parts: AnalysisPart[] }
export type AnalysisReply = { id: number; json: string } | { id: number; error: string };

parentPort?.on('message', (m: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id: m.id, json: JSON.stringify(analysePage(m.html, m.url, m.parts)) };
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
  parentPort!.postMessage(reply);
});
parentPort?.postMessage({ ready: true });
