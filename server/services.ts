// Everything a route may need, built once at boot and passed down explicitly.
import type { AuthLimits } from './auth/limits';
import type { Sessions } from './auth/session';
import type { BlobStore } from './blobs/blob-store';
import type { UploadSlots } from './blobs/upload-slots';
import type { Config } from './config';
import type { DataKeys } from './crypto/data-keys';
import type { Db } from './db/open';
import type { HearthEvents } from './events';
import type { Logger } from './log/logger';
import type { ServerSearch } from './search/server-search';
import type { DocRegistry } from './sync/doc-registry';

export interface Services {
  config: Config;
  db: Db;
  log: Logger;
  sessions: Sessions;
  limits: AuthLimits;
  events: HearthEvents;
  /** Per-user data keys: seal and open anything stored encrypted at rest. */
  keys: DataKeys;
  /** The docs in memory, the DocStore behind them, and the sync limits. */
  docs: DocRegistry;
  /** Attached files: where their bytes are stored, and the uploads running now. */
  blobs: { store: BlobStore; uploads: UploadSlots };
  /** The sync protocol version this server speaks: SYNC_PROTOCOL_VERSION, another only in tests ([S15]). */
  syncProtocolVersion: number;
  /** Search on the server; null when the operator turned it off (HEARTH_SEARCH=off). */
  search: ServerSearch | null;
}
