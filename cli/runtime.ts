import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets a heap grow to up to four times what survives a full collection before it collects again: a long crawl
 * then sat at 500–700 MB while holding about 75 MB, and its peak depended on when the collector happened to run.
 * Growing by at most half keeps the peak near what the crawl really holds (measured: ~420 MB, the same for twice
 * the pages; a few more full collections, whose CPU cost was lost in this machine's ±10% noise). The factor is read
 * at every collection, so setting it at start-up works.
 */
const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
