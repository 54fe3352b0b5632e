// The seam between Hearth and where blob bytes live: a directory in the data directory today
// (directory-store.ts), an S3-compatible bucket one day. Blobs are content-addressed per
// user (a user's blob is named by the SHA-256 of its bytes, and another user's blob of the
// same bytes is another blob), sealed at rest, and written only whole and verified: an
// upload that broke off is kept as an unfinished upload, in whole chunks, to resume.

/** A stored blob. */
export interface BlobInfo {
  sha256: string;
  /** Bytes of the file (not of its sealed form). */
  size: number;
  /** MIME type given when it was uploaded. */
  type: string;
  /** When it was stored or last confirmed by a device (touch): its age for garbage collection. */
  storedAt: number;
}

/** A stored blob as listed: its type is read only when it is opened. */
export type StoredBlob = Omit<BlobInfo, 'type'>;

/** An upload that has not finished: what the store holds of it. */
export interface UnfinishedUpload {
  sha256: string;
  /** Bytes held, from the start: where the upload resumes. */
  offset: number;
  /** The file's full size and type, as declared when the upload began. */
  size: number;
  type: string;
  /** When bytes last arrived. */
  updatedAt: number;
}

export interface PutRequest {
  /** MIME type; ignored when resuming (the unfinished upload's is kept). */
  type: string;
  /** The file's full size. */
  size: number;
  /** Where `body` starts in the file: 0, or the offset of the unfinished upload it continues. */
  offset: number;
  /** The bytes from `offset` on. An error thrown by it counts as a broken connection. */
  body: AsyncIterable<Uint8Array>;
  /** Refused when the user's usage with this file would pass this many bytes. */
  quotaBytes: number;
}

/** How a put ended. Only `stored` and `exists` leave a blob; `incomplete` leaves an unfinished upload. */
export type PutResult =
  | { status: 'stored'; info: BlobInfo }
  | { status: 'exists'; info: BlobInfo }
  /** The body ended (or broke) before `size` bytes: resume from `offset`. */
  | { status: 'incomplete'; offset: number }
  /** `offset` or `size` does not match what is held: resume from `offset` (0: start again). */
  | { status: 'wrong-offset'; offset: number }
  /** The bytes' SHA-256 is not the blob's name, or there were more than `size` bytes: nothing is kept. */
  | { status: 'mismatch' }
  | { status: 'over-quota'; usedBytes: number }
  /** The disk (or the store's volume) is full: nothing is kept. */
  | { status: 'disk-full' };

/** A blob being read: its info, and its bytes, opened as they stream (a damaged chunk throws). */
export interface BlobReader {
  info: BlobInfo;
  body: AsyncGenerator<Uint8Array, void, undefined>;
}

export interface BlobUsage {
  /** Bytes counted against the quota: stored blobs and the declared size of unfinished uploads. */
  bytes: number;
  blobs: number;
}

export interface BlobStore {
  put(userId: string, sha256: string, request: PutRequest): Promise<PutResult>;
  /** Null when the user has no such blob (whether or not another user has). */
  read(userId: string, sha256: string): Promise<BlobReader | null>;
  stat(userId: string, sha256: string): Promise<BlobInfo | null>;
  /** Marks a blob as just confirmed by a device: it is young again for garbage collection. */
  touch(userId: string, sha256: string): Promise<void>;
  unfinished(userId: string, sha256: string): Promise<UnfinishedUpload | null>;
  delete(userId: string, sha256: string): Promise<void>;
  /** Drops an unfinished upload; false when none was held or it is being written to. */
  discardUnfinished(userId: string, sha256: string): Promise<boolean>;
  list(userId: string): Promise<StoredBlob[]>;
  listUnfinished(userId: string): Promise<UnfinishedUpload[]>;
  usage(userId: string): Promise<BlobUsage>;
  /** Users that have anything stored. */
  users(): Promise<string[]>;
  /** Removes everything of the user. */
  deleteUser(userId: string): Promise<void>;
}
