import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createThread, deleteThread, readThread, setThreadMode } from './index-doc';

describe('setThreadMode', () => {
  it('sets and clears the mode, bumping updatedAt', () => {
    const doc = new Y.Doc();
    const id = createThread(doc, { now: 1 });
    expect(setThreadMode(doc, id, 'mode-a', 5)).toBe(true);
    expect(readThread(doc, id)).toMatchObject({ modeId: 'mode-a', updatedAt: 5 });
    expect(setThreadMode(doc, id, null, 6)).toBe(true);
    expect(readThread(doc, id)).toMatchObject({ modeId: null, updatedAt: 6 });
  });

  it('leaves unknown and deleted threads alone', () => {
    const doc = new Y.Doc();
    const id = createThread(doc, { now: 1 });
    deleteThread(doc, id, 2);
    expect(setThreadMode(doc, id, 'mode-a', 3)).toBe(false);
    expect(setThreadMode(doc, 'nope', 'mode-a', 3)).toBe(false);
    expect(readThread(doc, id)?.modeId).toBeNull();
  });
});
