// What the signed-in app loads after its first paint: the sync manager, and with it yjs and
// y-websocket (a third of the shell's JavaScript), plus the index-doc edits the shell makes.
// Until it arrives the sidebar paints from the Dexie views alone; then it reads the index doc.
export { createThread, deleteThread, pinThread, readSettings, renameThread } from '../../shared/docs/index-doc';
export { shownThreads, shownThreadsOptions } from '../sidebar/shown-threads';
export { browserTransport } from './browser-transport';
export { SyncManager } from './sync-manager';
