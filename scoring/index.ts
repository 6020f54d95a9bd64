// Public API of scoring/: other folders import only from here.
export * from './rules.ts';
export type * from './types.ts';
export * from './engine.ts';
export * from './grades.ts';
export * from './row-input.ts';
export * from './from-store.ts';
export * from './manual-input.ts';
export * from './manual-template.ts';
export * from './manual-import.ts';
export * from './review-import.ts';
export * from './table-read.ts';
export * from './groups.ts';
export * from './observed-counts.ts';
export { scoreSite19, type Site19Result, type Site19Veto, type Site19Item, type VetoState } from './site19.ts';
