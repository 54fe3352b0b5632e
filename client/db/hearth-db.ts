// The device's IndexedDB database (through Dexie), with a schema that grows by versions.
import { Dexie, type EntityTable } from 'dexie';
import type { ThreadMeta } from '../../shared/docs/index-doc';
import type { MessageStatus, Role } from '../../shared/docs/thread-doc';
import { type MessageChangeRow, messageChangeLog } from './message-changes';

export type { MessageChangeRow } from './message-changes';

/** A small key-value row for device-wide facts (the signed-in user, later sync cursors). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** One Yjs update of one doc; a doc's state is all its rows applied in `seq` order. */
export interface DocUpdateRow {
  seq?: number;
  doc: string;
  update: Uint8Array;
}

/** What the device knows about a doc's sync with the server. */
export interface DocStateRow {
  doc: string;
  /** The server's state vector as last reported, so uploads send only what it lacks. */
  serverStateVector?: Uint8Array;
  /** For thread docs: the index's `updatedAt` this copy is known to include (the change feed). */
  knownUpdatedAt?: number;
}

/**
 * A doc holding changes of this device that the server has not confirmed storing ([S13]).
 * A row of its own, so a change marks its doc in the same write as the change, without
 * reading anything first.
 */
export interface UnsentRow {
  doc: string;
}

/** The thread list, derived from the index doc. */
export interface ThreadRow extends ThreadMeta {
  userId: string;
}

/** Every message of every branch, derived from the thread docs, for lists and search. */
export interface MessageRow {
  id: string;
  threadId: string;
  userId: string;
  role: Role;
  status: MessageStatus;
  parentId: string | null;
  model: string | null;
  text: string;
  /** Absent on rows written before it was kept. */
  error?: string | null;
  createdAt: number;
  /** 1 when the message is on the thread's active path (absent on rows written before). */
  onPath?: 0 | 1;
}

/**
 * The search index of one user as the search worker stored it (client/search/index-store.ts);
 * what it includes is in the meta table, a small row that is cheap to read.
 */
export interface SearchIndexRow {
  userId: string;
  /** MiniSearch's serialised index. */
  json: string;
}

/** A file's bytes on this device (attachments, their previews and extracted text), by SHA-256. */
export interface BlobRow {
  userId: string;
  sha256: string;
  blob: Blob;
}

/** A blob waiting to reach the server; the bytes are in `blobs`. Kept until the server has them. */
export interface UploadRow {
  userId: string;
  sha256: string;
  /** When it was queued, for uploading oldest first. */
  queuedAt: number;
  /** Failed attempts in a row, for the backoff; reset by a success. */
  attempts: number;
  /** The last failure in words, shown on the chip; absent while all is well. */
  error?: string;
  /** When to try again after a failure (ms since the epoch). */
  retryAt?: number;
  /** The server refused the file (too big, wrong type): retrying cannot help. */
  stopped?: boolean;
}

export class HearthDB extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  docUpdates!: EntityTable<DocUpdateRow, 'seq'>;
  docState!: EntityTable<DocStateRow, 'doc'>;
  unsent!: EntityTable<UnsentRow, 'doc'>;
  threads!: EntityTable<ThreadRow, 'id'>;
  messages!: EntityTable<MessageRow, 'id'>;
  messageChanges!: EntityTable<MessageChangeRow, 'seq'>;
  searchIndex!: EntityTable<SearchIndexRow, 'userId'>;
  blobs!: Dexie.Table<BlobRow, [string, string]>;
  uploads!: Dexie.Table<UploadRow, [string, string]>;

  constructor(name = 'hearth') {
    super(name);
    // Schema history. A shipped version is never edited: each change adds the next
    // version (with an .upgrade() when rows need rewriting), so every device upgrades
    // in order from whatever it has. Only indexed fields are listed in a schema.
    this.version(1).stores({
      meta: 'key',
    });
    this.version(2).stores({
      docUpdates: '++seq, doc',
      docState: 'doc, dirty',
      threads: 'id, userId, [userId+updatedAt]',
      messages: 'id, threadId, userId, [threadId+createdAt]',
    });
    // The active path of a thread, newest last, for painting a thread before its doc loads.
    this.version(3).stores({
      messages: 'id, threadId, userId, [threadId+createdAt], [threadId+onPath+createdAt]',
    });
    // Unsent changes move from docState's `dirty` flag to a table of their own.
    this.version(4)
      .stores({ docState: 'doc', unsent: 'doc' })
      .upgrade(async (tx) => {
        const states = tx.table<DocStateRow & { dirty?: 0 | 1 }, string>('docState');
        const dirty = await states.filter((row) => row.dirty === 1).primaryKeys();
        await tx.table<UnsentRow, string>('unsent').bulkPut(dirty.map((doc) => ({ doc })));
        await states.toCollection().modify((row) => {
          delete row.dirty;
        });
      });
    // Search on the device: which messages changed (message-changes.ts), and the stored index.
    this.version(5).stores({
      messageChanges: '++seq',
      searchIndex: 'userId',
    });
    // Attachments: the files on this device and the queue of those still to upload.
    this.version(6).stores({
      blobs: '[userId+sha256]',
      uploads: '[userId+sha256], [userId+queuedAt]',
    });
    // Before the database opens: Dexie builds its middleware stack then.
    this.use(messageChangeLog);
  }
}

/** The one database the app uses. */
export const db = new HearthDB();
