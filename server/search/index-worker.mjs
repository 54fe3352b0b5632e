// Starts the indexer's worker thread. Node 20 does not carry tsx's loader into a worker
// thread, so this plain module registers it before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./index-worker.ts');
