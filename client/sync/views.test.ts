// The view tables follow the docs: an open thread's rows are written only where they changed,
// each marked with whether it is on the active path; the thread list only for changed threads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { regenerate } from '../../shared/docs/chat-actions';
import { createThread, renameThread, watchThreads } from '../../shared/docs/index-doc';
import { addMessage, appendMessageText, draftOf } from '../../shared/docs/thread-doc';
import { db } from '../db/hearth-db';
import { MessageViews, writeThreadViews } from './views';

const USER = 'u'.repeat(32);
const THREAD = 't'.repeat(32);

beforeEach(() => db.delete({ disableAutoOpen: false }));
afterEach(() => vi.restoreAllMocks());

/** A question and its reply; returns the doc and the reply's id. */
function exchange(): { doc: Y.Doc; replyId: string } {
  const doc = new Y.Doc();
  const question = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'Hi?' });
  const replyId = addMessage(doc, { role: 'assistant', parentId: question, now: 2, text: 'Hello', model: 'm' });
  return { doc, replyId };
}

const rows = () => db.messages.where('threadId').equals(THREAD).sortBy('createdAt');

describe('message views', () => {
  it('marks the active path and keeps every row in step, writing only rows that changed', async () => {
    const { doc, replyId } = exchange();
    const views = new MessageViews(USER, THREAD, doc);
    const put = vi.spyOn(db.messages, 'bulkPut');
    await views.write();
    expect((await rows()).map((r) => [r.text, r.onPath])).toEqual([
      ['Hi?', 1],
      ['Hello', 1],
    ]);

    // A streamed token: its row alone.
    appendMessageText(doc, replyId, ' there');
    await views.write();
    expect(put.mock.calls.at(-1)?.[0]).toHaveLength(1);
    expect((await rows()).map((r) => r.text)).toEqual(['Hi?', 'Hello there']);

    // Typing in the draft: nothing to write.
    draftOf(doc).insert(0, 'next question');
    const calls = put.mock.calls.length;
    await views.write();
    expect(put.mock.calls.length).toBe(calls);

    // Regenerating moves the path to the new reply; the old one stays as another version.
    regenerate(doc, replyId, 'm', 3);
    await views.write();
    expect((await rows()).map((r) => [r.text, r.onPath])).toEqual([
      ['Hi?', 1],
      ['Hello there', 0],
      ['', 1],
    ]);
    views.stop();
  });

  it('writes the thread list whole, then only the threads a change touched', async () => {
    const index = new Y.Doc();
    const first = createThread(index, { now: 1, title: 'First' });
    createThread(index, { now: 2, title: 'Second' });
    expect(await writeThreadViews(USER, index)).toHaveLength(2);

    const changed = new Set<string>();
    const unwatch = watchThreads(index, (ids) => {
      for (const id of ids) changed.add(id);
    });
    renameThread(index, first, 'First, renamed', 3);
    expect([...changed]).toEqual([first]);
    const written = await writeThreadViews(USER, index, changed);
    expect(written.map((t) => t.title)).toEqual(['First, renamed']);
    expect((await db.threads.get(first))?.title).toBe('First, renamed');
    unwatch();
  });
});
