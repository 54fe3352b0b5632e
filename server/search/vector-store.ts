// The vectors of embedded chunks, in sqlite-vec vec0 tables (one per vector size), each
// row in the partition of its `space`: one user and one embedding model. A nearest-neighbour
// query names its space, so it reads one user's vectors of one model and nothing else:
// other users' vectors, and vectors another model made, are never compared with it.
import type Database from 'better-sqlite3';
import { type SearchDb, vectorTable, vectorTables } from './search-db';

/** The partition of a user's vectors made by one model (an embedding space key, see embedding-space.ts). */
export const spaceOf = (userId: string, spaceKey: string) => `${userId}|${spaceKey}`;

export interface ChunkToStore {
  message: number;
  start: number;
  end: number;
  vector: Float32Array;
}

export interface NearChunk {
  chunkId: number;
  message: number;
  start: number;
  end: number;
  distance: number;
}

interface TableStatements {
  insert: Database.Statement<[bigint, string, Buffer]>;
  remove: Database.Statement<[bigint]>;
  nearest: Database.Statement<[Buffer, number, string], { chunk_id: number; distance: number }>;
}

const blob = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

export class VectorStore {
  private readonly perTable = new Map<number, TableStatements>();
  private readonly q;

  constructor(private readonly db: SearchDb) {
    this.q = {
      chunksOf: db.prepare<[number], { id: number; dims: number }>('SELECT id, dims FROM chunks WHERE message = ?'),
      dropChunks: db.prepare('DELETE FROM chunks WHERE message = ?'),
      addChunk: db.prepare<[number, number, number, number]>(
        'INSERT INTO chunks (message, start, end, dims) VALUES (?, ?, ?, ?)',
      ),
      chunk: db.prepare<[number], { message: number; start: number; end: number }>(
        'SELECT message, start, end FROM chunks WHERE id = ?',
      ),
    };
    for (const dims of vectorTables(db)) this.statements(dims);
  }

  private statements(dims: number): TableStatements {
    let s = this.perTable.get(dims);
    if (!s) {
      const table = vectorTable(this.db, dims);
      s = {
        insert: this.db.prepare(`INSERT INTO ${table} (chunk_id, space, embedding) VALUES (?, ?, ?)`),
        remove: this.db.prepare(`DELETE FROM ${table} WHERE chunk_id = ?`),
        nearest: this.db.prepare(
          `SELECT chunk_id, distance FROM ${table} WHERE embedding MATCH ? AND k = ? AND space = ? ORDER BY distance`,
        ),
      };
      this.perTable.set(dims, s);
    }
    return s;
  }

  /** Stores a message's chunks and their vectors (call inside the transaction that marks it embedded). */
  add(space: string, chunks: ChunkToStore[]): void {
    for (const chunk of chunks) {
      const dims = chunk.vector.length;
      const id = this.q.addChunk.run(chunk.message, chunk.start, chunk.end, dims).lastInsertRowid;
      this.statements(dims).insert.run(BigInt(id), space, blob(chunk.vector));
    }
  }

  /** Removes a message's chunks and vectors (vec0 rows do not follow foreign keys: this does it). */
  removeFor(message: number): void {
    for (const { id, dims } of this.q.chunksOf.all(message)) this.statements(dims).remove.run(BigInt(id));
    this.q.dropChunks.run(message);
  }

  /** The `k` chunks of `space` nearest to `vector` (cosine distance, nearest first). */
  nearest(space: string, vector: Float32Array, k: number): NearChunk[] {
    const table = this.perTable.get(vector.length);
    if (!table) return [];
    const rows = table.nearest.all(blob(vector), k, space);
    const out: NearChunk[] = [];
    for (const row of rows) {
      const chunk = this.q.chunk.get(row.chunk_id);
      if (chunk) out.push({ chunkId: row.chunk_id, ...chunk, distance: row.distance });
    }
    return out;
  }
}
