import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMode, deleteMode, listModes, readMode, updateMode } from './modes';

describe('modes', () => {
  it('create, read, update and delete', () => {
    const doc = new Y.Doc();
    const id = createMode(doc, { name: 'Pirate', systemPrompt: 'Talk like a pirate.', icon: '🏴‍☠️', now: 1 });
    expect(readMode(doc, id)).toMatchObject({ name: 'Pirate', systemPrompt: 'Talk like a pirate.', deletedAt: null });
    expect(updateMode(doc, id, { systemPrompt: 'Arr.', icon: null })).toBe(true);
    expect(readMode(doc, id)).toMatchObject({ systemPrompt: 'Arr.', icon: null });
    deleteMode(doc, id, 2);
    expect(listModes(doc)).toEqual([]);
    expect(readMode(doc, id)?.deletedAt).toBe(2);
    expect(updateMode(doc, id, { name: 'back' })).toBe(false);
  });

  it('merges concurrent edits of different fields', () => {
    const a = new Y.Doc();
    const id = createMode(a, { name: 'Tutor', systemPrompt: 'Teach.', now: 1 });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateMode(a, id, { name: 'Patient tutor' });
    updateMode(b, id, { systemPrompt: 'Teach slowly.' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readMode(a, id)).toMatchObject({ name: 'Patient tutor', systemPrompt: 'Teach slowly.' });
  });
});
