// Entry of the analysis worker thread. A worker does not always inherit the TypeScript loader (under vitest it
// does not), so tsx is registered here before the TypeScript module is imported.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
