import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyEdit, mapIndex } from './use-y-text';

describe('applyEdit', () => {
  it.each([
    ['hello', 'hello world'],
    ['hello world', 'hello'],
    ['abc', 'aXc'],
    ['', 'new'],
    ['gone', ''],
    ['aaaa', 'aaa'],
  ])('turns %j into %j in one change', (before, after) => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, before);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    applyEdit(text, before, after);
    expect(text.toString()).toBe(after);
    expect(updates).toHaveLength(1);
  });

  it('merges with a concurrent edit elsewhere in the text', () => {
    const a = new Y.Doc();
    a.getText('t').insert(0, 'one two');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyEdit(a.getText('t'), 'one two', 'one two three');
    applyEdit(b.getText('t'), 'one two', 'zero one two');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('zero one two three');
    expect(b.getText('t').toString()).toBe('zero one two three');
  });
});

describe('mapIndex', () => {
  it('moves a cursor past text inserted before it, not past text inserted after it', () => {
    expect(mapIndex(5, [{ insert: 'ab' }])).toBe(7);
    expect(mapIndex(5, [{ retain: 5 }, { insert: 'ab' }])).toBe(5);
    expect(mapIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
  });
});
