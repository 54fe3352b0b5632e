// DocStore: each doc is a snapshot plus an append-only log of updates in SQLite, sealed
// with the user's data key. Appends made in the same event-loop tick commit in one
// transaction, and a caller hears back only after that commit ([S1]).
import * as Y from 'yjs';
import type { DocKeys } from '../crypto/data-keys';
import type { Db } from '../db/open';
import type { Logger } from '../log/logger';

export interface StoredDoc {
  /** The merged state (snapshot and log) as one update; null when nothing is stored. */
  state: Uint8Array | null;
  /** Id of the newest log row merged into `state`; compaction may drop rows up to it. */
  lastUpdateId: number;
  logCount: number;
  /** Stored bytes of the log alone. */
  logBytes: number;
  /** Stored bytes: snapshot plus log. */
  bytes: number;
}

interface Pending {
  userId: string;
  name: string;
  update: Uint8Array;
  resolve: (id: number) => void;
  reject: (error: unknown) => void;
}

interface DocRow {
  snapshot: Buffer | null;
  snapshot_bytes: number;
  log_count: number;
  log_bytes: number;
}

export class DocStore {
  private pending: Pending[] = [];
  private flushScheduled = false;
  private readonly q;

  constructor(
    private readonly db: Db,
    private readonly keys: DocKeys,
    private readonly log: Logger,
  ) {
    this.q = {
      doc: db.prepare<[string], DocRow>(
        'SELECT snapshot, snapshot_bytes, log_count, log_bytes FROM docs WHERE name = ?',
      ),
      log: db.prepare<[string], { id: number; data: Buffer }>(
        'SELECT id, data FROM doc_updates WHERE doc_name = ? ORDER BY id',
      ),
      ensureDoc: db.prepare('INSERT OR IGNORE INTO docs (name, user_id, updated_at) VALUES (?, ?, ?)'),
      insertUpdate: db.prepare('INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)'),
      countUpdate: db.prepare(
        'UPDATE docs SET log_count = log_count + 1, log_bytes = log_bytes + ?, updated_at = ? WHERE name = ?',
      ),
      dropLog: db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND id <= ?'),
      restLog: db.prepare<[string], { count: number; bytes: number }>(
        'SELECT count(*) AS count, coalesce(sum(length(data)), 0) AS bytes FROM doc_updates WHERE doc_name = ?',
      ),
      setSnapshot: db.prepare(
        'UPDATE docs SET snapshot = ?, snapshot_bytes = ?, log_count = ?, log_bytes = ?, updated_at = ? WHERE name = ?',
      ),
      deleteUpdate: db.prepare('DELETE FROM doc_updates WHERE id = ?'),
      deleteDoc: db.prepare('DELETE FROM docs WHERE name = ?'),
      markPurged: db.prepare('INSERT OR IGNORE INTO purged_docs (name, user_id, purged_at) VALUES (?, ?, ?)'),
      isPurged: db.prepare<[string], number>('SELECT 1 FROM purged_docs WHERE name = ?').pluck(),
      exists: db.prepare<[string], number>('SELECT 1 FROM docs WHERE name = ?').pluck(),
      countDocs: db.prepare<[string], number>('SELECT count(*) FROM docs WHERE user_id = ?').pluck(),
      names: db.prepare<[], string>('SELECT name FROM docs ORDER BY updated_at DESC').pluck(),
      namesOf: db.prepare<[string], string>('SELECT name FROM docs WHERE user_id = ?').pluck(),
      listed: db.prepare<[], { name: string; updatedAt: number }>(
        'SELECT name, updated_at AS updatedAt FROM docs ORDER BY updated_at DESC',
      ),
      updatedAt: db.prepare<[string], number>('SELECT updated_at FROM docs WHERE name = ?').pluck(),
    };
  }

  /** Reads a doc's snapshot and log, opens them and merges them into one update. */
  load(userId: string, name: string): StoredDoc {
    const row = this.q.doc.get(name);
    if (!row) return { state: null, lastUpdateId: 0, logCount: 0, logBytes: 0, bytes: 0 };
    const parts: Uint8Array[] = [];
    if (row.snapshot) parts.push(this.keys.open(userId, name, row.snapshot));
    let lastUpdateId = 0;
    for (const { id, data } of this.q.log.iterate(name)) {
      lastUpdateId = id;
      try {
        const update = this.keys.open(userId, name, data);
        Y.decodeUpdate(update);
        parts.push(update);
      } catch (error) {
        // A damaged row must not make the whole doc unreadable: skip it and say so.
        this.log.error('skipping an unreadable stored update', { doc: name, updateId: id, err: error });
      }
    }
    return {
      state: parts.length ? Y.mergeUpdates(parts) : null,
      lastUpdateId,
      logCount: row.log_count,
      logBytes: row.log_bytes,
      bytes: row.snapshot_bytes + row.log_bytes,
    };
  }

  /** Queues an update; resolves with its log row id once the transaction holding it commits. */
  append(userId: string, name: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ userId, name, update, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued update now. */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const ids = this.db.transaction(() => batch.map((p) => this.insert(p)))();
      for (const [i, p] of batch.entries()) p.resolve(ids[i]!);
    } catch {
      // One bad entry (say, its user was just deleted) must not fail the others.
      for (const p of batch) {
        try {
          p.resolve(this.db.transaction(() => this.insert(p))());
        } catch (error) {
          p.reject(error);
        }
      }
    }
  }

  private insert(p: Pending): number {
    const now = Date.now();
    const sealed = this.keys.seal(p.userId, p.name, p.update);
    this.q.ensureDoc.run(p.name, p.userId, now);
    const id = Number(this.q.insertUpdate.run(p.name, sealed, now).lastInsertRowid);
    this.q.countUpdate.run(sealed.length, now, p.name);
    return id;
  }

  /** Removes one update that was stored but then failed to apply ([S6]). */
  removeUpdate(id: number): void {
    this.q.deleteUpdate.run(id);
  }

  /** Replaces the log up to `upToId` with `state` as the snapshot, in one transaction ([S2]). */
  compact(userId: string, name: string, state: Uint8Array, upToId: number): void {
    const sealed = this.keys.seal(userId, name, state);
    this.db.transaction(() => {
      if (!this.q.exists.get(name)) return;
      this.q.dropLog.run(name, upToId);
      const rest = this.q.restLog.get(name)!;
      this.q.setSnapshot.run(sealed, sealed.length, rest.count, rest.bytes, Date.now(), name);
    })();
  }

  /** Deletes a doc for good and remembers that it is gone ([S12]). */
  purge(userId: string, name: string): void {
    this.db.transaction(() => {
      this.q.deleteDoc.run(name);
      this.q.markPurged.run(name, userId, Date.now());
    })();
  }

  isPurged(name: string): boolean {
    return this.q.isPurged.get(name) === 1;
  }

  exists(name: string): boolean {
    return this.q.exists.get(name) === 1;
  }

  countDocs(userId: string): number {
    return this.q.countDocs.get(userId) ?? 0;
  }

  /** The names of a user's stored docs. */
  namesOf(userId: string): string[] {
    return this.q.namesOf.all(userId);
  }

  /** Every stored doc's name, most recently written first. */
  names(): string[] {
    return this.q.names.all();
  }

  /** Every stored doc with when it last changed, most recently written first (a change feed for indexes). */
  listed(): { name: string; updatedAt: number }[] {
    return this.q.listed.all();
  }

  /** When the doc's stored rows last changed; undefined when it has none. */
  updatedAt(name: string): number | undefined {
    return this.q.updatedAt.get(name);
  }
}
