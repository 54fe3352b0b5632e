// The uploads of one user's files, in the background. A file is queued when attached (its
// bytes are in the device's `blobs` table already) and again when a message that refers to
// it is sent, because the server only keeps a file safe from garbage collection for a while
// after a PUT or HEAD (README, "Attachments: storage"). Each job asks HEAD first: stored
// means done; otherwise it sends from the server's Upload-Offset, so a broken upload resumes.
// Failures wait (retryDelay) and try again; a refusal that retrying cannot fix (too big,
// wrong type) stays on the chip. The queue lives in IndexedDB, so it survives reloads.
import type { HearthDB, UploadRow } from '../db/hearth-db';
import { retryDelay } from './backoff';
import { type BlobTransport, TransferError } from './blob-transport';

/** What a chip shows about its file's upload. */
export interface UploadProgress {
  sha256: string;
  sent: number;
  total: number;
  done: boolean;
  /** The last failure, in words. */
  error?: string;
  /** True when the upload gave up (the server refused the file). */
  stopped?: boolean;
}

type Listener = () => void;

export class UploadQueue {
  private readonly progress = new Map<string, UploadProgress>();
  private readonly listeners = new Set<Listener>();
  private running = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly db: HearthDB,
    private readonly userId: string,
    private readonly transport: BlobTransport,
    private readonly isOnline: () => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues `sha256` (its bytes must be in `blobs`) and starts uploading when it can. */
  async enqueue(sha256: string): Promise<void> {
    const existing = await this.db.uploads.get([this.userId, sha256]);
    if (!existing || existing.stopped) {
      await this.db.uploads.put({ userId: this.userId, sha256, queuedAt: this.now(), attempts: 0 });
    }
    this.kick();
  }

  /** Uploads what is queued, unless a run is under way (which then goes round again). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getProgress = (sha256: string): UploadProgress | undefined => this.progress.get(sha256);

  /** Resolves when nothing is left to upload but what the server refused (for tests and sign-out). */
  async pending(): Promise<UploadRow[]> {
    return this.db.uploads.where('[userId+queuedAt]').between([this.userId, 0], [this.userId, Infinity]).toArray();
  }

  private report(update: UploadProgress): void {
    this.progress.set(update.sha256, update);
    for (const listener of this.listeners) listener();
  }

  private async run(): Promise<void> {
    while (!this.stopped && this.isOnline()) {
      const rows = (await this.pending()).filter((row) => !row.stopped);
      if (rows.length === 0) return;
      const due = rows.filter((row) => (row.retryAt ?? 0) <= this.now());
      if (due.length === 0) {
        const next = Math.min(...rows.map((row) => row.retryAt ?? 0));
        this.timer = setTimeout(() => this.kick(), Math.max(0, next - this.now()));
        return;
      }
      for (const row of due) {
        if (this.stopped || !this.isOnline()) return;
        await this.upload(row);
      }
    }
  }

  private async upload(row: UploadRow): Promise<void> {
    const stored = await this.db.blobs.get([this.userId, row.sha256]);
    if (!stored) {
      // The bytes are gone from this device (storage cleared): nothing left to send.
      await this.db.uploads.delete([this.userId, row.sha256]);
      return;
    }
    const { blob } = stored;
    const total = blob.size;
    try {
      const head = await this.transport.head(row.sha256);
      let offset = head.stored ? total : head.offset;
      // A 409 says where the server's copy ends: go on from there, at most a few times.
      for (let tries = 0; offset < total; tries++) {
        this.report({ sha256: row.sha256, sent: offset, total, done: false });
        try {
          await this.transport.put(row.sha256, blob, offset, (sent) =>
            this.report({ sha256: row.sha256, sent, total, done: false }),
          );
          offset = total;
        } catch (error) {
          if (!(error instanceof TransferError) || error.offset === undefined || tries >= 2) throw error;
          offset = error.offset;
        }
      }
      await this.db.uploads.delete([this.userId, row.sha256]);
      this.report({ sha256: row.sha256, sent: total, total, done: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = !(error instanceof TransferError) || error.retry;
      const attempts = row.attempts + 1;
      await this.db.uploads.update([this.userId, row.sha256], {
        attempts,
        error: message,
        ...(retry ? { retryAt: this.now() + retryDelay(attempts) } : { stopped: true }),
      });
      const sent = this.progress.get(row.sha256)?.sent ?? 0;
      this.report({
        sha256: row.sha256,
        sent,
        total,
        done: false,
        error: message,
        ...(retry ? {} : { stopped: true }),
      });
    }
  }
}
