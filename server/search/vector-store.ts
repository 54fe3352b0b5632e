// The vectors of embedded chunks, in sqlite-vec vec0 tables (one per vector size), each row
// in the partition of its `space`: one user and one embedding model. A nearest-neighbour
// query names its space, so it reads one user's vectors of one model and nothing else:
// other users' vectors, and vectors another model made, are never compared with it. The
// scan runs on binary-quantized vectors and its candidates are ranked again by cosine
// distance on the full vectors (see vectorTable).
import type Database from 'better-sqlite3';
import { bitsFor, type SearchDb, vectorTable, vectorTables } from './search-db';

/** The partition of a user's vectors made by one model (an embedding space key, see embedding-target.ts). */
export const spaceOf = (userId: string, spaceKey: string) => `${userId}|${spaceKey}`;

/** Candidates the binary scan brings per neighbour asked for, before they are ranked again. */
const OVERSAMPLE = 2;
/** sqlite-vec's scan slows sharply past a couple of hundred candidates. */
const MOST_CANDIDATES = 200;

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
  /** Cosine distance on the full vectors: 0 is the same direction, 1 unrelated. */
  distance: number;
}

interface TableStatements {
  insert: Database.Statement<[bigint, string, Buffer, Buffer]>;
  remove: Database.Statement<[bigint]>;
  scan: Database.Statement<[Buffer, number, string], { chunk_id: number; full: Buffer }>;
}

const blob = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

/** The vector as float32s padded with zeros to whole bytes of bits (a zero quantizes to 0 on both sides). */
function padded(vector: Float32Array): Buffer {
  const bits = bitsFor(vector.length);
  if (bits === vector.length) return blob(vector);
  const out = new Float32Array(bits);
  out.set(vector);
  return blob(out);
}

function cosineDistance(query: Float32Array, queryNorm: number, full: Buffer): number {
  const other = new Float32Array(full.buffer, full.byteOffset, full.byteLength / 4);
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < other.length; i++) {
    dot += query[i]! * other[i]!;
    norm += other[i]! * other[i]!;
  }
  return norm === 0 || queryNorm === 0 ? 1 : 1 - dot / (Math.sqrt(norm) * queryNorm);
}

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
        insert: this.db.prepare(
          `INSERT INTO ${table} (chunk_id, space, embedding, full) VALUES (?, ?, vec_quantize_binary(?), ?)`,
        ),
        remove: this.db.prepare(`DELETE FROM ${table} WHERE chunk_id = ?`),
        scan: this.db.prepare(
          `SELECT chunk_id, full FROM ${table} WHERE embedding MATCH vec_quantize_binary(?) AND k = ? AND space = ?`,
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
      this.statements(dims).insert.run(BigInt(id), space, padded(chunk.vector), blob(chunk.vector));
    }
  }

  /** Removes a message's chunks and vectors (vec0 rows do not follow foreign keys: this does it). */
  removeFor(message: number): void {
    for (const { id, dims } of this.q.chunksOf.all(message)) this.statements(dims).remove.run(BigInt(id));
    this.q.dropChunks.run(message);
  }

  /** About the `k` chunks of `space` nearest to `vector`, nearest first by cosine distance. */
  nearest(space: string, vector: Float32Array, k: number): NearChunk[] {
    const table = this.perTable.get(vector.length);
    if (!table) return [];
    let queryNorm = 0;
    for (const v of vector) queryNorm += v * v;
    queryNorm = Math.sqrt(queryNorm);
    const candidates = table.scan.all(padded(vector), Math.min(MOST_CANDIDATES, k * OVERSAMPLE), space);
    const ranked = candidates
      .map((row) => ({ chunkId: row.chunk_id, distance: cosineDistance(vector, queryNorm, row.full) }))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, k);
    const out: NearChunk[] = [];
    for (const { chunkId, distance } of ranked) {
      const chunk = this.q.chunk.get(chunkId);
      if (chunk) out.push({ chunkId, ...chunk, distance });
    }
    return out;
  }
}
