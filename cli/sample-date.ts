/** The sample portal's "today" (the demo's default --as-of); apart from sample-config.ts, which loads config/. */
export const SAMPLE_AS_OF = '2023-12-15';
