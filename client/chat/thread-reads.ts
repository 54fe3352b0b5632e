// What the conversation selects from its docs through useDocValue, and which changes can
// alter each selection, so that a streamed token re-reads only its own message and a
// keystroke in the draft re-reads nothing but the draft.
import type * as Y from 'yjs';
import { readSettings, readThread, type ThreadMeta } from '../../shared/docs/index-doc';
import { activePath, listMessages, type Message, messageChanges, readMessage } from '../../shared/docs/thread-doc';
import type { DocValueOptions } from '../sync/doc-value';
import { buildRows, type Row } from './thread-view';

// ---- the thread doc -----------------------------------------------------------

/** The rows of the active path. Costly on a long thread: read again only when the path may have changed. */
export function readRows(doc: Y.Doc): Row[] {
  const all = listMessages(doc);
  return buildRows(all, activePath(doc, all));
}

/**
 * Rows are the same list when they show the same messages in the same places: each row
 * follows its own message's text and status itself (MessageItem), not through the list.
 */
export function sameRows(a: readonly Row[], b: readonly Row[]): boolean {
  return (
    a.length === b.length &&
    a.every((row, i) => {
      const other = b[i]!;
      return (
        row.message.id === other.message.id &&
        row.position === other.position &&
        row.count === other.count &&
        row.prevId === other.prevId &&
        row.nextId === other.nextId
      );
    })
  );
}

export const ROWS: DocValueOptions<Row[]> = {
  affects: (transaction) => messageChanges(transaction).structure,
  isEqual: sameRows,
};

/**
 * Streamed tokens arrive every few tens of milliseconds; re-rendering a reply (and parsing
 * its markdown) more often than this costs main-thread time that typing needs, for no
 * difference anyone can see.
 */
const STREAM_EVERY_MS = 50;

/** For one message: read again only after changes to it, and a streaming one at most every 50 ms. */
export const messageOptions = <T>(id: string): DocValueOptions<T> => ({
  affects: (transaction) => messageChanges(transaction).ids.has(id),
  remoteEveryMs: STREAM_EVERY_MS,
});

export type MessageState = Pick<Message, 'id' | 'role' | 'status' | 'error'>;

/** A message's role, status and error: when the latest reply starts, stops or fails, not each token. */
export function readMessageState(doc: Y.Doc, id: string): MessageState | undefined {
  const message = readMessage(doc, id);
  return message && { id: message.id, role: message.role, status: message.status, error: message.error };
}

// ---- the index doc --------------------------------------------------------------

/** What the thread page shows of its thread: all but `updatedAt`, which every change bumps. */
export type ShownThread = Omit<ThreadMeta, 'updatedAt'>;

export function readShownThread(index: Y.Doc, threadId: string): ShownThread | undefined {
  const meta = readThread(index, threadId);
  if (!meta) return undefined;
  const { updatedAt: _bumpedByEveryChange, ...shown } = meta;
  return shown;
}

export interface PickerSettings {
  favouriteModels: string[];
  defaultModel: string | null;
  /** The providers whose models the pickers offer; null: all of them. */
  enabledProviders: string[] | null;
}

export function readPickerSettings(index: Y.Doc): PickerSettings {
  const { favouriteModels, defaultModel, enabledProviders } = readSettings(index);
  return { favouriteModels, defaultModel, enabledProviders };
}
