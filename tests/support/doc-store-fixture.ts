// A DocStore on a real SQLite file in a fresh temporary directory, with one user, for tests
// that drive the sync code in-process; `reopen` is a restart on the same file. And a device
// attached to a LiveDoc without a socket.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DataKeys } from '../../server/crypto/data-keys';
import { type Db, openDatabase } from '../../server/db/open';
import { createLogger } from '../../server/log/logger';
import { DocStore } from '../../server/sync/doc-store';
import { LiveDoc, type Peer } from '../../server/sync/live-doc';
import { type DocRef, docNameOf } from '../../shared/docs/names';
import { DEFAULT_SYNC_LIMITS, MessageType, type SyncLimits } from '../../shared/sync/protocol';

export const quietLog = createLogger({ write: () => {} });

export interface StoreFixture {
  db: Db;
  userId: string;
  keys: DataKeys;
  store: DocStore;
  /** A LiveDoc loaded from `from` (the fixture's store); `broken` collects what it reports. */
  open(ref: DocRef, from?: DocStore, limits?: Readonly<SyncLimits>): LiveDoc;
  /** A new DataKeys and DocStore on the same database file, as after a restart. */
  reopen(): DocStore;
  broken: unknown[];
}

export function storeFixture(options: { durable?: boolean } = {}): StoreFixture {
  const db = openDatabase(mkdtempSync(path.join(tmpdir(), 'hearth-store-')));
  // Tests that commit thousands of times need not wait for the disk each time.
  if (options.durable === false) db.pragma('synchronous = OFF');
  const userId = 'a'.repeat(32);
  db.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, 'a@b.c', 'A', 'x', 0)").run(
    userId,
  );
  const masterKey = randomBytes(32);
  const keys = new DataKeys(db, masterKey);
  const store = new DocStore(db, keys, quietLog);
  const broken: unknown[] = [];
  return {
    db,
    userId,
    keys,
    store,
    broken,
    open: (ref, from = store, limits = DEFAULT_SYNC_LIMITS) =>
      new LiveDoc(ref, from.load(ref.userId, docNameOf(ref)), from, limits, (error) => broken.push(error)),
    reopen: () => new DocStore(db, new DataKeys(db, masterKey), quietLog),
  };
}

/** Counts the transactions on `doc`: Yjs changes a doc only inside one, even when it throws. */
export function transactionsOn(doc: Y.Doc): () => number {
  let count = 0;
  doc.on('afterTransaction', () => count++);
  return () => count;
}

/** A device on a live doc: applies every update the server sends it, and counts frames. */
export class DevicePeer implements Peer {
  readonly doc = new Y.Doc();
  readonly transactions = transactionsOn(this.doc);
  frames = 0;

  send(frame: Uint8Array): void {
    this.frames++;
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return;
    syncProtocol.readSyncMessage(decoder, { buf: [] } as never, this.doc, 'server');
  }

  close(): void {}
}
