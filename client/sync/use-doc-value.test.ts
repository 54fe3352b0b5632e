// useDocValue, the one way components read a Y.Doc: its store on its own (driven the way
// useSyncExternalStore drives it: read after each change, re-render when the read is a new
// object) and one render through React.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  changedType,
  type DocValueOptions,
  type DocValueStore,
  deepEqual,
  docValueStore,
  type Select,
} from './doc-value';
import { useDocValue } from './use-doc-value';

const settingsOf = (doc: Y.Doc) => doc.getMap<string>('settings');
const selectTheme: Select<{ theme: string }> = (doc) => ({ theme: settingsOf(doc).get('theme') ?? 'system' });

/** What React does with the store: one render, then another each time the read is a new object. */
function mount<T>(store: DocValueStore<T>, select: Select<T>) {
  const renders: T[] = [store.read(select)];
  const unsubscribe = store.subscribe(() => {
    const next = store.read(select);
    if (!Object.is(next, renders.at(-1))) renders.push(next);
  });
  return { renders, unsubscribe };
}

/** A change made on another device, arriving through sync. */
function fromElsewhere(doc: Y.Doc, change: (other: Y.Doc) => void): void {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(doc);
  change(other);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before), 'sync');
}

const storeOf = <T>(doc: Y.Doc, options: DocValueOptions<T> = {}) => docValueStore(doc, () => options);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useDocValue store', () => {
  it('keeps the same selection while other parts of the doc change', () => {
    const doc = new Y.Doc();
    const { renders } = mount(storeOf(doc), selectTheme);
    doc.getMap('threads').set('t1', 'a chat');
    doc.getText('draft').insert(0, 'typing');
    settingsOf(doc).set('uiFont', 'serif');
    expect(renders).toEqual([{ theme: 'system' }]);
  });

  it('re-renders once for each change of the selected value, in the writing call itself', () => {
    const doc = new Y.Doc();
    const { renders } = mount(storeOf(doc), selectTheme);
    settingsOf(doc).set('theme', 'light');
    expect(renders).toHaveLength(2); // at once: no frame waited for
    settingsOf(doc).set('theme', 'dark');
    settingsOf(doc).set('theme', 'dark');
    doc.transact(() => {
      settingsOf(doc).set('theme', 'light');
      settingsOf(doc).set('theme', 'dark');
    });
    expect(renders).toEqual([{ theme: 'system' }, { theme: 'light' }, { theme: 'dark' }]);
  });

  it('tells changes from elsewhere once a frame, however many arrive', () => {
    const doc = new Y.Doc();
    const { renders } = mount(storeOf(doc), selectTheme);
    fromElsewhere(doc, (other) => settingsOf(other).set('theme', 'light'));
    fromElsewhere(doc, (other) => settingsOf(other).set('theme', 'dark'));
    expect(renders).toHaveLength(1);
    vi.advanceTimersByTime(16);
    expect(renders).toEqual([{ theme: 'system' }, { theme: 'dark' }]);
  });

  it('spaces changes from elsewhere by remoteEveryMs', () => {
    const doc = new Y.Doc();
    const text = doc.getText('reply');
    const onChange = vi.fn();
    storeOf(doc, { remoteEveryMs: 50 }).subscribe(onChange);
    for (let token = 0; token < 10; token++) {
      fromElsewhere(doc, (other) => other.getText('reply').insert(text.length, 'token '));
      vi.advanceTimersByTime(20); // a token every 20 ms for 200 ms
    }
    vi.advanceTimersByTime(100);
    expect(text.toString()).toBe('token '.repeat(10));
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(onChange.mock.calls.length).toBeLessThanOrEqual(5); // not 10
  });

  it('does not select again after a change that `affects` rules out', () => {
    const doc = new Y.Doc();
    const select = vi.fn(selectTheme);
    const settings = settingsOf(doc);
    const store = storeOf(doc, { affects: (transaction) => changedType(transaction, settings) });
    const { renders } = mount(store, select);
    doc.getText('draft').insert(0, 'a keystroke');
    expect(select).toHaveBeenCalledTimes(1);
    settings.set('theme', 'dark');
    expect(select).toHaveBeenCalledTimes(2);
    expect(renders.at(-1)).toEqual({ theme: 'dark' });
  });

  it('reads what changed before it subscribed (between a render and its subscription)', () => {
    const doc = new Y.Doc();
    const store = storeOf(doc);
    const first = store.read(selectTheme);
    settingsOf(doc).set('theme', 'dark');
    expect(store.read(selectTheme)).not.toBe(first);
    expect(store.read(selectTheme)).toEqual({ theme: 'dark' });
  });

  it('stops telling after unsubscribing, including a change from elsewhere already due', () => {
    const doc = new Y.Doc();
    const onChange = vi.fn();
    const unsubscribe = storeOf(doc).subscribe(onChange);
    fromElsewhere(doc, (other) => settingsOf(other).set('theme', 'light'));
    unsubscribe();
    vi.advanceTimersByTime(100);
    settingsOf(doc).set('theme', 'dark');
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('deepEqual', () => {
  it('compares arrays and plain objects by content', () => {
    expect(deepEqual({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(deepEqual({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(deepEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
  });
});

function Theme({ from }: { from: Y.Doc | undefined }) {
  const value = useDocValue(from, selectTheme);
  return createElement('p', null, value?.theme ?? 'loading');
}

describe('useDocValue', () => {
  it('renders the selection, and nothing from a doc still loading', () => {
    const doc = new Y.Doc();
    settingsOf(doc).set('theme', 'dark');
    expect(renderToString(createElement(Theme, { from: doc }))).toBe('<p>dark</p>');
    expect(renderToString(createElement(Theme, { from: undefined }))).toBe('<p>loading</p>');
  });
});
