// In-process events between domains: auth tells sync when sessions end or an account goes.
import { EventEmitter } from 'node:events';

export interface HearthEventMap {
  /** Some of the user's sessions may have ended: re-check the open sockets. */
  'sessions-changed': [userId: string];
  /** Every row of the user is gone. */
  'account-deleted': [userId: string];
  /** A blob of the user was stored whole (a reply may be waiting for it). */
  'blob-stored': [userId: string, sha256: string];
}

export class HearthEvents extends EventEmitter<HearthEventMap> {}
