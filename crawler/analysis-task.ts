// What the analysis pool runs, on a worker thread or inline: the same function either way.
import { analysePage, type AnalysisPart } from './page-analysis.ts';
import { parseFeed } from './feeds.ts';

/** A page to analyse, or a feed (RSS/Atom/JSON Feed) to parse. */
export type AnalysisTask =
  | { kind: 'page'; html: string; url: string; parts: AnalysisPart[] }
  | { kind: 'feed'; text: string; contentType: string | null };
export type AnalysisRequest = AnalysisTask & { id: number };
export type AnalysisReply = { id: number; json: string } | { id: number; error: string };

/** The task's result (JSON-safe: the analysis cache stores it as JSON text); the same on a worker and inline. */
export function runTask(task: AnalysisTask): unknown {
  return task.kind === 'page' ? analysePage(task.html, task.url, task.parts) : parseFeed(task.text, task.contentType);
}
