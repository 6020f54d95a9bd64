// Entry of the attachment worker thread (see analysis-worker-boot.mjs: tsx is registered before the TypeScript module).
import { register } from 'tsx/esm/api';

register();
await import('./attachment-worker.ts');
