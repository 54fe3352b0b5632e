// What the indexer (main thread) and its worker thread say to each other. The main thread
// decides what to index; the worker does the heavy part (reading and opening stored docs,
// decoding them, writing FTS5 and vec0 rows) with its own connections, so sync and replies
// never wait on it.
import type { Message } from '../../shared/docs/thread-doc';
import type { LogFields, LogLevel } from '../log/logger';
import type { DocMessage } from './index-store';

export type IndexJob =
  /** Drop every row of the doc. */
  | { kind: 'remove'; name: string }
  /** A doc in memory: the main thread read these messages from it (cheap: a doc that changed). */
  | {
      kind: 'write';
      name: string;
      userId: string;
      threadId: string;
      messages: DocMessage[];
      /** True: `messages` are all of the doc's; false: only those that changed, and `gone` were removed. */
      complete: boolean;
      gone: string[];
      updatedAt: number;
    }
  /** A stored doc: the worker reads and opens it with its user's data key. */
  | { kind: 'load'; name: string; userId: string; threadId: string; key: Uint8Array };

export interface JobResult {
  name: string;
  userId: string | null;
  /** Messages whose rows changed. */
  written: number;
  error?: { message: string; code?: string };
}

export type ToWorker = { type: 'jobs'; jobs: IndexJob[] } | { type: 'reconcile' };

export type FromWorker =
  | { type: 'done'; results: JobResult[] }
  /** Thread docs whose stored change the index does not reflect (newest first), and indexed docs no longer stored. */
  | { type: 'reconciled'; changed: string[]; gone: string[] }
  /** The worker could not open the index file. */
  | { type: 'failed'; error: { message: string; code?: string } }
  | { type: 'log'; level: LogLevel; msg: string; fields?: LogFields };

const UNFINISHED = new Set(['queued', 'streaming', 'cancel']);

export const toDocMessage = (m: Message): DocMessage => ({
  id: m.id,
  role: m.role,
  createdAt: m.createdAt,
  text: m.text,
  final: !UNFINISHED.has(m.status),
});

/** An error as it crosses between threads: its message and SQLite code (isCorruption reads it). */
export const errorFields = (error: unknown): { message: string; code?: string } => {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
};

export const errorOf = (fields: { message: string; code?: string }): Error =>
  Object.assign(new Error(fields.message), fields.code ? { code: fields.code } : {});
