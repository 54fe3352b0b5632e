// The device's IndexedDB database (through Dexie), with a schema that grows by versions.
import { Dexie, type EntityTable } from 'dexie';

/** A small key-value row for device-wide facts (the signed-in user, later sync cursors). */
export interface MetaRow {
  key: string;
  value: unknown;
}

export class HearthDB extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'hearth') {
    super(name);
    // Schema history. A shipped version is never edited: each change adds the next
    // version (with an .upgrade() when rows need rewriting), so every device upgrades
    // in order from whatever it has. Only indexed fields are listed in a schema.
    this.version(1).stores({
      meta: 'key',
    });
    // Planned, in later issues:
    // version(2) docUpdates: the Yjs update log per doc ('++seq, doc'), with compaction.
    // version(3) threads and messages: views derived from the docs, for lists and search.
  }
}

/** The one database the app uses. */
export const db = new HearthDB();
