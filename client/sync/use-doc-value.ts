// The one way a component reads a Y.Doc: `select` a value from it, and re-render only when
// that value changes (like tldraw's useValue over its store). Writes go to the doc and
// come back through here, so what a component shows is what the doc holds.
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { type DocValueOptions, docValueStore, type Select } from './doc-value';

export { deepEqual, type Equality } from './doc-value';

const noStore = () => () => {};

/**
 * `select(doc)`, kept up to date; undefined while `doc` is. Pass a stable `select` (a
 * module function, or useCallback) when it is costly: a new one is run on every render.
 */
export function useDocValue<T>(
  doc: Y.Doc | undefined,
  select: Select<T>,
  options: DocValueOptions<T> = {},
): T | undefined {
  const latest = useRef(options);
  latest.current = options;
  const store = useMemo(() => doc && docValueStore(doc, () => latest.current), [doc]);
  const read = useCallback(() => store?.read(select), [store, select]);
  return useSyncExternalStore(store?.subscribe ?? noStore, read, read);
}
