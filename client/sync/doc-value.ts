// A value selected from a Y.Doc as an external store for React (useSyncExternalStore):
// the selection is read again only after the doc changed, and kept (the same object) while
// equal to the last one, so a component re-renders only when what it shows changed. This
// device's own writes are told at once (a pick shows in the event that made it); changes
// from elsewhere (sync) at most once a frame. React-free, so it is tested as plain code.
import type * as Y from 'yjs';
import { docVersion, onDocChange } from './doc-feed';

export type Equality<T> = (a: T, b: T) => boolean;
export type Select<T> = (doc: Y.Doc) => T;

export interface DocValueOptions<T> {
  /** When a new selection counts as the same (then the earlier object is kept). Default: deepEqual. */
  isEqual?: Equality<T>;
  /**
   * Whether a change may alter the selection: a cheap check that spares selecting again after
   * changes elsewhere in the doc (a streamed token, a keystroke in the draft). Default: any.
   */
  affects?: (transaction: Y.Transaction) => boolean;
  /** Changes from elsewhere are told no more often than this (a streaming reply re-renders less). */
  remoteEveryMs?: number;
}

export interface DocValueStore<T> {
  subscribe: (onChange: () => void) => () => void;
  /** The selection now: the same object until the doc changed and `select` gives a different value. */
  read: (select: Select<T>) => T;
}

/** Structural equality of JSON-like values (primitives, arrays, plain objects). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(y, key) && deepEqual(x[key], y[key]));
}

/** Whether `transaction` changed the shared `type` itself (a key of a map, the content of a text). */
export function changedType(transaction: Y.Transaction, type: object): boolean {
  // Yjs types `changed` per kind of event, which a map or text does not match: widen it.
  return (transaction.changed as ReadonlyMap<unknown, unknown>).has(type);
}

const nextFrame = (run: () => void): (() => void) => {
  if (typeof requestAnimationFrame === 'function') {
    const frame = requestAnimationFrame(run);
    return () => cancelAnimationFrame(frame);
  }
  const timer = setTimeout(run, 16); // no frames outside a browser (tests)
  return () => clearTimeout(timer);
};

/** `options` is read on every change, so a caller may pass new ones each render. */
export function docValueStore<T>(doc: Y.Doc, options: () => DocValueOptions<T>): DocValueStore<T> {
  let cached: { version: number; select: Select<T>; value: T } | undefined;

  const read = (select: Select<T>): T => {
    const version = docVersion(doc);
    if (cached && cached.version === version && cached.select === select) return cached.value;
    const next = select(doc);
    const isEqual = options().isEqual ?? deepEqual;
    const value = cached && isEqual(cached.value, next) ? cached.value : next;
    cached = { version, select, value };
    return value;
  };

  const subscribe = (onChange: () => void) => {
    let cancel: (() => void) | undefined;
    let last = Number.NEGATIVE_INFINITY;
    const tell = () => {
      cancel = undefined;
      last = performance.now();
      onChange();
    };
    const unsubscribe = onDocChange(doc, (transaction) => {
      const { affects, remoteEveryMs = 0 } = options();
      if (affects && !affects(transaction)) return;
      if (transaction.local) {
        cancel?.();
        tell();
        return;
      }
      if (cancel) return; // already due
      const wait = last + remoteEveryMs - performance.now();
      if (wait <= 0) {
        cancel = nextFrame(tell);
        return;
      }
      let stopFrame: (() => void) | undefined;
      const timer = setTimeout(() => {
        stopFrame = nextFrame(tell);
      }, wait);
      cancel = () => {
        clearTimeout(timer);
        stopFrame?.();
      };
    });
    return () => {
      unsubscribe();
      cancel?.();
    };
  };

  return { subscribe, read };
}
