export * from './schema.ts';
export * from './load.ts';
export type * from './rubric-types.ts';
export * from './window.ts';
export * from './rubric.ts';
export * from './indicator-table.ts';
export * from './site-schema.ts';
