export * from './schema.ts';
export * from './load.ts';
export type * from './rubric-types.ts';
export * from './window.ts';
export * from './rubric.ts';
export * from './documents-schema.ts';
export { loadContentWords, ContentWordsError, type ContentWordLists, type TypoEntry, type ExpressionEntry } from './content-words.ts';
export * from './indicator-table.ts';
export * from './site-schema.ts';
