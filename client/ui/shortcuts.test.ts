// The shortcut registry: it recognises exactly the keys it names, the sheet lists every entry,
// and no keyboard handler in client/ reads keys itself (one that did would be missing from
// the ? sheet). tests/e2e/keyboard.test.ts checks the sheet as drawn.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { matches, SHORTCUTS, type Shortcut, shortcutKeys, shortcutSheet } from './shortcuts';

const CLIENT = path.resolve(import.meta.dirname, '..');

const press = (key: string, held: { ctrl?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
  key,
  ctrlKey: Boolean(held.ctrl),
  metaKey: Boolean(held.meta),
  altKey: Boolean(held.alt),
  shiftKey: Boolean(held.shift),
});

describe('matches', () => {
  test('a key with Ctrl needs Ctrl, and Shift exactly when the shortcut has it', () => {
    expect(matches(press('k', { ctrl: true }), SHORTCUTS.search)).toBe(true);
    expect(matches(press('K', { ctrl: true }), SHORTCUTS.search)).toBe(true); // caps lock
    expect(matches(press('k'), SHORTCUTS.search)).toBe(false);
    expect(matches(press('k', { ctrl: true, shift: true }), SHORTCUTS.search)).toBe(false);
    expect(matches(press('k', { ctrl: true, alt: true }), SHORTCUTS.search)).toBe(false);
    expect(matches(press('O', { ctrl: true, shift: true }), SHORTCUTS.newChat)).toBe(true);
    expect(matches(press('o', { ctrl: true }), SHORTCUTS.newChat)).toBe(false);
  });

  test('a key alone is not taken with Ctrl, ⌘ or Alt; Shift counts unless it types the key', () => {
    expect(matches(press('Enter'), SHORTCUTS.send)).toBe(true);
    expect(matches(press('Enter', { shift: true }), SHORTCUTS.send)).toBe(false); // a new line
    expect(matches(press('Enter', { ctrl: true }), SHORTCUTS.send)).toBe(false);
    expect(matches(press('Enter', { meta: true }), SHORTCUTS.send)).toBe(false);
    expect(matches(press('?', { shift: true }), SHORTCUTS.showShortcuts)).toBe(true);
    expect(matches(press('?'), SHORTCUTS.showShortcuts)).toBe(true);
    expect(matches(press('?', { ctrl: true }), SHORTCUTS.showShortcuts)).toBe(false);
    expect(matches(press(',', { shift: true }), SHORTCUTS.addTrait)).toBe(true);
  });

  test('any one of several keys', () => {
    expect(matches(press('ArrowDown'), SHORTCUTS.openChatMenu)).toBe(true);
    expect(matches(press('ArrowUp'), SHORTCUTS.openChatMenu)).toBe(true);
    expect(matches(press('ArrowLeft'), SHORTCUTS.openChatMenu)).toBe(false);
  });
});

test('the sheet lists every registered shortcut once, with its keys', () => {
  const listed = shortcutSheet().flatMap((group) => group.entries.map((entry) => ({ ...entry, group: group.title })));
  const registered = Object.entries(SHORTCUTS as Record<string, Shortcut>).map(([id, shortcut]) => ({
    id,
    description: shortcut.description,
    keys: shortcutKeys(shortcut),
    group: shortcut.group,
  }));
  expect(listed.toSorted((a, b) => a.id.localeCompare(b.id))).toEqual(
    registered.toSorted((a, b) => a.id.localeCompare(b.id)),
  );
  expect(shortcutKeys(SHORTCUTS.newChat)).toEqual([['Ctrl', 'Shift', 'O']]);
  expect(shortcutKeys(SHORTCUTS.openChatMenu)).toEqual([['↓'], ['↑']]);
});

/**
 * Where a handler may read keys itself: Tab moves focus as it does everywhere (a menu or the
 * drawer only keeps it in place), and the conversation watches the browser's own scrolling
 * keys to stop following a stream; neither is a shortcut of Hearth's.
 */
const OWN_KEYS: Record<string, string[]> = {
  'ui/shortcuts.ts': ['*'],
  'chat/use-follow-stream.ts': ['*'],
};
const ANYWHERE = ['Tab'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/**
 * Every read of a key off an event (`event.key`, `e.code`, `nativeEvent.key`): the key it is
 * compared with, or the read itself where it is switched on, listed or copied.
 */
const KEY_READ =
  /(?:(['"`])([^'"`\n]*)\1\s*[!=]==?\s*)?\b(?:\w*[eE]vent|e|ev)\.(?:key|code)\b(?:\s*[!=]==?\s*(['"`])([^'"`\n]*)\3)?/g;

function keyReads(code: string): string[] {
  return [...code.matchAll(KEY_READ)].map((m) => m[2] ?? m[4] ?? m[0].trim());
}

test('no keyboard handler in client/ reads keys itself: each goes through SHORTCUTS, so the sheet lists it', () => {
  const stray: string[] = [];
  for (const file of sources(CLIENT)) {
    const name = path.relative(CLIENT, file).split(path.sep).join('/');
    const allowed = [...ANYWHERE, ...(OWN_KEYS[name] ?? [])];
    if (allowed.includes('*')) continue;
    for (const read of keyReads(readFileSync(file, 'utf8'))) {
      if (!allowed.includes(read)) stray.push(`${name}: ${read}`);
    }
  }
  // A stray read: add the key to SHORTCUTS in client/ui/shortcuts.ts and use matches().
  expect(stray).toEqual([]);
});

test('the check finds the ways a handler reads keys', () => {
  expect(keyReads("if (event.key === 'Enter') send();")).toEqual(['Enter']);
  expect(keyReads("if (e.key !== 'Escape') return;")).toEqual(['Escape']);
  expect(keyReads("if ('F2' === event.key) rename();")).toEqual(['F2']);
  expect(keyReads('switch (event.key) {')).toEqual(['event.key']);
  expect(keyReads("['Home', 'End'].includes(event.key)")).toEqual(['event.key']);
  expect(keyReads('const key = event.key.toLowerCase();')).toEqual(['event.key']);
  expect(keyReads("if (event.nativeEvent.code === 'KeyK') {")).toEqual(['KeyK']);
  expect(keyReads('rows.find((row) => row.key === id); useLocation().key; shortcut.keys')).toEqual([]);
});
