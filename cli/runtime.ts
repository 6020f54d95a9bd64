import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets a heap grow to up to four times what survives a full collection before it collects again: a long crawl
 * then sat at 500–700 MB while holding about 75 MB, and its peak depended on when the collector happened to run.
 * Growing by at most half keeps the peak near what the crawl really holds (measured: ~420 MB, the same for twice
 * the pages; a few more full collections, whose CPU cost was lost in this machine's ±10% noise). The factor is read
 * at every collection, so setting it at start-up works.
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * The young generation of the worker threads (page analysis, snapshot writer, attachment reader). V8's default lets
 * each thread's young generation grow to 32 MB of which little survives; the flag applies to isolates created after
 * it is set, so it reaches every worker but not the main thread (whose heap exists before any code runs).
 * Measured on bench:crawl's county (README 内存与规模).
 */
const WORKER_SEMI_SPACE_MB = 4;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString(`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
}
