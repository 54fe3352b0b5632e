// Encryption at rest: each user has a random 256-bit data key, stored wrapped (AES-256-GCM)
// by the master key; blobs are sealed with the data key and bound to their doc name, so a
// blob moved to another doc or user does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from '../db/open';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function seal(key: Buffer, plain: Uint8Array, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (blob[0] !== VERSION) throw new Error(`unknown sealed blob version ${blob[0]}`);
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** What seals and opens a user's blobs (DocStore's view of the keys). */
export type DocKeys = Pick<DataKeys, 'seal' | 'open'>;

export class DataKeys {
  private readonly cache = new Map<string, Buffer>();
  private readonly read;
  private readonly insert;

  constructor(
    db: Db,
    private readonly masterKey: Buffer,
  ) {
    this.read = db.prepare<[string], Buffer>('SELECT wrapped FROM data_keys WHERE user_id = ?').pluck();
    this.insert = db.prepare('INSERT OR IGNORE INTO data_keys (user_id, wrapped, created_at) VALUES (?, ?, ?)');
  }

  /** The user's data key, created on first use. */
  keyFor(userId: string): Buffer {
    const cached = this.cache.get(userId);
    if (cached) return cached;
    let wrapped = this.read.get(userId);
    if (!wrapped) {
      this.insert.run(userId, seal(this.masterKey, randomBytes(32), `data-key:${userId}`), Date.now());
      wrapped = this.read.get(userId)!;
    }
    const key = open(this.masterKey, wrapped, `data-key:${userId}`);
    this.cache.set(userId, key);
    return key;
  }

  seal(userId: string, context: string, plain: Uint8Array): Buffer {
    return seal(this.keyFor(userId), plain, context);
  }

  open(userId: string, context: string, sealed: Uint8Array): Buffer {
    return open(this.keyFor(userId), sealed, context);
  }

  /** Drops a deleted user's key from memory (its row went with the user). */
  forget(userId: string): void {
    this.cache.delete(userId);
  }
}

/**
 * Data keys handed over by the holder of the master key, one job at a time (the search
 * index's worker thread reads docs with them and never sees the master key).
 */
export class HandedKeys implements DocKeys {
  private readonly keys = new Map<string, Buffer>();

  hold(userId: string, key: Uint8Array): void {
    this.keys.set(userId, Buffer.from(key));
  }

  release(userId: string): void {
    this.keys.delete(userId);
  }

  private keyFor(userId: string): Buffer {
    const key = this.keys.get(userId);
    if (!key) throw new Error('no data key was handed over for this user');
    return key;
  }

  seal(userId: string, context: string, plain: Uint8Array): Buffer {
    return seal(this.keyFor(userId), plain, context);
  }

  open(userId: string, context: string, sealed: Uint8Array): Buffer {
    return open(this.keyFor(userId), sealed, context);
  }
}
