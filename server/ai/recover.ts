// Recovery at boot. A reply's status in its thread doc is the truth; the generations table
// is only an index of the replies the server took on, so that a restart reopens their docs
// at once, oldest first. An index can miss one (its rows deleted, or a crash between a doc
// write and the row), so every stored thread doc is then read once, in the background, and
// the ones holding an unfinished reply are opened too. Opening a doc is all it takes: the
// runner looks at every doc as it loads, answers queued replies and settles the others.
import * as Y from 'yjs';
import { parseDocName } from '../../shared/docs/names';
import { assistantMessagesWithStatus, type MessageStatus } from '../../shared/docs/thread-doc';
import type { Logger } from '../log/logger';
import type { DocRegistry } from '../sync/doc-registry';
import type { GenerationLog } from './generations';

/** Statuses the runner acts on: queued (answer it), cancel (stop it), streaming (is it still ours?). */
export const NEEDS_ATTENTION: readonly MessageStatus[] = ['queued', 'cancel', 'streaming'];

export interface RecoveryDeps {
  docs: DocRegistry;
  generations: GenerationLog;
  log: Logger;
}

/**
 * Reopens the docs the index lists. `taken` tells whether the runner took a reply on when
 * its doc opened; a row whose reply needed nothing more (done, or settled just now) goes.
 */
export function reopenIndexed(deps: RecoveryDeps, taken: (docName: string, messageId: string) => boolean): void {
  const rows = deps.generations.unfinished();
  let resumed = 0;
  for (const row of rows) {
    const ref = parseDocName(row.docName);
    try {
      if (ref?.kind === 'thread') deps.docs.open(ref);
    } catch (error) {
      deps.log.info('an unfinished reply belongs to a doc that is gone', { userId: row.userId, err: error });
    }
    if (taken(row.docName, row.messageId)) resumed++;
    else deps.generations.remove(row.docName, row.messageId);
  }
  if (rows.length) deps.log.info('recovered unfinished replies', { resumed, settled: rows.length - resumed });
}

/**
 * Reads every stored thread doc that is not in memory, one per turn of the event loop, and
 * opens those with an unfinished reply. Stops early when `stopping()` says so.
 */
export async function reopenFromDocs(deps: RecoveryDeps, stopping: () => boolean): Promise<void> {
  const started = performance.now();
  let threads = 0;
  let reopened = 0;
  for (const name of deps.docs.store.names()) {
    if (stopping()) return;
    const ref = parseDocName(name);
    // A loaded doc was looked at when it loaded (the index's docs among them).
    if (ref?.kind !== 'thread' || deps.docs.peek(name)) continue;
    threads++;
    try {
      if (hasUnfinished(deps.docs.stateOf(ref))) {
        deps.docs.open(ref);
        reopened++;
      }
    } catch (error) {
      deps.log.warn('could not look for unfinished replies in a thread', { userId: ref.userId, err: error });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ms = Math.round(performance.now() - started);
  deps.log.info('checked every thread for unfinished replies', { threads, reopened, ms });
}

function hasUnfinished(state: Uint8Array | null): boolean {
  if (!state) return false;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return assistantMessagesWithStatus(doc, NEEDS_ATTENTION).length > 0;
  } finally {
    doc.destroy();
  }
}
